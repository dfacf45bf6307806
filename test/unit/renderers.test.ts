import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { TFunction } from "i18next";
import { createI18n } from "../../src/infra/i18n/index.js";
import { renderChartPng, renderChartSvg } from "../../src/infra/renderers/chart.js";
import { renderCommitteeChartSvg, renderCommitteeDocx, renderCommitteeXlsx } from "../../src/infra/renderers/committee.js";
import { renderPlanDocx } from "../../src/infra/renderers/personal-docx.js";
import { renderReportDocx } from "../../src/infra/renderers/docx.js";
import { DETAIL_HEADER_ROW, renderDetailXlsx, renderReportXlsx } from "../../src/infra/renderers/xlsx.js";
import { signedChange } from "../../src/infra/renderers/common.js";
import {
  emptyReport,
  largeReport,
  PENDING,
  sampleCommittee,
  sampleDetail,
  samplePlan,
  sampleReport,
  SECRETARY,
  SUBMITTED_OTHERS,
} from "./renderers-fixtures/sample.js";

let vi: TFunction;
let en: TFunction;

beforeAll(async () => {
  const i18n = await createI18n("vi");
  vi = i18n.t("vi");
  en = i18n.t("en");
});

async function documentXml(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const file = zip.file("word/document.xml");
  if (!file) throw new Error("no word/document.xml");
  return file.async("string");
}

/** Text of a paragraph-level XML fragment: the w:t contents, XML entities decoded. */
function texts(xml: string): string[] {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) =>
    (m[1] ?? "")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&"),
  );
}

/** The cell texts of the table row whose first cell is `code`. */
function itemRow(xml: string, code: string): string[] {
  const row = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => texts(m[0])).find((cells) => cells[0] === code);
  if (!row) throw new Error(`no row for ${code}`);
  return row;
}

async function readWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

function rowValues(sheet: ExcelJS.Worksheet, row: number): unknown[] {
  const values = sheet.getRow(row).values;
  return Array.isArray(values) ? values.slice(1) : [];
}

