/**
 * Report aggregation for one round: who submitted, how often each item was marked, and the
 * state of the correction plans. Data only; presenters turn it into text. Never says which
 * member marked which item.
 */
import { compareDays, type Day } from "./calendar.js";
import type { AnswerValue } from "./assessment.js";

/** Change from the previous round: "+2", "−1" (a real minus sign), "0". */
export function signedChange(current: number, previous: number): string {
  const delta = current - previous;
  if (delta > 0) return `+${delta}`;
  if (delta < 0) return `\u2212${-delta}`;
  return "0";
}

/** Never fewer forms than this before a round's item figures reach a group. */
export const MIN_GROUP_THRESHOLD = 3;

/**
 * Whether a group may see a round's item lines and correction figures. While a round is
 * open, two summaries with the pending names differ by one member's marks; with fewer than
 * three forms the figures are one or two people's answers. So: closed, and enough forms.
 */
export function groupSeesItems(closed: boolean, submitted: number, threshold: number): boolean {
  return closed && submitted >= Math.max(threshold, MIN_GROUP_THRESHOLD);
}

export interface ReportMember {
  id: number;
  fullName: string;
  submitted: boolean;
}

/** One filed (submitted) answer. */
export interface FiledAnswerRow {
  memberId: number;
  itemCode: string;
  value: AnswerValue;
  measure: string | null;
  targetDate: Day | null;
}

/** Latest progress of a correction item (from the monthly follow-up). */
export type ProgressValue = "DONE" | "IN_PROGRESS" | "NOT_STARTED";

export interface ReportInput {
  /** Members counted in the round (active members of the cell). */
  members: ReportMember[];
  filed: FiledAnswerRow[];
  /** Item codes in checklist order (ties in frequency keep this order). */
  codes: readonly string[];
  /** Today in the cell's time zone, to tell overdue plans. */
  today: Day;
  /** Latest progress per "memberId:itemCode", when follow-up exists. */
  progress?: ReadonlyMap<string, ProgressValue>;
  /** Keys ("memberId:itemCode") answered in the current follow-up month. */
  answeredThisPeriod?: ReadonlySet<string>;
}

export interface ItemCount {
  code: string;
  minor: number;
  significant: number;
  /** minor + significant: members marking the item present. */
  total: number;
}

export interface RemediationSummary {
  /** Correction items committed (marked items with a measure). */
  committed: number;
  /** Latest follow-up answer is "Đã khắc phục" (closes the item). */
  corrected: number;
  /** Not corrected; this month's answer is "Đang khắc phục". */
  inProgress: number;
  /** Not corrected; this month's answer is "Chưa khắc phục". */
  notStarted: number;
  /** Not corrected and no answer this month. */
  noAnswer: number;
  /** Target date passed and not corrected. */
  overdue: number;
}

export interface ReportData {
  total: number;
  submitted: number;
  /** Whole percent of members who submitted (0 when the cell is empty). */
  percent: number;
  /** Names of members who have not submitted, in Vietnamese alphabetical order. */
  pendingNames: string[];
  /** Items marked by at least one member, most frequent first. */
  items: ItemCount[];
  /** Members who submitted and marked nothing. */
  cleanForms: number;
  remediation: RemediationSummary;
}

/**
 * Adds up marked answers (`count` members each, NONE ignored) per item, most frequent first,
 * ties in checklist order. Serves one round's report and the committee's roll-up alike.
 */
export function tallyItems(rows: Iterable<{ itemCode: string; value: string; count: number }>, codes: readonly string[]): ItemCount[] {
  const order = new Map(codes.map((code, index) => [code, index]));
  const counts = new Map<string, ItemCount>();
  for (const row of rows) {
    if (row.value === "NONE") continue;
    const count = counts.get(row.itemCode) ?? { code: row.itemCode, minor: 0, significant: 0, total: 0 };
    if (row.value === "MINOR") count.minor += row.count;
    // "TOTAL": a count entered without its level (a unit not on the bot), in the total only.
    else if (row.value !== "TOTAL") count.significant += row.count;
    count.total += row.count;
    counts.set(row.itemCode, count);
  }
  return [...counts.values()].sort((a, b) => b.total - a.total || (order.get(a.code) ?? Infinity) - (order.get(b.code) ?? Infinity));
}

/** Whole-number percentage, rounded half up; 0 of 0 is 0. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part * 100) / whole);
}

const collator = new Intl.Collator("vi", { sensitivity: "base" });

/** Builds the round report from members and filed answers. */
export function buildReport(input: ReportInput): ReportData {
  const counted = new Set(input.members.filter((m) => m.submitted).map((m) => m.id));
  const marked: FiledAnswerRow[] = [];
  const markedBy = new Set<number>();
  const remediation: RemediationSummary = { committed: 0, corrected: 0, inProgress: 0, notStarted: 0, noAnswer: 0, overdue: 0 };

  for (const row of input.filed) {
    if (!counted.has(row.memberId) || row.value === "NONE") continue;
    markedBy.add(row.memberId);
    marked.push(row);

    if (!row.measure) continue;
    remediation.committed++;
    const key = `${row.memberId}:${row.itemCode}`;
    const progress = input.progress?.get(key);
    if (progress === "DONE") remediation.corrected++;
    else if (!input.answeredThisPeriod?.has(key)) remediation.noAnswer++;
    else if (progress === "IN_PROGRESS") remediation.inProgress++;
    else remediation.notStarted++;
    if (progress !== "DONE" && row.targetDate && compareDays(row.targetDate, input.today) < 0) remediation.overdue++;
  }

  const items = tallyItems(
    marked.map((row) => ({ itemCode: row.itemCode, value: row.value, count: 1 })),
    input.codes,
  );
  const pendingNames = input.members
    .filter((m) => !m.submitted)
    .map((m) => m.fullName)
    .sort(collator.compare);

  return {
    total: input.members.length,
    submitted: counted.size,
    percent: percent(counted.size, input.members.length),
    pendingNames,
    items,
    cleanForms: counted.size - markedBy.size,
    remediation,
  };
}
