/**
 * The member loop as a conversation, with no channel in it (issue 18, DESIGN.md §9): a channel
 * parses what a person did — a command, a choice (a button pressed, a number typed), a text —
 * calls one of these, and renders what comes back. The permission checks are inside: a person
 * who is in no cell gets the "join first" answer, a member only acts on their own form (the
 * use cases check the form's owner), a stale choice changes nothing and says so.
 *
 * Covered so far: the form (/tusoi: answers, back, review, pick, measures typed or kept, dates
 * picked or typed, submit, reopen, pages); joining (/start j_<code>, or /thamgia <code> on a
 * text channel; the name confirmed or typed). A removed member asking to come back is handed to
 * the channel (`rejoin`): the secretary's approval is asked where they can be reached. The
 * secretary's /baocao (the summary's text: what the group sees, and the officer's private
 * figures while they are not public; on a text channel `/baocao tep` gives the DOCX and XLSX as
 * files, Telegram keeps its buttons). The monthly follow-up's progress answers and its note. On a
 * text channel also: /tusua and /kiemdiem (text, then the DOCX as a file), /hoten, /nhacnho,
 * /tamdung.
 */
import { applyAssessmentEvent, formAwaitingText, startAssessment, viewAssessment, type ApplyResult } from "./assessment.js";
import { officerCommittees } from "./committee.js";
import type { AppDeps } from "./deps.js";
import type { Screen } from "./messages.js";
import type { MemberWithCell } from "./ports.js";
import { assessmentIntro, assessmentScreen, quickPickDay, submittedNotice } from "./screens/assessment.js";
import { decodeFollowUp, decodeForm, FOLLOW_UP_PATTERN, type FormAction } from "./screens/choice-ids.js";
import type { Translate } from "./screens/screen.js";
import { askForName, joinCell, openRoundFor, saveFullName, setupCell, type NameResult } from "./onboarding.js";
import { announceRound, announcementOutcome, openRound } from "./rounds.js";
import { requestWebLink, signOutEverywhere } from "./web-sign-in.js";
import { membershipOf } from "./session.js";
import { NOTE_MAX_LENGTH, recordProgress, saveNote, startNote } from "./followup.js";
import type { MessageRenderer } from "./notifications.js";
import { roundReport, type RoundReport } from "./report.js";
import { renderReport } from "./screens/report.js";
import { checklistFor } from "./checklists.js";
import { checklistItems } from "../domain/checklist.js";
import { NAME_EDIT, NAME_OK } from "./screens/choice-ids.js";
import { minutesFor } from "./screens/assessment.js";
import type { Locale } from "../config.js";
import { MEASURE_MAX_LENGTH, MEASURE_MIN_LENGTH, type AnswerValue, type AssessmentEvent, type AssessmentState } from "../domain/assessment.js";
import { compareDays, dayInZone, formatDay, latestTypedDay, parseTypedDay, type Day } from "../domain/calendar.js";
import { myPlan, type PlanResult } from "./plan.js";
import { planDocument, yearReview, yearReviewDocument, type YearReview } from "./review.js";
import { nudgePending, type NudgeResult } from "./followup.js";
import { byCode } from "../domain/checklist.js";
import { formatPeriod, local } from "./screens/format.js";
import { reportFile } from "./report-files.js";
import { pauseCell } from "./cell-time.js";
import { privateChibo } from "./conversation-group.js";
import { MAX_PAUSE_DAYS } from "../domain/pause.js";
import { CELL_ADMIN_PATTERN, cellAdminCommand, chooseCellAdmin } from "./conversation-cell-admin.js";
import {
  chooseMeeting,
  CLOSE_WORDS,
  closeEarlyCommand,
  MEETING_CHOICE_PATTERN,
  meetingCommand,
  reportChoices,
  YEAR_WORDS,
  yearTotalsCommand,
} from "./conversation-meeting.js";
import { canManageRounds } from "../domain/roles.js";
import {
  addUnitCommand,
  asksCommitteeRoles,
  attachCommand,
  campaignArgs,
  chooseCommittee,
  committeeRoles,
  committeeSettingsCommand,
  isCommitteeChoice,
  issueCampaign,
  joinRoster,
  linkCommand,
  nudgeCellSecretaries,
  rollupCommand,
  setUpCommitteeWithoutGroup,
} from "./conversation-committee.js";
import type { CommitteeMessageRenderer } from "./committee-campaigns.js";
import { chooseEntered, ENTERED_CHOICE_PATTERN, enterCommand } from "./conversation-entered.js";
import { notice, say, type Shown, type Speaker } from "./conversation-shown.js";

export type { Shown, Speaker };

type Deps = AppDeps;

