/** The DocumentRenderer port: report files drawn by docx, exceljs and resvg, in the document's language. */
import type { DocumentRenderer, ReportFileKind } from "../../app/ports.js";
import type { DetailInput, DocumentLocale, PlanDocumentInput, ReportDocumentInput, ReviewDocumentInput } from "../../app/documents.js";
import type { CommitteeDocumentInput } from "../../app/documents.js";
import type { I18n } from "../i18n/index.js";
import { renderChartPng } from "./chart.js";
import { renderCommitteeChartPng, renderCommitteeDocx, renderCommitteeXlsx } from "./committee.js";
import { renderReportDocx } from "./docx.js";
import { renderPlanDocx, renderReviewDocx } from "./personal-docx.js";
import { renderDetailXlsx, renderReportXlsx } from "./xlsx.js";

export function documentRenderer(i18n: I18n): DocumentRenderer {
  return {
    async reportFile(kind: ReportFileKind, input: ReportDocumentInput, locale: DocumentLocale) {
      const t = i18n.t(locale);
      switch (kind) {
        case "docx":
          return renderReportDocx(input, t);
        case "xlsx":
          return renderReportXlsx(input, t);
        case "chart":
          return renderChartPng(input, t);
      }
    },
    detailXlsx: (input: DetailInput, locale: DocumentLocale) => renderDetailXlsx(input, i18n.t(locale)),
    async committeeFile(kind: ReportFileKind, input: CommitteeDocumentInput, locale: DocumentLocale) {
      const t = i18n.t(locale);
      switch (kind) {
        case "docx":
          return renderCommitteeDocx(input, t);
        case "xlsx":
          return renderCommitteeXlsx(input, t);
        case "chart":
          return renderCommitteeChartPng(input, t);
      }
    },
    planDocx: (input: PlanDocumentInput) => renderPlanDocx(input, i18n.t(input.locale)),
    reviewDocx: (input: ReviewDocumentInput) => renderReviewDocx(input, i18n.t(input.locale)),
  };
}
