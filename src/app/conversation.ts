/**
 * The member loop as a conversation, with no channel in it (issue 18, DESIGN.md §9): a channel
 * parses what a person did — a command, a choice (a button pressed, a number typed), a text —
 * calls one of these, and renders what comes back. The permission checks are inside: a person
 * who is in no cell gets the "join first" answer, a member only acts on their own form (the
 * use cases check the form's owner), a stale choice changes nothing and says so.
 *
 * Covered so far: the form (/tusoi: answers, back, review, pick, measures typed or kept, dates
 * picked or typed, submit, reopen, pages).
 */
import { applyAssessmentEvent, formAwaitingText, startAssessment, viewAssessment, type ApplyResult } from "./assessment.js";
import { officerCommittees } from "./committee.js";
import type { AppDeps } from "./deps.js";
import type { Screen } from "./messages.js";
import type { MemberWithCell } from "./ports.js";
import { assessmentIntro, assessmentScreen, quickPickDay, submittedNotice } from "./screens/assessment.js";
import { decodeForm, FORM_PATTERN, type FormAction } from "./screens/choice-ids.js";
import type { Translate } from "./screens/screen.js";
import { membershipOf } from "./session.js";
import type { Locale } from "../config.js";
import { MEASURE_MAX_LENGTH, MEASURE_MIN_LENGTH, type AssessmentEvent, type AssessmentState } from "../domain/assessment.js";
import { dayInZone, formatDay, latestTypedDay, parseTypedDay, type Day } from "../domain/calendar.js";

/** Who is talking, in the app's terms, and how to speak to them. */
export interface Speaker {
  /** The app's user id. */
  userId: bigint;
  t: Translate;
  locale: Locale;
  /** The person's current membership, when the channel has it loaded already (else it is read here). */
  membership?: () => Promise<MemberWithCell | null>;
}

/**
 * What to show after an action: the screens in order, and a short notice about the action itself
 * (Telegram: the pressed button's answer; a text channel: a message before the screens).
 * `notice` alone means nothing changed.
 */
export interface Shown {
  screens: Screen[];
  notice?: string;
}

type Deps = AppDeps;

const membershipFor = (deps: Deps, who: Speaker): Promise<MemberWithCell | null> => (who.membership ? who.membership() : membershipOf(deps, who.userId));

const say = (text: string): Shown => ({ screens: [{ text }] });
const notice = (text: string): Shown => ({ screens: [], notice: text });

/** What `/tusoi <word>` asks for: the chi ủy's collective form ("taphe", "tập thể", "collective"), else the member's own. */
export function asksCollective(args: string): boolean {
  const word = args.normalize("NFC").toLowerCase().replace(/\s+/g, "");
  return ["taphe", "tậpthể", "tapthe", "chiuy", "chiủy", "collective"].includes(word);
}

/** The speaker's membership, or what a person in no cell is told (a committee's officer: where their roles are). */
async function memberOr(deps: Deps, who: Speaker): Promise<MemberWithCell | Shown> {
  const member = await membershipFor(deps, who);
  if (member) return member;
  const [officer] = await officerCommittees(deps, who.userId);
  return say(officer
    ? who.t("error.notMemberOfficer", { role: who.t(`committee:role.${officer.role}`), committee: officer.committee.name })
    : who.t("error.notMember"));
}

const isShown = (x: MemberWithCell | Shown): x is Shown => "screens" in x;

/**
 * Starts or resumes the member's form (or the collective one): its current screen as a new
 * message; with `intro` (a start button), first a short word on the round, its length, and
 * stopping part-way.
 */
export async function openForm(deps: Deps, who: Speaker, member: MemberWithCell, options: { collective?: boolean; intro?: boolean } = {}): Promise<Shown> {
  const { t } = who;
  const result = await startAssessment(deps, member, options);
  if (result.kind === "forbidden") return say(t("assessment:collective.forbidden"));
  if (result.kind === "noRound") return say(t("assessment:noRound"));
  if (result.kind === "lockedNotSubmitted") {
    // A round closed early ended that day, not at its deadline.
    const { round } = result;
    const early = round.closedAt !== null && round.closedAt.getTime() < round.deadline.getTime();
    const key = `assessment:${options.collective ? "collective." : ""}lockedNotSubmitted${early ? "Early" : ""}`;
    return say(t(key, {
      title: round.title, deadline: formatDay(round.deadlineDay), closed: early ? formatDay(dayInZone(round.closedAt!, member.cell.timezone)) : "",
    }));
  }
  const intro = options.intro ? assessmentIntro(result.view, t) : null;
  return { screens: [...(intro ? [{ text: intro }] : []), assessmentScreen(result.view, t, who.locale)] };
}