const membershipFor = (deps: Deps, who: Speaker): Promise<MemberWithCell | null> => (who.membership ? who.membership() : membershipOf(deps, who.userId));

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
  return say(
    officer ? who.t("error.notMemberOfficer", { role: who.t(`committee:role.${officer.role}`), committee: officer.committee.name }) : who.t("error.notMember"),
  );
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
    return say(
      t(key, {
        title: round.title,
        deadline: formatDay(round.deadlineDay),
        closed: early ? formatDay(dayInZone(round.closedAt!, member.cell.timezone)) : "",
      }),
    );
  }
  const intro = options.intro ? assessmentIntro(result.view, t) : null;
  return { screens: [...(intro ? [{ text: intro }] : []), assessmentScreen(result.view, t, who.locale)] };
}

/** Why a typed or prefilled full name was refused. */
const nameError = (t: Translate, kind: Exclude<NameResult["kind"], "saved">): string =>
  t({ tooShort: "onboarding:join.nameTooShort", tooLong: "onboarding:join.nameTooLong", noLetter: "onboarding:join.nameNoLetter" }[kind]);

/** Joins the cell of a join code: the welcome, then the name to confirm, or the form when a round is open. */
export async function join(deps: Deps, who: Speaker, joinCode: string): Promise<Shown> {
  const { t } = who;
  if (!who.profile) throw new Error("join: the channel gives the person's profile");
  const result = await joinCell(deps, { joinCode, person: who.profile });
  if (result.kind === "unknownLink") return say(t("onboarding:join.unknownLink"));
  if (result.kind === "memberElsewhere") return say(t("onboarding:join.memberElsewhere", { name: result.cell.name }));
  if (result.kind === "removed") return { screens: [], rejoin: result };
  const { member } = result;
  const greeting = t(result.alreadyMember ? "onboarding:join.already" : "onboarding:join.welcome", { cell: member.cell.name });
  if (!member.nameConfirmed) {
    return {
      screens: [
        {
          text: `${greeting}\n\n${t("onboarding:join.confirmName", { name: member.fullName })}`,
          choices: [
            [
              { label: t("onboarding:join.nameOk"), id: NAME_OK },
              { label: t("onboarding:join.nameEdit"), id: NAME_EDIT },
            ],
          ],
        },
      ],
    };
  }
  // A member pressing "Bắt đầu tự soi" wants the form, not to hear they are a member: with a
  // round open, the form opens with a word on the round (the form's intro).
  const greet = !result.alreadyMember || !(await openRoundFor(deps, member));
  const form = await openForm(deps, who, member, { intro: true });
  return { screens: [...(greet ? [{ text: greeting }] : []), ...form.screens] };
}

/** After the name: point to the open round, or say what comes next. */
async function afterName(deps: Deps, who: Speaker): Promise<Screen> {
  const member = await membershipOf(deps, who.userId);
  const round = member && (await openRoundFor(deps, member));
  if (round) {
    const count = checklistItems(await checklistFor(deps, round.checklistCode, round.checklistVersion)).length;
    return { text: who.t("onboarding:join.nextRoundOpen", { title: round.title, deadline: formatDay(round.deadlineDay), count, minutes: minutesFor(count) }) };
  }
  return { text: who.t("onboarding:join.next") };
}

/** The full name typed when the bot asked for one (awaited "name"). */
export async function typedName(deps: Deps, who: Speaker, typed: string): Promise<Shown> {
  const member = await memberOr(deps, who);
  if (isShown(member)) return member;
  const result = await saveFullName(deps, member, typed);
  if (result.kind !== "saved") return say(nameError(who.t, result.kind));
  const saved: Screen = { text: who.t("onboarding:join.nameSaved", { name: result.fullName }) };
  return { screens: member.nameConfirmed ? [saved] : [saved, await afterName(deps, who)] };
}

/** "Đúng" (the prefilled name) or "Nhập họ tên khác" under the name to confirm. */
async function chooseName(deps: Deps, who: Speaker, id: string): Promise<Shown> {
  const member = await membershipFor(deps, who);
  if (!member) return notice(who.t("error.notMemberShort"));
  if (id === NAME_EDIT) {
    await askForName(deps, member);
    return { screens: [{ text: who.t("onboarding:join.askName"), replace: true }] };
  }
  const result = await saveFullName(deps, member, null);
  // The prefilled name is not a full name: the use case now awaits a typed one.
  if (result.kind !== "saved") return { screens: [{ text: nameError(who.t, result.kind), replace: true }] };
  const saved: Screen = { text: who.t("onboarding:join.nameSaved", { name: result.fullName }), replace: true };
  return { screens: member.nameConfirmed ? [saved] : [saved, await afterName(deps, who)] };
}

export type SummaryResult = { kind: "summary"; report: RoundReport; group: Screen; officer: Screen | null } | { kind: "forbidden" | "noRound" };

/**
 * A round's summary (/baocao): what the cell's group sees — participation only until the round
 * is closed with enough forms (DESIGN §2) — and, until then, the officer's private figures.
 * Who may see it is the use case's check (a secretary or deputy of the member's own cell).
 */