function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("renderReportDocx", () => {
  it("writes the Party document header, title and sign-off", async () => {
    const xml = await documentXml(await renderReportDocx(sampleReport("vi"), vi));
    const all = texts(xml).join("\n");
    expect(all).toContain("ĐẢNG CỘNG SẢN VIỆT NAM");
    expect(all).toContain("ĐẢNG BỘ PHƯỜNG BA ĐÌNH");
    expect(all).toContain("CHI BỘ PHÒNG TỔ CHỨC");
    expect(all).toMatch(/^Số {6,}-BC\/CB$/m);
    expect(all).toContain("Hà Nội, ngày 05 tháng 12 năm 2026");
    expect(all).toContain("BÁO CÁO");
    expect(all).toContain("kết quả tự soi, tự sửa theo Nghị quyết 04-NQ/TW");
    expect(all).toContain("Đợt tự soi quý IV/2026");
    expect(all).toContain("T/M CHI BỘ");
    expect(all).toContain("BÍ THƯ");
    expect(all).toContain(SECRETARY);
    expect(all).toContain("Nơi nhận:");
    expect(all).toContain("- Đảng bộ phường Ba Đình (để báo cáo),");
    expect(all).toContain("- Lưu chi bộ.");
  });

  it("uses A4, Times New Roman 14 pt and Vietnamese language tags", async () => {
    const xml = await documentXml(await renderReportDocx(sampleReport("vi"), vi));
    expect(xml).toMatch(/<w:pgSz[^>]*w:w="11906"[^>]*w:h="16838"/);
    expect(xml).toContain("Times New Roman");
    expect(xml).toContain('<w:sz w:val="28"/>');
    expect(xml).toContain('w:val="vi-VN"');
  });

  it("lists every item with its counts, its share of the forms submitted and the change from the previous round", async () => {
    const xml = await documentXml(await renderReportDocx(sampleReport("vi"), vi));
    // 7 forms submitted: 3 of them is 43%.
    expect(itemRow(xml, "1.4")).toEqual(["1.4", "Không chấp hành nghiêm nguyên tắc tổ chức", "2", "1", "3", "43%", "\u22121"]);
    expect(itemRow(xml, "1.5")).toEqual(["1.5", "Thiếu thành khẩn trong tự phê bình, phê bình", "1", "1", "2", "29%", "+1"]);
    expect(itemRow(xml, "2.4").slice(2)).toEqual(["2", "0", "2", "29%", "0"]);
    expect(itemRow(xml, "3.9").slice(2)).toEqual(["0", "0", "0", "0%", "0"]);
    const codes = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => texts(m[0])[0]).filter((c) => /^\d\.\d$/.test(c ?? ""));
    expect(codes).toHaveLength(27);
    expect(texts(xml)).toContain("So với đợt trước");
  });

  it("states participation, clean forms, correction and the comparison with the previous round", async () => {
    const all = texts(await documentXml(await renderReportDocx(sampleReport("vi"), vi))).join("\n");
    expect(all).toContain("Số đảng viên đã nộp bản tự soi: 7/10 đồng chí, đạt 70%.");
    expect(all).toContain(`Đảng viên chưa nộp: ${PENDING.join(", ")}.`);
    expect(all).toContain("Số bản tự soi không đánh dấu biểu hiện nào: 2/7 bản đã nộp.");
    expect(all).toContain("Số biện pháp khắc phục đảng viên đã cam kết: 5.");
    expect(all).toContain("Tình hình thực hiện đến tháng 12/2026:");
    expect(all).toContain("- Quá thời hạn đã cam kết mà chưa khắc phục: 1.");
    expect(all).toContain("IV. SO SÁNH VỚI ĐỢT TRƯỚC");
    expect(all).toContain("Có 4/6 biện pháp khắc phục của đợt trước đã hoàn thành (67%).");
    expect(all).toContain("V. ĐÁNH GIÁ CHUNG");
  });

  it("names no member except the secretary and those who have not submitted", async () => {
    const xml = await documentXml(await renderReportDocx(sampleReport("vi"), vi));
    const all = texts(xml).join("\n");
    for (const name of SUBMITTED_OTHERS) expect(all).not.toContain(name);
    for (const name of PENDING) expect(all).toContain(name);
    // The name with markup is escaped as text, not written as XML.
    expect(xml).toContain("Phạm &lt;b&gt;&amp; Cường");
    expect(xml).not.toContain("<b>");
  });

  it("omits the comparison section without a previous round, and dots the place when it is not set", async () => {
    const all = texts(await documentXml(await renderReportDocx(emptyReport("vi"), vi))).join("\n");
    expect(all).not.toContain("SO SÁNH VỚI ĐỢT TRƯỚC");
    expect(all).not.toContain("So với đợt trước");
    expect(all).toContain("IV. ĐÁNH GIÁ CHUNG");
    expect(all).toContain(`${"\u2026".repeat(5)}, ngày 05 tháng 12 năm 2026`);
    expect(all).toContain("Chưa có bản tự soi nào được nộp.");
  });

  it("writes the English document in English", async () => {
    const all = texts(await documentXml(await renderReportDocx(sampleReport("en"), en))).join("\n");
    expect(all).toContain("COMMUNIST PARTY OF VIET NAM");
    expect(all).toContain("REPORT");
    expect(all).toContain("Results of self-examination and self-correction under Resolution 04-NQ/TW");
    expect(all).toMatch(/^No\. {6,}-BC\/CB$/m);
    expect(all).toContain("Ha Noi, 05/12/2026");
    expect(all).toContain("ON BEHALF OF THE PARTY CELL");
    expect(all).not.toContain("BÁO CÁO");
  });
});

