/**
 * After the meeting (issue 13): the report back to the members of a closed round, its
 * conclusions, sending it, cancelling; and the cell's year totals under /baocao. Typed codecs
 * (callback-codec.ts); the `*_PATTERN` and `encode…` names are those callback-data.ts always exported.
 */
import { codec, idField, yearField } from "../callback-codec.js";

export const reportBackData = codec("reportBack", "rb", { roundId: idField }, { scope: "anyone" });
export const reportBackConclusionsData = codec("reportBackConclusions", "rk", { roundId: idField }, { scope: "private" });
export const reportBackSendData = codec("reportBackSend", "rs", { roundId: idField }, { scope: "private" });
export const cancelReportBackData = codec("cancelReportBack", "rb:no", {}, { scope: "private" });
/** The cell's year totals under /baocao. */
export const reportYearData = codec("reportYear", "ry", { year: yearField }, { scope: "anyone" });

export const REPORT_BACK_CALLBACKS = [reportBackData, reportBackConclusionsData, reportBackSendData, cancelReportBackData, reportYearData] as const;

export const REPORT_BACK_PATTERN = reportBackData.pattern;
export const encodeReportBack = (roundId: number) => reportBackData.encode({ roundId });
export const REPORT_BACK_CONCLUSIONS_PATTERN = reportBackConclusionsData.pattern;
export const encodeReportBackConclusions = (roundId: number) => reportBackConclusionsData.encode({ roundId });
export const REPORT_BACK_SEND_PATTERN = reportBackSendData.pattern;
export const encodeReportBackSend = (roundId: number) => reportBackSendData.encode({ roundId });
export const CANCEL_REPORT_BACK = cancelReportBackData.encode({});
export const REPORT_YEAR_PATTERN = reportYearData.pattern;
export const encodeReportYear = (year: number) => reportYearData.encode({ year });
