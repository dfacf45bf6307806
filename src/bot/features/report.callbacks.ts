/**
 * /baocao's buttons: a file of a round for the group, another round's summary, the private
 * detailed spreadsheet, and "Đóng đợt sớm" (confirmed in private). Typed codecs (callback-codec.ts);
 * the `*_PATTERN` and `encode…` names are those callback-data.ts always exported.
 */
import { codec, codeField, FILE_CODES, fileField, idField, type ReportFile } from "../callback-codec.js";

export const reportFileData = codec("reportFile", "rf", { roundId: idField, file: fileField }, { scope: "anyone" });
export const reportRoundData = codec("reportRound", "rr", { roundId: idField }, { scope: "anyone" });
export const detailXlsxData = codec("detailXlsx", "rx", { roundId: idField }, { scope: "private" });
/** "Đóng đợt sớm" under a summary: asks for confirmation (in private) before closing. */
export const askCloseRoundData = codec("askCloseRound", "cq", { roundId: idField }, { scope: "anyone" });
export const cancelCloseRoundData = codec("cancelCloseRound", "cq:no", {}, { scope: "private" });

export const REPORT_CALLBACKS = [reportFileData, reportRoundData, detailXlsxData, askCloseRoundData, cancelCloseRoundData] as const;

export const REPORT_FILE_PATTERN = reportFileData.pattern;
export const encodeReportFile = (roundId: number, file: ReportFile) => reportFileData.encode({ roundId, file });
/** The file a code names (null: none). */
export const reportFileFromCode = (code: string): ReportFile | null => codeField(FILE_CODES).parse(code);
export const REPORT_ROUND_PATTERN = reportRoundData.pattern;
export const encodeReportRound = (roundId: number) => reportRoundData.encode({ roundId });
export const DETAIL_XLSX_PATTERN = detailXlsxData.pattern;
export const encodeDetailXlsx = (roundId: number) => detailXlsxData.encode({ roundId });
export const ASK_CLOSE_ROUND_PATTERN = askCloseRoundData.pattern;
export const encodeAskCloseRound = (roundId: number) => askCloseRoundData.encode({ roundId });
export const CANCEL_CLOSE_ROUND = cancelCloseRoundData.encode({});
