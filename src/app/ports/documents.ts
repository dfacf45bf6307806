/**
 * Turning report data into files (DOCX, XLSX, PNG chart). The app asks for the bytes; an
 * implementation in infra/renderers draws them, in the document's language.
 */
import type { CommitteeDocumentInput, DetailInput, DocumentLocale, PlanDocumentInput, ReportDocumentInput, ReviewDocumentInput } from "../documents.js";

export type ReportFileKind = "docx" | "xlsx" | "chart";

export interface DocumentRenderer {
  reportFile(kind: ReportFileKind, input: ReportDocumentInput, locale: DocumentLocale): Promise<Uint8Array>;
  detailXlsx(input: DetailInput, locale: DocumentLocale): Promise<Uint8Array>;
  /** A committee's roll-up of a campaign as a file (the numbers of its /tonghop text). */
  committeeFile(kind: ReportFileKind, input: CommitteeDocumentInput, locale: DocumentLocale): Promise<Uint8Array>;
  /** A member's own correction plan, as a personal paper (DOCX). */
  planDocx(input: PlanDocumentInput): Promise<Uint8Array>;
  /** A member's record of a year, as a personal paper (DOCX). */
  reviewDocx(input: ReviewDocumentInput): Promise<Uint8Array>;
}
