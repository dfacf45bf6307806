/**
 * The year's record (kiểm điểm cuối năm): from the rounds of one year, a member's own forms and
 * follow-up answers, what they took part in, marked, committed, corrected and when, and what
 * is still open or overdue; and a cell's year totals (aggregates only). A round belongs to the
 * year of its deadline day. Pure data; presenters and renderers turn it into words.
 */
import { compareDays, dayParts, type Day } from "./calendar.js";
import type { AnswerValue } from "./assessment.js";
import type { ProgressValue } from "./report.js";

export interface YearRound {
  id: number;
  title: string;
  deadlineDay: Day;
}

/** One filed answer of a submitted form. */
export interface YearAnswer {
  itemCode: string;
  value: AnswerValue;
  measure: string | null;
  targetDate: Day | null;
}

/** A member's form in one round (only submitted forms count). */
export interface YearForm {
  roundId: number;
  memberId: number;
  submitted: boolean;
  answers: YearAnswer[];
}

/** A follow-up answer on one item of one form. */
export interface YearProgress {
  roundId: number;
  memberId: number;
  itemCode: string;
  /** "YYYY-MM" */
  period: string;
  status: ProgressValue;
}

export type ItemState = "corrected" | "open" | "overdue";

export interface YearItem {
  roundId: number;
  itemCode: string;
  value: Exclude<AnswerValue, "NONE">;
  measure: string | null;
  targetDate: Day | null;
  state: ItemState;
  /** The month of the answer that closed it ("Đã khắc phục"), when corrected. */
  correctedIn: string | null;
  /** The latest follow-up answer, if any. */
  latest: ProgressValue | null;
}

export interface MemberYearRecord {
  year: number;
  /** The year's rounds, oldest first, and whether the member submitted in each. */
  rounds: (YearRound & { tookPart: boolean })[];
  tookPart: number;
  /** Marked items (with or without a measure), in round then checklist order. */
  items: YearItem[];
  /** Items with a correction measure. */
  committed: number;
  corrected: number;
  /** Not corrected, target date not passed (or none). */
  open: number;
  /** Not corrected, target date passed. */
  overdue: number;
}

/** The year a round belongs to: its deadline day's. */
export const roundYear = (round: { deadlineDay: Day }): number => dayParts(round.deadlineDay).year;

/** Rounds of `year`, oldest deadline first. */
export function roundsOfYear<R extends YearRound>(rounds: R[], year: number): R[] {
  return rounds.filter((r) => roundYear(r) === year).sort((a, b) => compareDays(a.deadlineDay, b.deadlineDay) || a.id - b.id);
}

/** Follow-up answers by "roundId:memberId:itemCode", oldest period first. */
function historyOf(progress: YearProgress[]): Map<string, YearProgress[]> {
  const out = new Map<string, YearProgress[]>();
  for (const p of [...progress].sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0))) {
    const key = `${p.roundId}:${p.memberId}:${p.itemCode}`;
    out.set(key, [...(out.get(key) ?? []), p]);
  }
  return out;
}

/** Corrected when the latest answer is "Đã khắc phục"; else overdue once its date has passed. */
function itemState(answer: YearAnswer, history: YearProgress[] | undefined, today: Day): Pick<YearItem, "state" | "correctedIn" | "latest"> {
  const latest = history?.at(-1) ?? null;
  if (latest?.status === "DONE") return { state: "corrected", correctedIn: latest.period, latest: latest.status };
  const overdue = answer.targetDate !== null && compareDays(answer.targetDate, today) < 0;
  return { state: overdue ? "overdue" : "open", correctedIn: null, latest: latest?.status ?? null };
}

/**
 * One member's record for `year`. `forms` and `progress` are that member's; `codes` orders the
 * items within a round (checklist order).
 */
export function memberYearRecord(input: {
  year: number;
  rounds: YearRound[];
  forms: YearForm[];
  progress: YearProgress[];
  codes: readonly string[];
  today: Day;
}): MemberYearRecord {
  const rounds = roundsOfYear(input.rounds, input.year);
  const submitted = new Map(input.forms.filter((f) => f.submitted).map((f) => [f.roundId, f]));
  const history = historyOf(input.progress);
  const order = new Map(input.codes.map((c, i) => [c, i]));
  const items: YearItem[] = [];
  for (const round of rounds) {
    const form = submitted.get(round.id);
    if (!form) continue;
    const marked = form.answers.filter((a) => a.value !== "NONE").sort((a, b) => (order.get(a.itemCode) ?? Infinity) - (order.get(b.itemCode) ?? Infinity));
    for (const a of marked) {
      items.push({
        roundId: round.id,
        itemCode: a.itemCode,
        value: a.value as YearItem["value"],
        measure: a.measure,
        targetDate: a.targetDate,
        ...itemState(a, history.get(`${round.id}:${form.memberId}:${a.itemCode}`), input.today),
      });
    }
  }
  const committed = items.filter((i) => i.measure);
  return {
    year: input.year,
    rounds: rounds.map((r) => ({ ...r, tookPart: submitted.has(r.id) })),
    tookPart: rounds.filter((r) => submitted.has(r.id)).length,
    items,
    committed: committed.length,
    corrected: committed.filter((i) => i.state === "corrected").length,
    open: committed.filter((i) => i.state === "open").length,
    overdue: committed.filter((i) => i.state === "overdue").length,
  };
}

export interface CellYearTotals {
  year: number;
  rounds: number;
  /** Current members, and how many of them submitted in every round of the year. */
  members: number;
  everyRound: number;
  /** Measures committed in the year's submitted forms, corrected, and overdue (not corrected). */
  committed: number;
  corrected: number;
  overdue: number;
}

/** A cell's totals for `year`: participation and measures, never whose. */
export function cellYearTotals(input: {
  year: number;
  rounds: YearRound[];
  memberIds: number[];
  forms: YearForm[];
  progress: YearProgress[];
  today: Day;
}): CellYearTotals {
  const rounds = roundsOfYear(input.rounds, input.year);
  const ids = new Set(rounds.map((r) => r.id));
  const forms = input.forms.filter((f) => f.submitted && ids.has(f.roundId));
  const submittedIn = new Set(forms.map((f) => `${f.roundId}:${f.memberId}`));
  const everyRound = rounds.length === 0 ? 0 : input.memberIds.filter((m) => rounds.every((r) => submittedIn.has(`${r.id}:${m}`))).length;
  const history = historyOf(input.progress);
  let committed = 0;
  let corrected = 0;
  let overdue = 0;
  for (const form of forms) {
    for (const a of form.answers) {
      if (a.value === "NONE" || !a.measure) continue;
      committed++;
      const { state } = itemState(a, history.get(`${form.roundId}:${form.memberId}:${a.itemCode}`), input.today);
      if (state === "corrected") corrected++;
      else if (state === "overdue") overdue++;
    }
  }
  return { year: input.year, rounds: rounds.length, members: input.memberIds.length, everyRound, committed, corrected, overdue };
}