/** A command. Null: not one the conversation knows (the channel answers it itself). */
export async function command(deps: Deps, who: Speaker, name: string, args: string): Promise<Shown | null> {
  switch (name) {
    case "tusoi": case "assess": {
      const member = await memberOr(deps, who);
      return isShown(member) ? member : openForm(deps, who, member, { collective: asksCollective(args) });
    }
    default:
      return null;
  }
}

/** Turns a chosen form step into a domain event; item indexes become codes of the form's own checklist. */
function eventFor(action: FormAction): (state: AssessmentState, today: Day) => AssessmentEvent | null {
  const codeAt = (state: AssessmentState, index: number) => state.codes[index];
  return (state, today) => {
    switch (action.action) {
      case "answer": return { type: "answer", index: action.index, value: action.value };
      case "back": return { type: "back", index: action.index };
      case "review": return { type: "review" };
      case "pick": return { type: "pick" };
      case "change": return { type: "change", index: action.index };
      case "continue": return { type: "continue" };
      case "submit": return { type: "submit" };
      case "reopen": return { type: "reopen" };
      case "page": return null;
      case "keep": {
        const code = codeAt(state, action.index);
        return code ? { type: "keepMeasure", code } : null;
      }
      case "editPlan": {
        const code = codeAt(state, action.index);
        return code ? { type: "editPlan", code } : null;
      }
      case "date": {
        const code = codeAt(state, action.index);
        return code ? { type: "date", code, day: quickPickDay(action.pick, today) } : null;
      }
    }
  };
}

function rejectionText(t: Translate, result: Extract<ApplyResult, { kind: "rejected" }>): string {
  switch (result.reason) {
    case "locked": case "stale": case "incomplete": case "notYours":
      return t(`assessment:rejected.${result.reason}`);
    case "pastDate":
      return t("assessment:date.pastDate", { today: result.view ? formatDay(result.view.today) : "" });
    case "tooFar":
      return t("assessment:date.tooFar", { latest: result.view ? formatDay(latestTypedDay(result.view.today, "target")) : "" });
    default:
      return t("assessment:rejected.stale");
  }
}

/** Whether a choice id is one the conversation answers (the form's, so far). */
export const knowsChoice = (id: string): boolean => FORM_PATTERN.test(id);

/**
 * A choice: a button pressed or a number typed. The screen that follows replaces the one chosen
 * on; a refused or stale choice changes nothing and says why in the notice.
 */
export async function choose(deps: Deps, who: Speaker, id: string): Promise<Shown> {
  const { t } = who;
  const action = decodeForm(id);
  if (!action) return notice(t("error.badButton"));
  const member = await membershipFor(deps, who);
  if (!member) return notice(t("error.notMemberShort"));
  if (action.action === "page") {
    const view = await viewAssessment(deps, member, action.id);
    if (!view) return notice(t("assessment:rejected.notYours"));
    return { screens: [{ ...assessmentScreen(view, t, who.locale, action.index), replace: true }] };
  }
  const result = await applyAssessmentEvent(deps, member, action.id, eventFor(action));
  if (result.kind === "rejected") return notice(rejectionText(t, result));
  const screen = assessmentScreen(result.view, t, who.locale);
  if (result.submitted) {
    const next = t(result.view.collective ? "assessment:collective.submittedNext" : "assessment:submitted.planLink");
    return { screens: [{ ...screen, text: `${submittedNotice(deps.clock(), t, member.cell.timezone)}\n\n${screen.text}\n\n${next}`, replace: true }] };
  }
  return { screens: [{ ...screen, replace: true }] };
}

/**
 * Typed text with nothing else awaited: the form's typed step (a measure, a date), when its
 * cursor waits for one. Null: the text is not the form's (the channel says what to type).
 */
export async function text(deps: Deps, who: Speaker, typed: string): Promise<Shown | null> {
  const { t } = who;
  const member = await membershipFor(deps, who);
  const view = member && (await formAwaitingText(deps, member));
  if (!member || !view) return null;
  const screen = view.state.screen;
  let event: AssessmentEvent;
  if (screen.kind === "measure") {
    event = { type: "measure", code: screen.code, text: typed };
  } else if (screen.kind === "date") {
    const parsed = parseTypedDay(typed);
    if (!parsed.ok) return say(t(parsed.reason === "format" ? "assessment:date.badFormat" : "assessment:date.impossible", { text: typed.slice(0, 40) }));
    event = { type: "date", code: screen.code, day: parsed.day };
  } else {
    return null;
  }
  const result = await applyAssessmentEvent(deps, member, view.assessmentId, event);
  if (result.kind === "rejected") {
    switch (result.reason) {
      case "tooShort": return say(t("assessment:measure.tooShort", { min: MEASURE_MIN_LENGTH }));
      case "tooLong": return say(t("assessment:measure.tooLong", { length: [...typed.trim()].length, max: MEASURE_MAX_LENGTH }));
      default: return say(rejectionText(t, result));
    }
  }
  return { screens: [assessmentScreen(result.view, t, who.locale)] };
}
