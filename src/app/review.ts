/**
 * A member's own papers, for that member only (the bot layer sends them in private): the
 * correction plan of their latest round as a DOCX (/tusua), and the year's record (/kiemdiem)
 * as text data and a DOCX for writing the annual self-review (bản kiểm điểm cá nhân). And the
 * cell's year totals for the officers (aggregates only).
 */
import { dayInZone, dayParts } from "../domain/calendar.js";
import { byCode, checklistItems, type Checklist } from "../domain/checklist.js";
import { canSeeReport } from "../domain/roles.js";
import {
  cellYearTotals,
  memberYearRecord,
  roundsOfYear,
  type CellYearTotals,
  type MemberYearRecord,
  type YearForm,
  type YearProgress,
} from "../domain/year-review.js";
import { checklistFor } from "./checklists.js";
import type { AppDeps } from "./deps.js";
import type { DocumentLocale, PersonalPaperHead, PlanDocumentInput, ReviewDocumentInput } from "./documents.js";
import type { FiledForm, MemberWithCell, RoundRecord } from "./ports.js";
import { cellMarks } from "./papers.js";
import { myPlan } from "./plan.js";

const local = (text: { vi: string; en?: string }, locale: DocumentLocale) => (locale === "en" ? (text.en ?? text.vi) : text.vi);

async function paperHead(deps: Pick<AppDeps, "cells" | "clock" | "committees">, member: MemberWithCell, locale: DocumentLocale): Promise<PersonalPaperHead> {
  const settings = await deps.cells.cellSettings(member.cellId);
  // The higher body as the cell's report prints it: the setting, else the linked committee's đảng bộ.
  const {
    marks: { higherBody },
  } = await cellMarks(deps, member.cell, settings);
  return {
    locale,
    cellName: member.cell.name,
    higherBody,
    place: settings.place,
    role: member.role,
    issuedDay: dayInZone(deps.clock(), member.cell.timezone),
    memberName: member.fullName,
  };
}

export type PlanDocumentResult =
  { kind: "file"; bytes: Uint8Array; round: RoundRecord; roundNumber: number } | { kind: "noRound" } | { kind: "notSubmitted"; round: RoundRecord };

/** "Tải kế hoạch khắc phục (.docx)": the member's own items of their latest round, with measures, dates and monthly progress. */
export async function planDocument(
  deps: Pick<AppDeps, "assessments" | "cells" | "checklists" | "clock" | "committees" | "documents" | "progress" | "rounds">,
  member: MemberWithCell,
  locale: DocumentLocale,
): Promise<PlanDocumentResult> {
  const plan = await myPlan(deps, member);
  if (plan.kind !== "plan") return plan;
  const input: PlanDocumentInput = {
    ...(await paperHead(deps, member, locale)),
    roundTitle: plan.round.title,
    deadlineDay: plan.round.deadlineDay,
    items: checklistItems(plan.checklist).flatMap((item) => {
      const answer = byCode(plan.answers, item.code);
      if (!answer || answer.value === "NONE") return [];
      return [
        {
          code: item.code,
          short: local(item.short, locale),
          level: answer.value,
          measure: answer.measure,
          targetDate: answer.targetDate,
          progress: plan.progress.filter((p) => p.itemCode === item.code).map((p) => ({ period: p.period, status: p.status, note: p.note })),
        },
      ];
    }),
  };
  return { kind: "file", bytes: await deps.documents.planDocx(input), round: plan.round, roundNumber: await deps.rounds.roundNumber(plan.round) };
}

/** The year a command asks for: "2026", or the current year in the cell's zone; null when not a plausible year. */
export function yearArgument(args: string, now: Date, timeZone: string): number | null {
  const text = args.trim();
  if (!text) return dayParts(dayInZone(now, timeZone)).year;
  if (!/^\d{4}$/.test(text)) return null;
  const year = Number(text);
  return year >= 2000 && year <= 2100 ? year : null;
}

/** Rounds of the cell in the year, their checklists, and the given forms' progress by form. */
async function yearData(deps: Pick<AppDeps, "assessments" | "checklists" | "progress" | "rounds">, cellId: number, year: number, memberId?: number) {
  const rounds = roundsOfYear(await deps.rounds.roundsOfCell(cellId), year);
  const forms: FiledForm[] = await deps.assessments.filedForms(
    rounds.map((r) => r.id),
    memberId,
  );
  const byForm = new Map(forms.map((f) => [f.assessmentId, f]));
  const progress: YearProgress[] = (await deps.progress.progressFor(forms.map((f) => f.assessmentId))).map((p) => ({
    roundId: byForm.get(p.assessmentId)!.roundId,
    memberId: byForm.get(p.assessmentId)!.memberId,
    itemCode: p.itemCode,
    period: p.period,
    status: p.status,
  }));
  const checklists = new Map<number, Checklist>();
  for (const r of rounds) checklists.set(r.id, await checklistFor(deps, r.checklistCode, r.checklistVersion));
  const yearForms: YearForm[] = forms.map((f) => ({ roundId: f.roundId, memberId: f.memberId, submitted: f.submitted, answers: f.answers }));
  return { rounds, forms: yearForms, progress, checklists };
}

