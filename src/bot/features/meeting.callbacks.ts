/**
 * The meeting feature's buttons (issue 19): "✍ Đánh giá chung" / "✍ Phương hướng" under a
 * closed round's /baocao and under an ended campaign's /tonghop. Typed codecs (callback-codec.ts);
 * the `*_PATTERN` and `encode…` names are those callback-data.ts always exported.
 */
import { codec, idField, reportTextField, type ReportTextCode } from "../callback-codec.js";

export const reportTextData = codec("reportText", "rt", { roundId: idField, text: reportTextField }, { scope: "anyone" });
export const campaignTextData = codec("campaignText", "wx", { committeeId: idField, campaignId: idField, text: reportTextField }, { scope: "anyone" });

export const MEETING_CALLBACKS = [reportTextData, campaignTextData] as const;

export const REPORT_TEXT_PATTERN = reportTextData.pattern;
export const encodeReportText = (roundId: number, text: ReportTextCode) => reportTextData.encode({ roundId, text });
export const CAMPAIGN_TEXT_PATTERN = campaignTextData.pattern;
export const encodeCampaignText = (committeeId: number, campaignId: number, text: ReportTextCode) => campaignTextData.encode({ committeeId, campaignId, text });