export async function summary(deps: Deps, who: Speaker, member: MemberWithCell, roundId?: number): Promise<SummaryResult> {
  const result = await roundReport(deps, member, roundId);
  if (result.kind !== "report") return result;
  const { report } = result;
  const group: Screen = { text: renderReport(report, who.t, who.locale, "group") };
  return { kind: "summary", report, group, officer: report.itemsPublic ? null : { text: renderReport(report, who.t, who.locale, "private") } };
}

/** What some commands need from the channel: the messages' words (announcing a round), the web's address (/web). */
export interface CommandEnv {
  renderer?: MessageRenderer;
  /** PUBLIC_URL when the web runs (with the HTTP server), else null: /web says the web is off. */
  webUrl?: string | null;
  /** Tells the outbox sender to send now, resolving when the drain ends (the report back says how many got it). */
  wakeSender?: () => Promise<void>;
  /** The bot's default language (the report back's DOCX for members with none set). */
  defaultLocale?: Locale;
  /** The text channel's name ("zalo"): `/chibo huy` privately unlinks the cell's group on it. */
  channel?: string;
  /** The committee's messages' words (a committee officer's `/dotmoi` on a text channel announces a campaign with them). */
  committeeRenderer?: CommitteeMessageRenderer;
}

/**
 * `/chibo <tên>` in a private chat on a text channel: a cell with no group, the caller its
 * secretary; the answer is the line members send to join (`/thamgia <mã>`). Again: renames it.
 */
async function setUpWithoutGroup(deps: Deps, who: Speaker, args: string): Promise<Shown> {
  const { t } = who;
  if (!who.profile) throw new Error("chibo: the channel gives the person's profile");
  const result = await setupCell(deps, { group: null, chatTitle: "", caller: who.profile, callerIsAdmin: true, name: args });
  switch (result.kind) {
    case "created":
      return say(t("onboarding:setup.createdNoGroup", { name: result.cell.name, secretary: result.secretary.fullName, code: result.cell.joinCode }));
    case "renamed":
      return say(`${t("onboarding:setup.renamed", { name: result.cell.name })}

${t("onboarding:setup.joinLine", { code: result.cell.joinCode })}`);
    case "groupTaken":
    case "memberElsewhere":
      return say(t(`onboarding:setup.${result.kind}`, { name: result.cell.name }));
    default:
      return say(t(`onboarding:setup.${result.kind}`));
  }
}

/** `/web` on a text channel: the one-time sign-in link (as Telegram's /web), or `/web thoat` signs out everywhere. */
async function webLink(deps: Deps, who: Speaker, args: string, webUrl: string | null): Promise<Shown> {
  const { t } = who;
  if (!webUrl) return say(t("web:bot.notConfigured"));
  const argument = args.trim().toLowerCase();
  if (argument === "thoat" || argument === "thoát" || argument === "logout") {
    return say(t("web:bot.signedOutAll", { count: await signOutEverywhere(deps, who.userId) }));
  }
  const result = await requestWebLink(deps, who.userId);
  if (result.kind === "forbidden") return say(t("web:bot.forbidden"));
  return say(t("web:bot.link", { url: `${webUrl}/login/${result.token}` }));
}

/** How long a text channel's /dotmoi waits for the group's announcement to go (Telegram's wait). */
const ANNOUNCE_WAIT_MS = 5000;

/** The announcement's outcome once the sender's drain ended, or after ANNOUNCE_WAIT_MS ("pending" without a sender to wake). */
async function announcedWithin(deps: Deps, key: string, wakeSender: (() => Promise<void>) | undefined): Promise<"sent" | "failed" | "pending"> {
  if (!wakeSender) return "pending";
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([wakeSender(), new Promise((resolve) => (timer = setTimeout(resolve, ANNOUNCE_WAIT_MS)))]);
  clearTimeout(timer);
  return announcementOutcome(deps, key);
}

/** `/dotmoi dd/mm/yyyy [tiêu đề]` on a text channel: opens the cell's round and announces it (to the group, or its officers privately). */
async function newRound(deps: Deps, who: Speaker, args: string, renderer: MessageRenderer | undefined, wakeSender?: () => Promise<void>): Promise<Shown> {
  const { t } = who;
  const member = await memberOr(deps, who);
  if (isShown(member)) return member;
  if (!renderer) throw new Error("/dotmoi needs the channel's message renderer");
  const result = await openRound(deps, member, args, (opened) => t("assessment:round.defaultTitle", { opened }));
  switch (result.kind) {
    case "opened": {
      const { round } = result;
      const key = await announceRound(deps, renderer, member.cell, round, who.locale);
      const lines = result.closedExpired ? [t("assessment:round.closedExpired", { title: result.closedExpired.title }), ""] : [];
      // A cell with a group: as on Telegram, wait a little to say plainly when the group refused it.
      if (member.cell.group && (await announcedWithin(deps, key, wakeSender)) === "failed") {
        lines.push(t("zalo-groups:groupUnreachable", { title: round.title, deadline: formatDay(round.deadlineDay) }));
        return say(lines.join("\n"));
      }
      lines.push(t("assessment:round.openedText", { title: round.title, deadline: formatDay(round.deadlineDay) }));
      return say(lines.join("\n"));
    }
    case "alreadyOpen":
      return say(t("assessment:round.alreadyOpen", { title: result.round.title, deadline: formatDay(result.round.deadlineDay) }));
    case "tooFar":
      return say(t("assessment:round.tooFar", { latest: formatDay(result.latest) }));
    case "badDate": {
      const typed = args.trim().split(/\s+/)[0] ?? "";
      return say(t(result.reason === "format" ? "assessment:round.badFormat" : "assessment:round.impossible", { text: typed.slice(0, 40) }));
    }
    default:
      return say(t(`assessment:round.${result.kind}`));
  }
}

