/**
 * The member's own papers: the plan of their latest round (/kehoach), the year's record
 * (/kiemdiem). Typed codecs (callback-codec.ts); the names are those callback-data.ts always exported.
 */
import { codec, yearField } from "../callback-codec.js";

export const planDocxData = codec("planDocx", "pd", {}, { scope: "private" });
export const reviewDocxData = codec("reviewDocx", "kd", { year: yearField }, { scope: "private" });

export const PAPERS_CALLBACKS = [planDocxData, reviewDocxData] as const;

export const PLAN_DOCX = planDocxData.encode({});
export const REVIEW_DOCX_PATTERN = reviewDocxData.pattern;
export const encodeReviewDocx = (year: number) => reviewDocxData.encode({ year });
