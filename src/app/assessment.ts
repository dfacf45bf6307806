/**
 * Tự soi and tự sửa for one member: start or resume the form, apply a button press or a typed
 * measure/date. Each accepted event is committed before the caller renders anything.
 */
import {
  answerOf,
  decodeScreen,
  encodeScreen,
  newAssessment,
  resume,
  transition,
  type AssessmentEvent,
  type AssessmentState,
  type RejectReason,
} from "../domain/assessment.js";
import { itemCodes, type Checklist } from "../domain/checklist.js";
import { dayInZone, type Day } from "../domain/calendar.js";
import { checklistFor } from "./checklists.js";
import type { AppDeps } from "./deps.js";
import type { AssessmentRecord, MemberWithCell, RoundRecord } from "./ports.js";
import { isRoundOpen } from "../domain/rounds.js";

/** Everything a presenter needs to draw the member's current screen. */
export interface AssessmentView {
  assessmentId: number;
  round: RoundRecord;
  checklist: Checklist;
  state: AssessmentState;
  today: Day;
  /** Read-only: deadline passed or round closed. */
  locked: boolean;
  /** The chi ủy's collective form (/tusoi taphe), filled by the secretary for the cell's committee. */
  collective: boolean;
}

export type StartResult =
  | { kind: "view"; view: AssessmentView }
  | { kind: "noRound" }
  | { kind: "lockedNotSubmitted"; round: RoundRecord }
  /** The collective form asked by someone who is not the cell's secretary. */
  | { kind: "forbidden" };

/**
 * Who fills the chi ủy's collective form: the cell's secretary (bí thư), on behalf of the
 * committee. Not the deputy: one hand on the form, as the issue asks; the deputy sees it in
 * /baocao. A secretary appointed mid-round continues the form the former one started.
 */
export const canFillCollective = (member: MemberWithCell): boolean => member.role === "SECRETARY";

/** Whether `member` may see and change the form `record` of a round of cell `cellId`. */
function mayUse(member: MemberWithCell, record: AssessmentRecord, cellId: number): boolean {
  if (record.collective) return canFillCollective(member) && member.cellId === cellId;
  return record.memberId === member.id;
}

function stateOf(record: AssessmentRecord, checklist: Checklist): AssessmentState {
  const codes = itemCodes(checklist);
  return {
    codes,
    answers: record.answers,
    screen: decodeScreen(record.cursor, codes),
    status: record.status,
    editing: record.editing,
  };
}

function viewOf(
  deps: Pick<AppDeps, "clock">,
  checklist: Checklist,
  member: MemberWithCell,
  round: RoundRecord,
  record: AssessmentRecord,
  state: AssessmentState,
): AssessmentView {
  const now = deps.clock();
  return {
    assessmentId: record.id,
    round,
    checklist,
    state,
    today: dayInZone(now, member.cell.timezone),
    locked: !isRoundOpen(round, now),
    collective: record.collective,
  };
}

/**
 * `/tusoi`: the member's form in the cell's latest round, resumed at the first unanswered
 * item. After the deadline a submitted form is shown read-only. With `collective` (`/tusoi
 * taphe`): the chi ủy's collective form of that round, for the secretary only; the same
 * items, levels, measures and dates, never counted among the members' forms.
 */
export async function startAssessment(
  deps: Pick<AppDeps, "answerPath" | "assessments" | "checklists" | "clock" | "rounds">,
  member: MemberWithCell,
  options: { collective?: boolean } = {},
): Promise<StartResult> {
  const collective = options.collective === true;
  if (collective && !canFillCollective(member)) return { kind: "forbidden" };
  const round = await deps.rounds.findLatestRound(member.cellId);
  if (!round) return { kind: "noRound" };
  const open = isRoundOpen(round, deps.clock());
  let record: AssessmentRecord | null = collective
    ? await deps.assessments.findCollective(round.id)
    : await deps.assessments.findAssessment(round.id, member.id);
  if (!open) {
    if (!record?.submittedAt) return { kind: "lockedNotSubmitted", round };
    // Show what was filed, not an unfinished edit.
    const filed = { ...record, answers: await deps.assessments.filedAnswers(record.id), status: "SUBMITTED" as const, editing: false };
    const checklist = await checklistFor(deps, record.checklistCode, record.checklistVersion);
    return { kind: "view", view: viewOf(deps, checklist, member, round, filed, { ...stateOf(filed, checklist), screen: { kind: "submitted" } }) };
  }
  if (!record) {
    const fresh = newAssessment(itemCodes(await checklistFor(deps, round.checklistCode, round.checklistVersion)));
    record = await deps.assessments.createAssessment({
      roundId: round.id,
      memberId: member.id,
      checklistCode: round.checklistCode,
      checklistVersion: round.checklistVersion,
      cursor: encodeScreen(fresh.screen),
      ...(collective ? { collective: true } : {}),
    });
  }
  const checklist = await checklistFor(deps, record.checklistCode, record.checklistVersion);
  const resumed = resume(stateOf(record, checklist));
  if (encodeScreen(resumed.screen) !== record.cursor) {
    await deps.answerPath.saveAssessment(
      { assessmentId: record.id, cursor: encodeScreen(resumed.screen), status: resumed.status, editing: resumed.editing, answers: {} },
      deps.clock(),
    );
  }
  return { kind: "view", view: viewOf(deps, checklist, member, round, record, resumed) };
}