/** The member's correction plan as text lines (Telegram's /tusua and a text channel's): measures whole, each item's follow-up history under it. */
export function renderPlan(who: Pick<Speaker, "t" | "locale">, now: Date, timezone: string, result: Extract<PlanResult, { kind: "plan" }>): string[] {
  const { t, locale } = who;
  const today = dayInZone(now, timezone);
  const lines = [t("assessment:plan.title", { title: result.round.title }), ""];
  const marked = checklistItems(result.checklist).filter((item) => {
    const answer = byCode(result.answers, item.code);
    return answer && answer.value !== "NONE";
  });
  if (marked.length === 0) lines.push(t("assessment:plan.none"));
  for (const item of marked) {
    const answer = byCode(result.answers, item.code)!;
    const overdue = answer.targetDate !== null && compareDays(answer.targetDate, today) < 0;
    const history = result.progress.filter((p) => p.itemCode === item.code);
    const closed = history.at(-1)?.status === "DONE";
    lines.push(
      t("assessment:plan.line", {
        code: item.code,
        short: local(item.short, locale),
        answer: t(`answer.${answer.value}`),
        measure: answer.measure ?? "—",
        date: answer.targetDate ? formatDay(answer.targetDate) : "—",
        overdue: overdue && !closed ? t("assessment:plan.overdue") : "",
      }),
    );
    if (history.length > 0) {
      lines.push(`   ${t("followup:history.title")}`);
      for (const p of history) {
        lines.push(
          `   • ${t("followup:history.line", { month: formatPeriod(p.period), status: t(`progress.${p.status}`), note: p.note ? ` — ${p.note}` : "" })}`,
        );
      }
    }
  }
  return lines;
}

/**
 * `/tusua` on a text channel: the member's correction plan as text (as Telegram's /tusua), then
 * the plan as a DOCX file (a text channel sends it as a link; Telegram has a button for it).
 */
async function correctionPlan(deps: Deps, who: Speaker): Promise<Shown> {
  const { t, locale } = who;
  const member = await memberOr(deps, who);
  if (isShown(member)) return member;
  const result = await myPlan(deps, member);
  if (result.kind === "noRound") return say(t("assessment:plan.noRound"));
  if (result.kind === "notSubmitted") return say(t("assessment:plan.notSubmitted", { title: result.round.title }));
  const lines = renderPlan(who, deps.clock(), member.cell.timezone, result);
  const paper = await planDocument(deps, member, locale);
  if (paper.kind !== "file") return say(lines.join("\n"));
  const n = String(paper.roundNumber).padStart(2, "0");
  return {
    screens: [
      { text: lines.join("\n") },
      {
        text: t("cycle:plan.docxCaption", { title: paper.round.title }),
        file: { kind: "document", filename: t("cycle:plan.docxFile", { n }), base64: Buffer.from(paper.bytes).toString("base64") },
      },
    ],
  };
}

/** `/hoten` on a text channel: the member's name and a number to change it; `/hoten <tên>` changes it at once. */
async function fullName(deps: Deps, who: Speaker, args: string): Promise<Shown> {
  const { t } = who;
  const member = await memberOr(deps, who);
  if (isShown(member)) return member;
  const typed = args.trim();
  if (!typed)
    return {
      screens: [{ text: t("onboarding:name.currentText", { name: member.fullName }), choices: [[{ label: t("onboarding:name.change"), id: NAME_EDIT }]] }],
    };
  const result = await saveFullName(deps, member, typed);
  if (result.kind !== "saved") return say(nameError(t, result.kind));
  return say(t("onboarding:join.nameSaved", { name: result.fullName }));
}

/** What `/nhacnho` did, in the officer's words (as Telegram's). */
export function nudgeText(t: Translate, result: NudgeResult): string {
  switch (result.kind) {
    case "queued": {
      const lines = [t("followup:nudge.queued", { count: result.count })];
      if (result.skippedRecent > 0) lines.push(t("followup:nudge.skippedRecent", { count: result.skippedRecent }));
      if (result.unreachable > 0) lines.push(t("followup:nudge.unreachable", { count: result.unreachable }));
      return lines.join("\n");
    }
    case "nobodyPending":
      return t("followup:nudge.nobodyPending", { title: result.round.title });
    default:
      return t(`followup:nudge.${result.kind}`);
  }
}