export interface YearReview {
  record: MemberYearRecord;
  /** Titles of the year's rounds and short labels of the items, for presenters. */
  roundTitles: Map<number, string>;
  shortOf: (roundId: number, code: string, locale: DocumentLocale) => string;
}

export type YearReviewResult = { kind: "review"; review: YearReview } | { kind: "badYear" } | { kind: "noRounds"; year: number };

/** `/kiemdiem [năm]`: the member's own record for the year. Only ever the member's own forms. */
export async function yearReview(
  deps: Pick<AppDeps, "assessments" | "checklists" | "clock" | "progress" | "rounds">,
  member: MemberWithCell,
  args: string,
): Promise<YearReviewResult> {
  const year = yearArgument(args, deps.clock(), member.cell.timezone);
  if (year === null) return { kind: "badYear" };
  const data = await yearData(deps, member.cellId, year, member.id);
  if (data.rounds.length === 0) return { kind: "noRounds", year };
  // One order for every round (the checklist of the first; codes of others sort after).
  const codes = [...new Set([...data.checklists.values()].flatMap((c) => checklistItems(c).map((i) => i.code)))];
  const record = memberYearRecord({
    year,
    rounds: data.rounds,
    forms: data.forms,
    progress: data.progress,
    codes,
    today: dayInZone(deps.clock(), member.cell.timezone),
  });
  const shortOf = (roundId: number, code: string, locale: DocumentLocale) => {
    const item = checklistItems(data.checklists.get(roundId)!).find((i) => i.code === code);
    return item ? local(item.short, locale) : code;
  };
  return { kind: "review", review: { record, roundTitles: new Map(data.rounds.map((r) => [r.id, r.title])), shortOf } };
}

/** The year's record as a DOCX (material for the bản kiểm điểm cá nhân). */
export async function yearReviewDocument(
  deps: Pick<AppDeps, "cells" | "clock" | "committees" | "documents">,
  member: MemberWithCell,
  review: YearReview,
  locale: DocumentLocale,
): Promise<Uint8Array> {
  const { record } = review;
  const input: ReviewDocumentInput = {
    ...(await paperHead(deps, member, locale)),
    year: record.year,
    rounds: record.rounds.map((r) => ({ title: r.title, deadlineDay: r.deadlineDay, tookPart: r.tookPart })),
    items: record.items.map((i) => ({
      roundTitle: review.roundTitles.get(i.roundId) ?? "",
      code: i.itemCode,
      short: review.shortOf(i.roundId, i.itemCode, locale),
      level: i.value,
      measure: i.measure,
      targetDate: i.targetDate,
      state: i.state,
      correctedIn: i.correctedIn,
    })),
    totals: {
      tookPart: record.tookPart,
      rounds: record.rounds.length,
      committed: record.committed,
      corrected: record.corrected,
      open: record.open,
      overdue: record.overdue,
    },
  };
  return deps.documents.reviewDocx(input);
}

export type CellYearResult = { kind: "totals"; totals: CellYearTotals } | { kind: "forbidden" } | { kind: "badYear" };

/** The year button under /baocao: the cell's totals for the year, aggregates only (secretary, deputy, committee). */
export async function cellYear(
  deps: Pick<AppDeps, "assessments" | "checklists" | "clock" | "members" | "progress" | "rounds">,
  actor: MemberWithCell,
  year: number,
): Promise<CellYearResult> {
  if (!canSeeReport(actor.role)) return { kind: "forbidden" };
  if (!(year >= 2000 && year <= 2100)) return { kind: "badYear" };
  const data = await yearData(deps, actor.cellId, year);
  const memberIds = (await deps.members.listActiveMembers(actor.cellId)).map((m) => m.id);
  return {
    kind: "totals",
    totals: cellYearTotals({
      year,
      rounds: data.rounds,
      memberIds,
      forms: data.forms,
      progress: data.progress,
      today: dayInZone(deps.clock(), actor.cell.timezone),
    }),
  };
}