describe("renderReportDocx: a document the secretary can file (36-HD/VPTW)", () => {
  /** The paragraphs' texts of the first cell of the first table: the header's left column. */
  const headerLeft = (xml: string) => {
    const cell = /<w:tc>[\s\S]*?<\/w:tc>/.exec(xml)?.[0] ?? "";
    return [...cell.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => texts(p[0]).join(""));
  };

  it("leaves the number blank for the office's register, never the round's sequence number", async () => {
    for (const input of [sampleReport("vi"), emptyReport("vi")]) {
      const all = texts(await documentXml(await renderReportDocx(input, vi))).join("\n");
      expect(all).toMatch(/^Số {6,}-BC\/CB$/m);
      expect(all).not.toMatch(/Số \d+-BC/);
    }
  });

  it("prints the number the secretary set for the report", async () => {
    const all = texts(await documentXml(await renderReportDocx({ ...sampleReport("vi"), documentNumber: "05" }, vi))).join("\n");
    expect(all).toMatch(/^Số 05-BC\/CB$/m);
  });

  it("names Kết luận 21-KL/TW only where the campaign runs under it", async () => {
    const off = texts(await documentXml(await renderReportDocx({ ...sampleReport("vi"), conclusion21: false }, vi))).join("\n");
    expect(off).toContain("những biểu hiện “tự diễn biến”, “tự chuyển hóa” trong nội bộ, chi bộ đã tổ chức");
    expect(off).not.toContain("21-KL/TW");
    const on = texts(await documentXml(await renderReportDocx({ ...sampleReport("vi"), conclusion21: true }, vi))).join("\n");
    expect(on).toContain("trong nội bộ gắn với Kết luận số 21-KL/TW ngày 25/10/2021");
  });

  it("prints a dotted line where the higher body goes when it is not set, never a placeholder name", async () => {
    const xml = await documentXml(await renderReportDocx(emptyReport("vi"), vi));
    const all = texts(xml).join("\n");
    expect(headerLeft(xml)).toEqual(["\u2026".repeat(12), "CHI BỘ PHÒNG TỔ CHỨC", "*"]);
    expect(all).toContain(`- ${"\u2026".repeat(12)} (để báo cáo),`);
    expect(all).not.toMatch(/Đảng ủy cấp trên/i);
    // Set, it takes that line.
    expect(headerLeft(await documentXml(await renderReportDocx(sampleReport("vi"), vi)))).toEqual(["ĐẢNG BỘ PHƯỜNG BA ĐÌNH", "CHI BỘ PHÒNG TỔ CHỨC", "*"]);
  });

  it("names the resolution's full subject, Kết luận 21-KL/TW and the checklist's count in the intro", async () => {
    const all = texts(await documentXml(await renderReportDocx(sampleReport("vi"), vi))).join("\n");
    expect(all).toContain(
      "Thực hiện Nghị quyết số 04-NQ/TW ngày 30/10/2016 của Hội nghị lần thứ tư Ban Chấp hành Trung ương Đảng khóa XII về tăng cường xây dựng, " +
        "chỉnh đốn Đảng; ngăn chặn, đẩy lùi sự suy thoái về tư tưởng chính trị, đạo đức, lối sống, những biểu hiện “tự diễn biến”, “tự chuyển hóa” " +
        "trong nội bộ gắn với Kết luận số 21-KL/TW ngày 25/10/2021 của Ban Chấp hành Trung ương Đảng khóa XIII, chi bộ đã tổ chức cho đảng viên " +
        "tự soi, tự sửa theo 27 biểu hiện suy thoái về tư tưởng chính trị, đạo đức, lối sống, “tự diễn biến”, “tự chuyển hóa”; hạn nộp bản tự soi là ngày 30/11/2026.",
    );
    expect(all).not.toContain('"');
  });

  it("closes with the cell's general assessment and its directions, each with dotted lines to write on", async () => {
    const xml = await documentXml(await renderReportDocx(sampleReport("vi"), vi));
    const all = texts(xml).join("\n");
    expect(all).toContain("V. ĐÁNH GIÁ CHUNG");
    expect(all).toContain("VI. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI");
    expect(all).not.toContain("CHI ỦY");
    const between = xml.slice(xml.indexOf("V. ĐÁNH GIÁ CHUNG"), xml.indexOf("VI. PHƯƠNG HƯỚNG"));
    const after = xml.slice(xml.indexOf("VI. PHƯƠNG HƯỚNG"), xml.indexOf("T/M CHI BỘ"));
    for (const part of [between, after]) expect(part.match(/w:leader="dot"/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
    const english = texts(await documentXml(await renderReportDocx(emptyReport("en"), en))).join("\n");
    expect(english).toContain("IV. GENERAL ASSESSMENT");
    expect(english).toContain("V. DIRECTIONS AND TASKS FOR THE COMING PERIOD");
  });

  it("heads the item tables with TT and Tổng số", async () => {
    const xml = await documentXml(await renderReportDocx(sampleReport("vi"), vi));
    const header = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((m) => texts(m[0])).find((cells) => cells[0] === "TT");
    expect(header).toEqual(["TT", "Biểu hiện", "Mức độ nhẹ", "Cần khắc phục", "Tổng số", "Tỷ lệ", "So với đợt trước"]);
  });

  it("does not put the English prefix before a Vietnamese cell name in the English document", async () => {
    const input = { ...sampleReport("en"), cellName: "Chi bộ Phòng Tổ chức" };
    const xml = await documentXml(await renderReportDocx(input, en));
    const all = texts(xml).join("\n");
    expect(headerLeft(xml)[1]).toBe("CHI BỘ PHÒNG TỔ CHỨC");
    expect(all).not.toContain("PARTY CELL CHI BỘ");
    // An English name without the prefix still gets it; a Vietnamese document of an English name too.
    expect(headerLeft(await documentXml(await renderReportDocx({ ...input, cellName: "Organisation Office" }, en)))[1]).toBe("PARTY CELL ORGANISATION OFFICE");
    expect(headerLeft(await documentXml(await renderReportDocx({ ...sampleReport("vi"), cellName: "Party cell of the Office" }, vi)))[1]).toBe(
      "PARTY CELL OF THE OFFICE",
    );
  });
});

describe("renderReportXlsx", () => {
  it("has the summary, by-item and participation sheets with numbers as numbers, each under its title row", async () => {
    const workbook = await readWorkbook(await renderReportXlsx(sampleReport("vi"), vi));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Tổng hợp", "Theo biểu hiện", "Tham gia"]);

    const summary = workbook.getWorksheet("Tổng hợp")!;
    const summaryRows = new Map(Array.from({ length: summary.rowCount }, (_, i) => rowValues(summary, i + 1)).map((r) => [r[0], r[1]]));
    expect(summaryRows.get("Chi bộ")).toBe("Chi bộ Phòng Tổ chức");
    expect(summaryRows.get("Hạn nộp")).toBe("30/11/2026");
    expect(summaryRows.get("Số đảng viên đã nộp")).toBe(7);
    // A percentage is Excel's: 0.7 shown as 70%.
    expect(summaryRows.get("Tỷ lệ đã nộp")).toBe(0.7);
    const percentRow = Array.from({ length: summary.rowCount }, (_, i) => summary.getRow(i + 1)).find((r) => r.getCell(1).value === "Tỷ lệ đã nộp")!;
    expect(percentRow.getCell(2).numFmt).toBe("0%");
    expect(summary.getCell("A1").value).toBe("Tổng hợp: Chi bộ Phòng Tổ chức, Đợt tự soi quý IV/2026");
    expect(summaryRows.get("Đảng viên chưa nộp")).toBe(PENDING.join(", "));
    expect(summaryRows.get("Quá thời hạn mà chưa khắc phục")).toBe(1);
    expect(summaryRows.get("Đợt trước")).toBe("Đợt tự soi quý III/2026");

    const items = workbook.getWorksheet("Theo biểu hiện")!;
    expect(items.getCell("A1").value).toBe("Theo biểu hiện: Chi bộ Phòng Tổ chức, Đợt tự soi quý IV/2026");
    expect(rowValues(items, 2)).toEqual(["Nhóm", "Mã", "Biểu hiện", "Mức độ nhẹ", "Cần khắc phục", "Tổng số đảng viên", "Tổng số đợt trước", "Thay đổi"]);
    expect(items.rowCount).toBe(2 + 27);
    const row14 = Array.from({ length: 27 }, (_, i) => rowValues(items, i + 3)).find((r) => r[1] === "1.4");
    expect(row14).toEqual(["Nhóm 1: Tư tưởng chính trị", "1.4", "Không chấp hành nghiêm nguyên tắc tổ chức", 2, 1, 3, 4, -1]);
    expect(rowValues(items, 29)).toEqual(["Nhóm 3: “Tự diễn biến”, “tự chuyển hóa”", "3.9", "Dân tộc hẹp hòi, tôn giáo cực đoan", 0, 0, 0, 0, 0]);
    expect(items.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    expect(items.getRow(2).font?.bold).toBe(true);
    // Ready to print: A4 landscape, one page wide, the header row on every page.
    expect(items.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToWidth: 1, printTitlesRow: "2:2" });

    const participation = workbook.getWorksheet("Tham gia")!;
    const people = Array.from({ length: participation.rowCount - 2 }, (_, i) => rowValues(participation, i + 3));
    expect(people).toContainEqual(["Lê Văn Đức", "Không", "Không"]);
    expect(people).toContainEqual(["Nguyễn Thị Hằng", "Không", "Có"]);
    expect(people).toContainEqual(["Phạm <b>& Cường", "Không", "Có"]);
    expect(people).toContainEqual([SECRETARY, "Có", "Có"]);
    expect(people).toHaveLength(10);
  });

  it("before any follow-up went out, says when the bot will ask about progress, not a month of 'no answer'", async () => {
    // As /baocao and the DOCX: the month's figures only once the follow-up asked.
    const workbook = await readWorkbook(await renderReportXlsx({ ...sampleReport("vi"), firstFollowUpDay: "2027-01-01" }, vi));
    const summary = workbook.getWorksheet("Tổng hợp")!;
    const rows = Array.from({ length: summary.rowCount }, (_, i) => rowValues(summary, i + 1));
    const labels = rows.map((r) => r[0]);
    expect(rows).toContainEqual(["Biện pháp khắc phục đã cam kết", 5]);
    expect(rows).toContainEqual(["Theo dõi tiến độ khắc phục", "Bot sẽ hỏi tiến độ khắc phục vào ngày 01/01/2027."]);
    for (const monthly of [
      "Tháng theo dõi khắc phục",
      "Đã khắc phục",
      "Đang khắc phục",
      "Chưa khắc phục",
      "Chưa báo cáo tiến độ trong tháng",
      "Quá thời hạn mà chưa khắc phục",
    ]) {
      expect(labels).not.toContain(monthly);
    }

    const english = await readWorkbook(await renderReportXlsx({ ...sampleReport("en"), firstFollowUpDay: "2027-01-01" }, en));
    const englishRows = Array.from({ length: english.getWorksheet("Summary")!.rowCount }, (_, i) => rowValues(english.getWorksheet("Summary")!, i + 1));
    expect(englishRows).toContainEqual(["Correction progress follow-up", "The bot will ask about correction progress on 01/01/2027."]);
    expect(englishRows.map((r) => r[0])).not.toContain("No progress reported this month");
  });

  it("leaves the previous total and change blank without a previous round", async () => {
    const workbook = await readWorkbook(await renderReportXlsx(emptyReport("en"), en));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Summary", "By item", "Participation"]);
    const items = workbook.getWorksheet("By item")!;
    expect(rowValues(items, 3)).toEqual(["Group 1: Political ideology", "1.1", "Fading revolutionary ideals", 0, 0, 0]);
  });
});

describe("renderDetailXlsx", () => {
  it("has one row per marked item and one per member with nothing marked", async () => {
    const detail = sampleDetail("vi");
    const workbook = await readWorkbook(await renderDetailXlsx(detail, vi));
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe("Chi tiết");
    const rows = Array.from({ length: sheet.rowCount - DETAIL_HEADER_ROW }, (_, i) => rowValues(sheet, DETAIL_HEADER_ROW + 1 + i));
    const expected = detail.members.reduce((sum, m) => sum + Math.max(1, m.items.length), 0);
    expect(rows).toHaveLength(expected);
    expect(rows).toContainEqual([
      "Đỗ Minh Châu",
      "Có",
      "1.4",
      "Không chấp hành nghiêm nguyên tắc tổ chức",
      "Cần khắc phục",
      "Nhận việc & hoàn thành đúng hạn <đúng hẹn>",
      new Date(Date.UTC(2026, 10, 15)),
      "Chưa khắc phục",
      "12/2026",
    ]);
    expect(sheet.getColumn(7).numFmt).toBe("dd/mm/yyyy");
    expect(rows).toContainEqual(["Đặng Thu Trang", "Có", undefined, "(không đánh dấu biểu hiện nào)"]);
    expect(rows).toContainEqual(["Nguyễn Thị Hằng", "Không", undefined, "(chưa nộp)"]);
    expect(rowValues(sheet, DETAIL_HEADER_ROW)[0]).toBe("Họ và tên");
  });
});

describe("renderChartPng", () => {
  it("renders a 1200 px wide PNG whose height follows the rows", () => {
    const png = renderChartPng(sampleReport("vi"), vi);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const { width, height } = pngSize(png);
    expect(width).toBe(1200);
    expect(height).toBeGreaterThanOrEqual(300);
    expect(height).toBeLessThanOrEqual(4000);
    expect(png.length).toBeGreaterThan(5_000);
    const large = pngSize(renderChartPng(largeReport("vi"), vi));
    expect(large.height).toBeGreaterThan(height);
    expect(large.height).toBeLessThanOrEqual(4000);
  });

  it("draws only the marked items, labelled with code and short label, and escapes markup", () => {
    const input = sampleReport("vi");
    input.cellName = "Chi bộ <A & B>";
    const svg = renderChartSvg(input, vi);
    expect(svg).toContain("1.4. Không chấp hành nghiêm nguyên tắc tổ chức");
    expect(svg).toContain("Nhóm 1: Những biểu hiện suy thoái về tư tưởng chính trị");
    expect(svg).not.toContain("3.9. ");
    expect(svg).toContain("Chi bộ &lt;A &amp; B&gt;");
    expect(svg).toContain("Đã nộp: 7/10 đảng viên (70%)");
    expect(svg).toContain("Mức độ nhẹ");
    expect(svg).toContain("Cần khắc phục");
  });

  it("says so when nothing was marked", () => {
    const empty = emptyReport("vi");
    expect(renderChartSvg(empty, vi)).toContain("Chưa có đảng viên nào nộp bản tự soi.");
    const png = renderChartPng(empty, vi);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(png).height).toBeGreaterThanOrEqual(300);

    const clean = { ...empty, data: { ...empty.data, submitted: 3, percent: 100, pendingNames: [], cleanForms: 3 } };
    expect(renderChartSvg(clean, vi)).toContain("Không đảng viên nào tự nhận biểu hiện nào.");
    expect(renderChartSvg(clean, en)).toContain("No member acknowledged any manifestation.");
  });
});

describe("empty report", () => {
  it("renders all three files without throwing", async () => {
    for (const [locale, t] of [
      ["vi", vi],
      ["en", en],
    ] as const) {
      const input = emptyReport(locale);
      expect((await renderReportDocx(input, t)).length).toBeGreaterThan(1_000);
      expect((await renderReportXlsx(input, t)).length).toBeGreaterThan(1_000);
      expect(renderChartPng(input, t).length).toBeGreaterThan(1_000);
    }
  });
});

describe("signedChange", () => {
  it("writes +n, a real minus sign, or 0", () => {
    expect(signedChange(3, 1)).toBe("+2");
    expect(signedChange(1, 3)).toBe("\u22122");
    expect(signedChange(2, 2)).toBe("0");
  });
});

/** The paragraphs' texts of the first cell of the first table: the header's left column. */
const headerLeftOf = (xml: string) => {
  const cell = /<w:tc>[\s\S]*?<\/w:tc>/.exec(xml)?.[0] ?? "";
  return [...cell.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => texts(p[0]).join(""));
};

describe("each level's paper (36-HD/VPTW)", () => {
  it("prints a cell's higher body, suffix, sign-off and recipient from its marks", async () => {
    const input = {
      ...sampleReport("vi"),
      higherBody: "Đảng bộ xã Vĩnh Thạnh Trung",
      documentNumber: "07",
      marks: { recipient: "Đảng ủy xã Vĩnh Thạnh Trung", numberSuffix: "CB", signOff: null, signOffBody: "cell" as const },
    };
    const xml = await documentXml(await renderReportDocx(input, vi));
    const all = texts(xml).join("\n");
    expect(headerLeftOf(xml)).toEqual(["ĐẢNG BỘ XÃ VĨNH THẠNH TRUNG", "CHI BỘ PHÒNG TỔ CHỨC", "*"]);
    expect(all).toMatch(/^Số 07-BC\/CB$/m);
    expect(all).toContain("- Đảng ủy xã Vĩnh Thạnh Trung (để báo cáo),");
    expect(all).toContain("T/M CHI BỘ");
    const custom = texts(await documentXml(await renderReportDocx({ ...input, marks: { ...input.marks, signOff: "T/M CHI ỦY" } }, vi))).join("\n");
    expect(custom).toContain("T/M CHI ỦY");
    expect(custom).not.toContain("T/M CHI BỘ");
  });

  it("heads a huyện ủy's report with its tỉnh's đảng bộ, numbers it -BC/HU and signs it T/M BAN THƯỜNG VỤ", async () => {
    const xml = await documentXml(await renderCommitteeDocx(sampleCommittee("vi"), vi));
    const all = texts(xml).join("\n");
    expect(headerLeftOf(xml)).toEqual(["ĐẢNG BỘ TỈNH AN GIANG", "HUYỆN ỦY CHÂU PHÚ", "*"]);
    expect(all).toMatch(/^Số 125-BC\/HU$/m);
    expect(all).toContain("Châu Phú, ngày 05 tháng 12 năm 2026");
    expect(all).toContain("T/M BAN THƯỜNG VỤ");
    expect(all).not.toContain("T/M ĐẢNG ỦY");
    expect(all).toContain("- Tỉnh ủy An Giang (để báo cáo),");
    const english = texts(await documentXml(await renderCommitteeDocx(sampleCommittee("en"), en))).join("\n");
    expect(english).toMatch(/^No\. 125-BC\/HU$/m);
    expect(english).toContain("ON BEHALF OF THE STANDING COMMITTEE");
  });

  it("cites Kết luận 21-KL/TW in the committee's intro as the cell's does, unless it is off", async () => {
    const on = texts(await documentXml(await renderCommitteeDocx(sampleCommittee("vi"), vi))).join("\n");
    expect(on).toContain(
      "những biểu hiện “tự diễn biến”, “tự chuyển hóa” trong nội bộ gắn với Kết luận số 21-KL/TW ngày 25/10/2021 của Ban Chấp hành Trung ương Đảng khóa XIII và kế hoạch của Tỉnh ủy An Giang, cấp ủy đã chỉ đạo",
    );
    const off = texts(await documentXml(await renderCommitteeDocx({ ...sampleCommittee("vi"), conclusion21: false }, vi))).join("\n");
    expect(off).toContain("trong nội bộ và kế hoạch của Tỉnh ủy An Giang");
    expect(off).not.toContain("21-KL/TW");
  });

  it("gives each item's share of the forms counted in the committee's tables, '<1%' rather than 0% beside a count", async () => {
    const xml = await documentXml(await renderCommitteeDocx(sampleCommittee("vi"), vi));
    // Counted cells submitted 80 + 70 + 162 = 312 forms: 30 is 10%, 10 is 3%.
    expect(itemRow(xml, "1.4").slice(2)).toEqual(["20", "10", "30", "10%"]);
    expect(itemRow(xml, "3.9").slice(2)).toEqual(["0", "0", "0", "0%"]);
    const few = { ...sampleCommittee("vi") };
    few.groups = few.groups.map((g) => ({ ...g, items: g.items.map((i) => (i.code === "1.4" ? { ...i, minor: 1, significant: 0, total: 1 } : i)) }));
    expect(itemRow(await documentXml(await renderCommitteeDocx(few, vi)), "1.4").slice(2)).toEqual(["1", "0", "1", "<1%"]);
  });

  it("dots the place of the committee's date line when it is not set", async () => {
    const all = texts(await documentXml(await renderCommitteeDocx({ ...sampleCommittee("vi"), place: "" }, vi))).join("\n");
    expect(all).toContain(`${"\u2026".repeat(5)}, ngày 05 tháng 12 năm 2026`);
  });

  it("puts the committee's workbook under title rows, with percentages as Excel percentages", async () => {
    const workbook = await readWorkbook(await renderCommitteeXlsx(sampleCommittee("vi"), vi));
    const units = workbook.getWorksheet("Đơn vị trực thuộc")!;
    expect(units.getCell("A1").value).toBe("Đơn vị trực thuộc: Huyện ủy Châu Phú, Đợt tự soi, tự sửa quý IV năm 2026 theo Kế hoạch của Ban Thường vụ Tỉnh ủy");
    expect(rowValues(units, 2)).toEqual(["Đơn vị", "Số đảng viên", "Đã nộp", "Tỷ lệ"]);
    expect(rowValues(units, 3)).toEqual(["Đảng ủy xã Vĩnh Thạnh Trung", 212, 150, 0.71]);
    expect(units.getCell("D3").numFmt).toBe("0%");
    const cells = workbook.getWorksheet("Theo chi bộ")!;
    expect(cells.getCell("E3").value).toBe(0.67);
    expect(cells.getCell("E3").numFmt).toBe("0%");
    expect(cells.pageSetup).toMatchObject({ orientation: "landscape", fitToWidth: 1, printTitlesRow: "2:2" });
    const summary = workbook.getWorksheet("Tổng hợp")!;
    const row = Array.from({ length: summary.rowCount }, (_, i) => summary.getRow(i + 1)).find((r) => r.getCell(1).value === "Tỷ lệ đảng viên đã nộp")!;
    expect(row.getCell(2).value).toBe(0.8);
    expect(row.getCell(2).numFmt).toBe("0%");
  });

  it("fits the committee chart's whole title, on two lines when it is long", () => {
    const svg = renderCommitteeChartSvg(sampleCommittee("vi"), vi);
    const title = [...svg.matchAll(/<text [^>]*font-size="26"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(title).toHaveLength(2);
    expect(title.join(" ")).toBe("Huyện ủy Châu Phú - Đợt tự soi, tự sửa quý IV năm 2026 theo Kế hoạch của Ban Thường vụ Tỉnh ủy");
  });

  it("gives the personal plan the member's position, a date column that does not wrap, and the chi ủy's comment block", async () => {
    const xml = await documentXml(await renderPlanDocx(samplePlan("vi"), vi));
    const all = texts(xml).join("\n");
    expect(all).toContain("Họ và tên: Đỗ Minh Châu");
    expect(all).toContain("Chức vụ: Chi ủy viên");
    expect(headerLeftOf(xml)).toEqual(["ĐẢNG BỘ XÃ VĨNH THẠNH TRUNG", "CHI BỘ ẤP VĨNH THẠNH", "*"]);
    expect(all).toContain(`${"\u2026".repeat(5)}, ngày 05 tháng 12 năm 2026`);
    const comment = xml.slice(xml.indexOf("NHẬN XÉT CỦA CHI ỦY"));
    expect(xml.indexOf("NGƯỜI VIẾT")).toBeLessThan(xml.indexOf("NHẬN XÉT CỦA CHI ỦY"));
    expect(comment.match(/w:leader="dot"/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
    expect(texts(comment)).toEqual(expect.arrayContaining(["T/M CHI ỦY", "BÍ THƯ"]));
    // The date column ("Thời hạn") is wide enough for "31/01/2027" in 13 pt: 1,500 twips at least.
    const grid = [...(/<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/.exec(xml.slice(xml.indexOf("Biểu hiện tự nhận") - 4000))?.[1] ?? "").matchAll(/w:w="(\d+)"/g)].map(
      (m) => Number(m[1]),
    );
    expect(grid).toHaveLength(5);
    expect(grid[3]).toBeGreaterThanOrEqual(1500);
    const english = texts(await documentXml(await renderPlanDocx(samplePlan("en"), en))).join("\n");
    expect(english).toContain("Position: Committee member");
    expect(english).toContain("COMMENTS OF THE CELL COMMITTEE");
  });
});