/** `/nhacnho` on a text channel: a reminder now, through the outbox, to every member who has not submitted (an officer's command). */
async function nudge(deps: Deps, who: Speaker, renderer: MessageRenderer | undefined): Promise<Shown> {
  const member = await memberOr(deps, who);
  if (isShown(member)) return member;
  if (!renderer) throw new Error("/nhacnho needs the channel's message renderer");
  return say(nudgeText(who.t, await nudgePending(deps, member, renderer)));
}

/** The choice under a committee's nudge to a cell's bí thư ("Nhắc các đồng chí chưa nộp"; the id Telegram's nudgeCell makes). */
const NUDGE_CELL = /^1nc:([1-9]\d{0,9})$/;

/** That choice typed on a text channel: the cell's `/nhacnho`, for its secretary or deputy (as Telegram's button). */
async function nudgeFromNotice(deps: Deps, who: Speaker, cellId: number, renderer: MessageRenderer | undefined): Promise<Shown> {
  const member = await membershipFor(deps, who);
  if (!member || member.cellId !== cellId || !canManageRounds(member.role)) return say(who.t("followup:nudge.buttonForbidden"));
  if (!renderer) throw new Error("a nudge needs the channel's message renderer");
  return say(nudgeText(who.t, await nudgePending(deps, member, renderer)));
}

/** The member's record of the year as text: /kiemdiem on every channel (Telegram's adds its buttons under it). */
export function renderYear(who: Pick<Speaker, "t" | "locale">, name: string, r: YearReview): string {
  const { t } = who;
  const { record } = r;
  const lines = [
    t("cycle:review.title", { year: record.year, name }),
    "",
    t("cycle:review.tookPart", { count: record.tookPart, rounds: record.rounds.length }),
  ];
  for (const round of record.rounds)
    lines.push(t(round.tookPart ? "cycle:review.roundYes" : "cycle:review.roundNo", { title: round.title, deadline: formatDay(round.deadlineDay) }));
  lines.push("", t("cycle:review.itemsTitle"));
  if (record.items.length === 0) lines.push(t("cycle:review.noItems"));
  for (const i of record.items) {
    lines.push(
      t("cycle:review.item", {
        code: i.itemCode,
        short: r.shortOf(i.roundId, i.itemCode, who.locale),
        level: t(`answer.${i.value}`),
        round: r.roundTitles.get(i.roundId) ?? "",
        measure: i.measure ?? "—",
        date: i.targetDate ? formatDay(i.targetDate) : "—",
        state: i.state === "corrected" ? t("cycle:review.corrected", { month: formatPeriod(i.correctedIn!) }) : t(`cycle:review.${i.state}`),
      }),
    );
  }
  lines.push(
    "",
    t("cycle:review.totals", { committed: record.committed, corrected: record.corrected, open: record.open, overdue: record.overdue }),
    "",
    t("cycle:review.hint"),
  );
  return lines.join("\n");
}

/** `/kiemdiem [năm]` on a text channel: the member's own record of the year as text, then its DOCX as a file. */
async function yearRecord(deps: Deps, who: Speaker, args: string): Promise<Shown> {
  const { t } = who;
  const member = await memberOr(deps, who);
  if (isShown(member)) return member;
  const result = await yearReview(deps, member, args);
  if (result.kind === "badYear") return say(t("cycle:review.badYear"));
  if (result.kind === "noRounds") return say(t("cycle:review.noRounds", { year: result.year }));
  const year = result.review.record.year;
  const bytes = await yearReviewDocument(deps, member, result.review, who.locale);
  return {
    screens: [
      { text: renderYear(who, member.fullName, result.review) },
      {
        text: t("cycle:review.docxCaption", { year }),
        file: { kind: "document", filename: t("cycle:review.docxFile", { year }), base64: Buffer.from(bytes).toString("base64") },
      },
    ],
  };
}

/** `/tamdung [dd/mm/yyyy dd/mm/yyyy | huy]` on a text channel: shows, sets or lifts the cell's pause of reminders (an officer's, as on Telegram). */
async function pauseReminders(deps: Deps, who: Speaker, args: string): Promise<Shown> {
  const { t } = who;
  const member = await memberOr(deps, who);
  if (isShown(member)) return member;
  const result = await pauseCell(deps, member, args);
  switch (result.kind) {
    case "shown":
      return say(result.pause ? t("cycle:pause.shown", { from: formatDay(result.pause.from), until: formatDay(result.pause.until) }) : t("cycle:pause.none"));
    case "paused":
      return say(t("cycle:pause.paused", { from: formatDay(result.pause.from), until: formatDay(result.pause.until) }));
    case "tooLong":
      return say(t("cycle:pause.tooLong", { max: MAX_PAUSE_DAYS }));
    case "tooFar":
      return say(t("cycle:pause.tooFar", { latest: formatDay(result.latest) }));
    default:
      return say(t(`cycle:pause.${result.kind}`));
  }
}

