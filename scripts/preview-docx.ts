/**
 * Writes the sample report (test/unit/renderers-fixtures) as DOCX, XLSX and chart PNG, for a
 * look at the layout: `node --import tsx scripts/preview-docx.ts out.docx [vi|en]`.
 * The chart and workbooks go next to the DOCX (chart.png, report.xlsx, detail.xlsx), with a
 * huyện ủy's papers under its tỉnh ủy (committee.docx, workbook-committee.xlsx, chart-committee.png)
 * and a member's correction plan (plan.docx).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createI18n } from "../src/infra/i18n/index.js";
import { renderChartPng } from "../src/infra/renderers/chart.js";
import { renderCommitteeChartPng, renderCommitteeDocx, renderCommitteeXlsx } from "../src/infra/renderers/committee.js";
import { renderPlanDocx } from "../src/infra/renderers/personal-docx.js";
import { renderReportDocx } from "../src/infra/renderers/docx.js";
import { renderDetailXlsx, renderReportXlsx } from "../src/infra/renderers/xlsx.js";
import { emptyReport, sampleCommittee, sampleDetail, samplePlan, sampleReport } from "../test/unit/renderers-fixtures/sample.js";

const out = path.resolve(process.argv[2] ?? "bench/out/preview.docx");
const locale = process.argv[3] === "en" ? "en" : "vi";
const dir = path.dirname(out);
mkdirSync(dir, { recursive: true });

const t = (await createI18n("vi")).t(locale);
const input = sampleReport(locale);
const write = (file: string, data: Buffer) => {
  writeFileSync(file, data);
  console.log(file);
};

write(out, await renderReportDocx(input, t));
write(path.join(dir, "chart.png"), renderChartPng(input, t));
write(path.join(dir, "chart-empty.png"), renderChartPng(emptyReport(locale), t));
write(path.join(dir, "report.xlsx"), await renderReportXlsx(input, t));
write(path.join(dir, "detail.xlsx"), await renderDetailXlsx(sampleDetail(locale), t));
write(path.join(dir, "committee.docx"), await renderCommitteeDocx(sampleCommittee(locale), t));
write(path.join(dir, "workbook-committee.xlsx"), await renderCommitteeXlsx(sampleCommittee(locale), t));
write(path.join(dir, "chart-committee.png"), renderCommitteeChartPng(sampleCommittee(locale), t));
write(path.join(dir, "plan.docx"), await renderPlanDocx(samplePlan(locale), t));