/**
 * The member's form `assessmentId` as it stands, for showing another page of a screen.
 * After the deadline a submitted form shows what was filed. Null when not the member's.
 */
export async function viewAssessment(
  deps: Pick<AppDeps, "answerPath" | "assessments" | "checklists" | "clock">,
  member: MemberWithCell,
  assessmentId: number,
): Promise<AssessmentView | null> {
  const record = await deps.answerPath.findAssessmentById(assessmentId);
  if (!record) return null;
  const round = await deps.answerPath.findRound(record.roundId);
  if (!round || !mayUse(member, record, round.cellId)) return null;
  const checklist = await checklistFor(deps, record.checklistCode, record.checklistVersion);
  if (!isRoundOpen(round, deps.clock()) && record.submittedAt) {
    const filed = { ...record, answers: await deps.assessments.filedAnswers(record.id), status: "SUBMITTED" as const, editing: false };
    return viewOf(deps, checklist, member, round, filed, { ...stateOf(filed, checklist), screen: { kind: "submitted" } });
  }
  return viewOf(deps, checklist, member, round, record, stateOf(record, checklist));
}

export type ApplyResult =
  { kind: "applied"; view: AssessmentView; submitted: boolean } | { kind: "rejected"; reason: RejectReason | "notYours"; view: AssessmentView | null };

/**
 * Applies one event to the member's form `assessmentId`. Buttons carry the form id; a form
 * that is not the member's, or not in the cell's current round, is refused without change.
 */
export async function applyAssessmentEvent(
  deps: Pick<AppDeps, "answerPath" | "checklists" | "clock">,
  member: MemberWithCell,
  assessmentId: number,
  event: AssessmentEvent | ((state: AssessmentState, today: Day) => AssessmentEvent | null),
): Promise<ApplyResult> {
  const record = await deps.answerPath.findAssessmentById(assessmentId);
  // A member's own form: its member only; the collective form: the cell's secretary only.
  const round = record && (await deps.answerPath.findRound(record.roundId));
  if (!record || !round || !mayUse(member, record, round.cellId)) return { kind: "rejected", reason: "notYours", view: null };
  const checklist = await checklistFor(deps, record.checklistCode, record.checklistVersion);
  const state = stateOf(record, checklist);
  const view = viewOf(deps, checklist, member, round, record, state);
  const resolved = typeof event === "function" ? event(state, view.today) : event;
  if (!resolved) return { kind: "rejected", reason: "stale", view };
  const result = transition(state, resolved, { today: view.today, locked: view.locked });
  if (!result.ok) return { kind: "rejected", reason: result.reason, view };

  const answers = Object.fromEntries(result.changed.map((code) => [code, answerOf(result.state, code)!]));
  const saved = await deps.answerPath.saveAssessment(
    {
      assessmentId,
      cursor: encodeScreen(result.state.screen),
      status: result.state.status,
      editing: result.state.editing,
      answers,
      ...(result.submitted ? { file: { at: deps.clock() } } : {}),
      expected: { cursor: record.cursor, status: record.status, editing: record.editing },
    },
    deps.clock(),
  );
  // Another press of this member moved the form after it was read (a double tap, or two
  // instances handling two presses at once): nothing was written, this press is stale. The
  // winner's press edits the message.
  if (!saved) return { kind: "rejected", reason: "stale", view };
  return { kind: "applied", view: { ...view, state: result.state }, submitted: result.submitted === true };
}

/**
 * The member's open form that is waiting for typed text (a measure or a date), if any.
 * Used to route a plain private message. For the secretary, the collective form too: when
 * both wait for text, the one touched last (the screen the secretary is looking at).
 */
export async function formAwaitingText(
  deps: Pick<AppDeps, "assessments" | "checklists" | "clock" | "rounds">,
  member: MemberWithCell,
): Promise<AssessmentView | null> {
  const round = await deps.rounds.findOpenRound(member.cellId);
  if (!round || !isRoundOpen(round, deps.clock())) return null;
  const forms = [await deps.assessments.findAssessment(round.id, member.id), canFillCollective(member) ? await deps.assessments.findCollective(round.id) : null]
    .filter((f) => f !== null)
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  for (const record of forms) {
    const checklist = await checklistFor(deps, record.checklistCode, record.checklistVersion);
    const state = stateOf(record, checklist);
    if (state.screen.kind === "measure" || state.screen.kind === "date") return viewOf(deps, checklist, member, round, record, state);
  }
  return null;
}