/** What `/baocao tep` asks for on a text channel: the round's report files. */
const FILES_WORDS = ["tep", "tệp", "files", "file"];

/**
 * `/baocao tep` on a text channel (a private chat): the latest round's report as DOCX and XLSX,
 * to the officer who asked (the same rule as Telegram's file buttons: an officer of the cell;
 * item figures while the round is not public are marked as private, and stay in this chat).
 */
async function reportFiles(deps: Deps, who: Speaker, member: MemberWithCell): Promise<Shown> {
  const { t } = who;
  const latest = await roundReport(deps, member);
  if (latest.kind !== "report") return say(t(`report:${latest.kind}`));
  const screens: Screen[] = [];
  let hint = false;
  for (const kind of ["docx", "xlsx"] as const) {
    const result = await reportFile(deps, member, latest.report.round.id, kind, who.locale);
    if (result.kind !== "file") return say(t(`report:${result.kind}`));
    const n = String(result.roundNumber).padStart(2, "0");
    const names = { cell: member.cell.name.slice(0, 300), title: result.report.round.title.slice(0, 300) };
    screens.push({
      text: t(result.toGroup ? "report:files.caption" : "report:files.captionPrivate", names),
      file: { kind: "document", filename: t(`report:files.${kind}`, { n }), base64: Buffer.from(result.bytes).toString("base64") },
    });
    if (kind === "docx" && !result.higherBodySet) hint = true;
  }
  if (hint) screens.push({ text: t("report:files.higherBodyHint") });
  return { screens };
}

/**
 * A command. Null: not one the conversation knows (the channel answers it itself). Telegram
 * calls it for /start and /tusoi; a text channel for every command (`/chibo`, `/dotmoi`, `/web`
 * and `/mau` are a text channel's: Telegram has its own).
 */
export async function command(deps: Deps, who: Speaker, name: string, args: string, env: CommandEnv = {}): Promise<Shown | null> {
  // `/vaitro dangbo`: the committee's roster (conversation-committee.ts); a plain `/vaitro` is the cell's.
  if ((name === "vaitro" || name === "roles") && asksCommitteeRoles(args)) return committeeRoles(deps, who, args);
  // `/caidat dangbo`: the committee's report settings (conversation-committee.ts); a plain `/caidat` is the cell's.
  if ((name === "caidat" || name === "settings") && asksCommitteeRoles(args)) return committeeSettingsCommand(deps, who, args);
  switch (name) {
    case "chibo":
    case "setup":
      return (await privateChibo(deps, who, args, env.channel)) ?? setUpWithoutGroup(deps, who, args);
    case "dotmoi":
    case "newround": {
      // A committee officer's campaign or a cell's round: see conversation-committee.ts.
      const campaign = await campaignArgs(deps, who, args);
      return campaign ? issueCampaign(deps, who, campaign.args, env.committeeRenderer) : newRound(deps, who, args, env.renderer, env.wakeSender);
    }
    case "tonghop":
    case "rollup":
      return rollupCommand(deps, who, args);
    // A committee without a group, and its tree, from a text channel's private chat (conversation-committee.ts).
    case "dangbo":
    case "committee":
      return setUpCommitteeWithoutGroup(deps, who, args, env.channel);
    case "lienket":
    case "link":
      return linkCommand(deps, who, args);
    case "captren":
    case "parent":
      return attachCommand(deps, who, args, env.channel);
    case "themdonvi":
    case "addunit":
      return addUnitCommand(deps, who, args);
    // A unit-not-on-the-bot's figures, by number and typed (conversation-entered.ts).
    case "nhapso":
    case "enter":
      return enterCommand(deps, who);
    case "web":
    case "dashboard":
      return webLink(deps, who, args, env.webUrl ?? null);
    // A template is imported from a file, which a text channel cannot send to a bot.
    case "mau":
    case "template":
      return say(who.t("templates:textChannel"));
    case "start": {
      const payload = args.trim();
      if (payload.startsWith("j_")) return join(deps, who, payload.slice(2));
      const member = await membershipFor(deps, who);
      if (payload === "tusoi" && member) return openForm(deps, who, member, { intro: true });
      if (!member) return say(`${who.t("onboarding:start.hello")}\n\n${who.t("help:notMember")}`);
      return say(who.t("onboarding:start.member", { role: who.t(`role.${member.role}`), cell: member.cell.name }));
    }
    // A channel with no group for the cell (a text channel) shows both to the officer who asked.
    case "baocao":
    case "report": {
      const sub = args.trim().toLowerCase();
      if (CLOSE_WORDS.includes(sub)) return closeEarlyCommand(deps, who);
      const [word = "", ...rest] = sub.split(/\s+/);
      if (YEAR_WORDS.includes(word)) return yearTotalsCommand(deps, who, rest.join(" "));
      if (sub !== "" && !FILES_WORDS.includes(sub)) return null;
      const member = await membershipFor(deps, who);
      if (!member) return say(who.t("report:forbidden"));
      if (sub !== "") return reportFiles(deps, who, member);
      const result = await summary(deps, who, member);
      if (result.kind !== "summary") return say(who.t(`report:${result.kind}`));
      // Under the last one: how to get the files (Telegram has buttons for them).
      const screens = [result.group, ...(result.officer ? [result.officer] : [])];
      const last = screens.pop()!;
      // And, for the secretary or deputy, what Telegram's buttons do: close early, or the report back and the typed sections.
      const choices = reportChoices(who.t, member, result.report);
      return { screens: [...screens, { ...last, text: `${last.text}\n\n${who.t("report:files.textHint")}`, ...(choices ? { choices } : {}) }] };
    }
    // On a text channel, the join line a member sends: "/thamgia <mã>" (Telegram's private /thamgia points to the group's button).
    case "thamgia":
    case "join":
      // A committee's roster code puts the person on its roster (conversation-committee.ts); else a cell's.
      return (await joinRoster(deps, who, args.trim())) ?? join(deps, who, args.trim());
    case "tusua":
    case "plan":
      return correctionPlan(deps, who);
    case "tamdung":
    case "pause":
      return pauseReminders(deps, who, args);
    case "kiemdiem":
    case "review":
      return yearRecord(deps, who, args);
    case "hoten":
    case "name":
      return fullName(deps, who, args);
    case "nhacnho":
    case "remind": {
      // A committee officer's nudge to the cells' secretaries, or the cell's to its members: the rule of /dotmoi (conversation-committee.ts).
      const committee = await campaignArgs(deps, who, args);
      return committee ? nudgeCellSecretaries(deps, who, committee.args, env.committeeRenderer) : nudge(deps, who, env.renderer);
    }
    // A cell's officers (conversation-cell-admin.ts): roles and handover, schedule, settings, help, language.
    case "vaitro":
    case "roles":
    case "lich":
    case "schedule":
    case "caidat":
    case "settings":
    case "huongdan":
    case "help":
    case "ngonngu":
    case "lang":
    case "nhanbithu":
    case "reclaim":
      return cellAdminCommand(deps, who, name, args);
    case "sinhhoat":
    case "meeting":
      return meetingCommand(deps, who, args);
    case "tusoi":
    case "assess": {
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
      case "answer":
        return { type: "answer", index: action.index, value: action.value };
      case "back":
        return { type: "back", index: action.index };
      case "review":
        return { type: "review" };
      case "pick":
        return { type: "pick" };
      case "change":
        return { type: "change", index: action.index };
      case "continue":
        return { type: "continue" };
      case "submit":
        return { type: "submit" };
      case "reopen":
        return { type: "reopen" };
      case "page":
        return null;
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
    case "locked":
    case "stale":
    case "incomplete":
    case "notYours":
      return t(`assessment:rejected.${result.reason}`);
    case "pastDate":
      return t("assessment:date.pastDate", { today: result.view ? formatDay(result.view.today) : "" });
    case "tooFar":
      return t("assessment:date.tooFar", { latest: result.view ? formatDay(latestTypedDay(result.view.today, "target")) : "" });
    default:
      return t("assessment:rejected.stale");
  }
}

/** A follow-up choice: a progress answer for one item this month, or "add a note" (the next text is the note). */
async function chooseFollowUp(deps: Deps, who: Speaker, id: string, renderer: MessageRenderer | undefined): Promise<Shown> {
  const { t } = who;
  const action = decodeFollowUp(id);
  if (!action) return notice(t("error.badButton"));
  const member = await membershipFor(deps, who);
  if (!member) return notice(t("error.notMemberShort"));
  const target = { assessmentId: action.id, itemIndex: action.index, period: action.period };
  if (action.action === "note") {
    const result = await startNote(deps, member, target);
    if (result.kind === "notYours") return notice(t("error.notYours"));
    if (result.kind === "answerFirst") return { screens: [], notice: t("followup:followUp.answerFirst"), alert: true };
    return say(t("followup:followUp.askNote", { code: result.kind === "askNote" ? result.code : "", max: NOTE_MAX_LENGTH }));
  }
  if (!renderer) throw new Error("a follow-up answer needs the channel's message renderer");
  const result = await recordProgress(deps, member, { ...target, status: action.status }, renderer, who.locale);
  if (result.kind === "notYours") return notice(t("error.notYours"));
  if (result.kind === "notOpen") return notice(t("followup:followUp.notOpen"));
  // The answer is committed; now the message shows it.
  return { screens: [{ ...result.message, replace: true }], notice: t("followup:followUp.saved") };
}

/** The note typed after "Ghi chú" (awaited "note"). Null: the note is no longer the member's to write (the text goes on). */
export async function typedNote(deps: Deps, who: Speaker, awaiting: string, typed: string): Promise<Shown | null> {
  const member = await memberOr(deps, who);
  if (isShown(member)) return member;
  const result = await saveNote(deps, member, awaiting, typed);
  if (result.kind === "tooLong") return say(who.t("followup:followUp.noteTooLong", { max: NOTE_MAX_LENGTH }));
  if (result.kind === "saved") return say(who.t("followup:followUp.noteSaved"));
  return null;
}

/**
 * A choice: a button pressed or a number typed. The screen that follows replaces the one chosen
 * on; a refused or stale choice changes nothing and says why in the notice.
 */
export async function choose(deps: Deps, who: Speaker, id: string, env: CommandEnv = {}): Promise<Shown> {
  const { t } = who;
  const { renderer } = env;
  if (id === NAME_OK || id === NAME_EDIT) return chooseName(deps, who, id);
  if (MEETING_CHOICE_PATTERN.test(id)) return chooseMeeting(deps, who, id, env);
  if (FOLLOW_UP_PATTERN.test(id)) return chooseFollowUp(deps, who, id, renderer);
  if (CELL_ADMIN_PATTERN.test(id)) return chooseCellAdmin(deps, who, id);
  if (isCommitteeChoice(id)) return chooseCommittee(deps, who, id, renderer, env.committeeRenderer, env.channel);
  if (NUDGE_CELL.test(id)) return nudgeFromNotice(deps, who, Number(NUDGE_CELL.exec(id)![1]), renderer);
  if (ENTERED_CHOICE_PATTERN.test(id)) return chooseEntered(deps, who, id);
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
      case "tooShort":
        return say(t("assessment:measure.tooShort", { min: MEASURE_MIN_LENGTH }));
      case "tooLong":
        return say(t("assessment:measure.tooLong", { length: [...typed.trim()].length, max: MEASURE_MAX_LENGTH }));
      default:
        return say(rejectionText(t, result));
    }
  }
  return { screens: [assessmentScreen(result.view, t, who.locale)] };
}

const ANSWER_BY_DIGIT: Record<string, AnswerValue> = { 1: "NONE", 2: "MINOR", 3: "SIGNIFICANT" };

/**
 * The answers in one typed message of several numbers (issue 20): `1 1 2 1`, `1,1,2,1` or
 * `1121`, each 1, 2 or 3. Null: not several answers (one number is a choice; anything else text).
 */
export function parseSeveralAnswers(typed: string): AnswerValue[] | null {
  const trimmed = typed.trim();
  if (!/^[1-3](?:[\s,;.]*[1-3])+$/.test(trimmed)) return null;
  return [...trimmed.replace(/[\s,;.]/g, "")].map((d) => ANSWER_BY_DIGIT[d]!);
}

/**
 * Several numbers typed on a form question (a text channel): they answer that many items in
 * order, from the question the screen `choiceIds` asked (the last screen shown). The reply says
 * which items were recorded, then asks the next. A stale screen (the form moved on, the round
 * closed) changes nothing and says so. Null: the text is not several answers, or that screen
 * was no form question.
 */
export async function severalAnswers(deps: Deps, who: Speaker, choiceIds: readonly string[], typed: string): Promise<Shown | null> {
  const values = parseSeveralAnswers(typed);
  if (!values) return null;
  const asked = choiceIds.map(decodeForm).find((a): a is Extract<FormAction, { action: "answer" }> => a?.action === "answer");
  if (!asked) return null;
  const { t } = who;
  const member = await membershipFor(deps, who);
  if (!member) return say(t("error.notMemberShort"));
  const recorded: number[] = [];
  let index = asked.index;
  let last: Extract<ApplyResult, { kind: "applied" }> | null = null;
  let refusal: string | null = null;
  for (const value of values) {
    const result = await applyAssessmentEvent(deps, member, asked.id, { type: "answer", index, value });
    if (result.kind === "rejected") {
      refusal = recorded.length === 0 && result.reason === "stale" ? t("assessment:several.stale") : rejectionText(t, result);
      break;
    }
    last = result;
    recorded.push(index + 1);
    const screen = result.view.state.screen;
    if (screen.kind !== "question" || screen.index !== index + 1) break;
    index += 1;
  }
  if (!last) return say(refusal ?? t("assessment:several.stale"));
  const lines = [t("assessment:several.recorded", { count: recorded.length, items: recorded.join(", ") })];
  if (refusal) lines.push(refusal);
  else if (recorded.length < values.length) lines.push(t("assessment:several.unused", { count: values.length - recorded.length }));
  const screen = assessmentScreen(last.view, t, who.locale);
  return { screens: [{ ...screen, text: `${lines.join("\n")}\n\n${screen.text}`, replace: true }] };
}
