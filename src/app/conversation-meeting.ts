/**
 * The meeting and what follows it, as a conversation with no channel in it (issue 20, for a
 * secretary who has only Zalo; Telegram's are src/bot/features/meeting.ts, report-back.ts and
 * report.ts's buttons, on the same use cases):
 *
 * - `/sinhhoat dd/mm/yyyy có-mặt/tổng-số` records the meeting at once; `/sinhhoat` alone asks
 *   step by step (the day, the attendance, who chaired), each typed answer arriving as the
 *   awaited kind "meeting" (`typedMeeting`). Secretary or deputy only, the same texts and checks.
 * - `/baocao dong` closes the latest round early, confirmed by number (Telegram: "Đóng đợt sớm"
 *   under /baocao; an open round's /baocao on a text channel ends with the files' line, as
 *   before). Under the officer's `/baocao` of a closed round, numbered choices for what
 *   Telegram's buttons do: the report back to the members ("Gửi báo cáo cho đảng viên": its confirmation, the conclusions typed
 *   first if wanted, the send) and the report's typed sections (Đánh giá chung, Phương hướng).
 * - The send queues through the outbox, waits for the drain to end (`wakeSender`), and says how
 *   many got it ("Đã gửi … n/n") and who could not be reached, as Telegram does.
 *
 * The choice ids are this file's (`1mt:…`): a person types their number, the conversation's
 * choose() hands them here. Every id is checked again against the person's role and cell.
 */
import { canManageRounds } from "../domain/roles.js";
import { dayInZone, formatDay } from "../domain/calendar.js";
import { shorten } from "../domain/text.js";
import type { Locale } from "../config.js";
import type { AppDeps } from "./deps.js";
import type { Choice, Screen } from "./messages.js";
import type { MessageRenderer } from "./notifications.js";
import type { MemberWithCell, ReportTextKey } from "./ports.js";
import type { RoundReport } from "./report.js";
import type { Translate } from "./screens/screen.js";
import { meetingAnswer, parseAwaitingMeeting, recordMeeting, type MeetingResult } from "./meeting.js";
import {
  CONCLUSIONS_MAX_LENGTH,
  CONCLUSIONS_MIN_LENGTH,
  parseAwaitingConclusions,
  reportBackOutcome,
  reportBackPlan,
  saveConclusions,
  sendReportBack,
  startConclusions,
  type ReportBackPlan,
} from "./report-back.js";
import {
  parseAwaitingReportText,
  REPORT_TEXT_MAX_LENGTH,
  REPORT_TEXT_MIN_LENGTH,
  saveRoundText,
  startRoundText,
  type ReportTextResult,
} from "./report-texts.js";
import { roundReport } from "./report.js";
import { cellYear } from "./review.js";
import type { CellYearTotals } from "../domain/year-review.js";
import { closeRound } from "./rounds.js";
import { membershipOf } from "./session.js";
import { notice, say, type Shown, type Speaker as FullSpeaker } from "./conversation-shown.js";

type Deps = AppDeps;

/** Who is talking: the part of the conversation's Speaker (conversation-shown.ts) used here. */
type Speaker = Pick<FullSpeaker, "userId" | "t" | "locale" | "membership">;

/** What the meeting's choices need from the channel. */
export interface MeetingEnv {
  /** The messages' words (the report back, the end-of-round summary). */
  renderer?: MessageRenderer;
  /** Tells the outbox sender to send now; resolves when the drain ends. */
  wakeSender?: () => Promise<void>;
  /** The bot's default language: the report back's DOCX for members with none set. */
  defaultLocale?: Locale;
}

const membership = (deps: Deps, who: Speaker): Promise<MemberWithCell | null> => (who.membership ? who.membership() : membershipOf(deps, who.userId));

// ---------------------------------------------------------------------------------------------
// Choice ids

type RoundAction = "assessment" | "direction" | "reportBack" | "conclusions" | "send" | "closeAsk" | "close";
const ACTION_CODES: Record<RoundAction, string> = {
  assessment: "a",
  direction: "d",
  reportBack: "rb",
  conclusions: "rk",
  send: "rs",
  closeAsk: "ce",
  close: "cc",
};
const ACTION_BY_CODE = Object.fromEntries(Object.entries(ACTION_CODES).map(([a, c]) => [c, a])) as Record<string, RoundAction>;

export const MEETING_CHOICE_PATTERN = /^1mt:/;
/** "Hủy" under the report back's confirmation; "Không đóng" under the early close's. */
export const CANCEL_REPORT_BACK_CHOICE = "1mt:no";
export const KEEP_OPEN_CHOICE = "1mt:nc";

export const encodeMeetingChoice = (action: RoundAction, roundId: number): string => `1mt:${ACTION_CODES[action]}:${roundId}`;

export function decodeMeetingChoice(id: string): { action: RoundAction; roundId: number } | null {
  const m = /^1mt:([a-z]{1,2}):([1-9]\d{0,9})$/.exec(id);
  const action = m ? ACTION_BY_CODE[m[1]!] : undefined;
  return m && action ? { action, roundId: Number(m[2]) } : null;
}

// ---------------------------------------------------------------------------------------------
// /sinhhoat

/** The words for a meeting outcome (a question, a refusal, or what was recorded): Telegram's. */
export function describeMeeting(t: Translate, now: Date, result: MeetingResult, timeZone: string): string {
  switch (result.kind) {
    case "saved": {
      const m = result.meeting;
      return t(result.corrected ? "meeting:record.corrected" : "meeting:record.saved", {
        title: result.round.title,
        day: formatDay(m.day),
        present: m.present,
        total: m.total,
        chair: m.chair ? t("meeting:record.chair", { name: m.chair }) : "",
      });
    }
    case "ask": {
      if (result.step === "attendance") return t("meeting:record.askAttendance");
      if (result.step === "chair") return t("meeting:record.askChair");
      const c = result.current;
      return t("meeting:record.askDay", {
        title: result.round.title,
        example: formatDay(dayInZone(now, timeZone)),
        current: c ? t("meeting:record.current", { day: formatDay(c.day), present: c.present, total: c.total }) : "",
      });
    }
    case "badDay":
      return t(`meeting:record.badDay.${result.reason}`, { opened: formatDay(result.opened) });
    case "badAttendance":
      return t(`meeting:record.badAttendance.${result.reason}`);
    default:
      return t(`meeting:record.${result.kind}`);
  }
}

/** `/sinhhoat [dd/mm/yyyy có-mặt/tổng-số]` on a text channel (always a private chat: the questions are asked right here). */
export async function meetingCommand(deps: Deps, who: Speaker, args: string): Promise<Shown> {
  const member = await membership(deps, who);
  if (!member) return say(who.t("meeting:record.forbidden"));
  const result = await recordMeeting(deps, member, args);
  if (result.kind === "forbidden") return say(who.t("meeting:record.forbidden"));
  return say(describeMeeting(who.t, deps.clock(), result, member.cell.timezone));
}

/** A typed answer of the step-by-step /sinhhoat (awaited "meeting"). Null: nothing of the meeting's is awaited. */
export async function typedMeeting(deps: Deps, who: Speaker, awaiting: string | null, typed: string): Promise<Shown | null> {
  if (!parseAwaitingMeeting(awaiting)) return null;
  const member = await membership(deps, who);
  if (!member) {
    await deps.users.setAwaiting(who.userId, null);
    return say(who.t("error.notMember"));
  }
  const result = await meetingAnswer(deps, member, awaiting, typed);
  return say(describeMeeting(who.t, deps.clock(), result, member.cell.timezone));
}

// ---------------------------------------------------------------------------------------------
// The choices under /baocao

/**
 * The numbered choices under an officer's /baocao of a closed round on a text channel (what
 * Telegram's buttons do): the report back to the members, the report's typed sections.
 * Undefined for anyone who cannot do these, and under an open round.
 */
export function reportChoices(t: Translate, member: MemberWithCell, report: RoundReport): Choice[][] | undefined {
  // An open round's /baocao ends with the files' line as before; closing it early is `/baocao dong`.
  if (!canManageRounds(member.role) || !report.closed) return undefined;
  const roundId = report.round.id;
  return [
    [{ label: t("cycle:reportBack.button"), id: encodeMeetingChoice("reportBack", roundId) }],
    [
      { label: t("meeting:texts.assessmentButton"), id: encodeMeetingChoice("assessment", roundId) },
      { label: t("meeting:texts.directionButton"), id: encodeMeetingChoice("direction", roundId) },
    ],
  ];
}

/** The report back's confirmation text, Telegram's and a text channel's: who gets what, and the conclusions (shortened here; members get them whole). */
export function reportBackConfirmText(t: Translate, plan: ReportBackPlan): string {
  const count = plan.recipients.length;
  const lines = [
    t("cycle:reportBack.confirm", {
      title: plan.round.title,
      count,
      file: plan.report.itemsPublic ? t("cycle:reportBack.withFile") : t("cycle:reportBack.withoutFile", { min: plan.report.threshold }),
    }),
  ];
  const { delivered, unfinished, undeliverable } = plan.earlier;
  if (plan.alreadyQueued > 0) lines.push("");
  if (delivered > 0) lines.push(t("cycle:reportBack.already", { count: delivered }));
  if (unfinished > 0) lines.push(t("cycle:reportBack.unfinished", { count: unfinished }));
  if (undeliverable > 0) lines.push(t("cycle:reportBack.undeliverable", { count: undeliverable }));
  lines.push("", plan.conclusions ? t("cycle:reportBack.conclusions", { text: shorten(plan.conclusions, 1500) }) : t("cycle:reportBack.noConclusions"));
  return lines.join("\n");
}

/** The report back's confirmation: the text and the choices (as Telegram's buttons). */
function confirmation(t: Translate, plan: ReportBackPlan): Screen {
  const count = plan.recipients.length;
  const { delivered, undeliverable } = plan.earlier;
  const roundId = plan.round.id;
  return {
    text: reportBackConfirmText(t, plan),
    choices: [
      [
        {
          label: t(plan.conclusions ? "cycle:reportBack.editConclusions" : "cycle:reportBack.addConclusions"),
          id: encodeMeetingChoice("conclusions", roundId),
        },
      ],
      [{ label: t("cycle:reportBack.send", { count: count - delivered - undeliverable }), id: encodeMeetingChoice("send", roundId) }],
      [{ label: t("cycle:reportBack.cancel"), id: CANCEL_REPORT_BACK_CHOICE }],
    ],
  };
}

/** The question for a typed section, with what is there now (Telegram's and a text channel's; shortened, the stored text is whole). */
export function textPrompt(t: Translate, key: ReportTextKey, result: ReportTextResult & { kind: "ask" }): string {
  const lines = [
    t("meeting:texts.ask", {
      section: t(`meeting:texts.section.${key}`),
      unit: result.unitName,
      title: result.title,
      min: REPORT_TEXT_MIN_LENGTH,
      max: REPORT_TEXT_MAX_LENGTH,
    }),
  ];
  if (key === "assessment") lines.push(t("meeting:texts.askAssessmentHint"));
  if (result.current) lines.push("", t("meeting:texts.current", { text: shorten(result.current, 1500) }));
  return lines.join("\n");
}

/** What `/baocao dong` asks for on a text channel: closing the latest round early (Telegram: "Đóng đợt sớm" under /baocao). */
export const CLOSE_WORDS = ["dong", "đóng", "close"];

/** What `/baocao nam [năm]` asks for on a text channel: the cell's year totals (Telegram: "📅 Tổng hợp năm …" under /baocao). */
export const YEAR_WORDS = ["nam", "năm", "year"];

/** The cell's year totals as text, Telegram's and a text channel's (aggregates only). */
export function yearTotalsText(t: Translate, cellName: string, totals: CellYearTotals): string {
  if (totals.rounds === 0) return t("cycle:year.none", { year: totals.year });
  return [
    t("cycle:year.title", { year: totals.year, cell: cellName }),
    "",
    t("cycle:year.rounds", { count: totals.rounds }),
    t("cycle:year.everyRound", { count: totals.everyRound, members: totals.members }),
    t("cycle:year.measures", { ...totals }),
    "",
    t("cycle:year.note"),
  ].join("\n");
}

/** `/baocao nam [năm]`: the year totals, of the latest round's year when no year is typed (who may see the report). */
export async function yearTotalsCommand(deps: Deps, who: Speaker, yearArg: string): Promise<Shown> {
  const { t } = who;
  const member = await membership(deps, who);
  if (!member) return say(t("report:forbidden"));
  let year = Number(yearArg);
  if (yearArg === "") {
    const latest = await roundReport(deps, member);
    if (latest.kind !== "report") return say(t(latest.kind === "noRound" ? "report:noRound" : "report:forbidden"));
    year = Number(latest.report.round.deadlineDay.slice(0, 4));
  } else if (!/^\d{4}$/.test(yearArg)) return say(t("cycle:year.badYearTyped"));
  const result = await cellYear(deps, member, year);
  if (result.kind === "forbidden") return say(t("report:forbidden"));
  if (result.kind === "badYear") return say(t("cycle:year.badYearTyped"));
  return say(yearTotalsText(t, member.cell.name, result.totals));
}

/** `/baocao dong`: the early close of the cell's latest round, to confirm by number (secretary, deputy). */
export async function closeEarlyCommand(deps: Deps, who: Speaker): Promise<Shown> {
  const member = await membership(deps, who);
  if (!member) return say(who.t("assessment:round.closeForbidden"));
  return askClose(deps, who, member);
}

/** The early close's confirmation, as Telegram's (the latest round when `roundId` is not given). */
async function askClose(deps: Deps, who: Speaker, member: MemberWithCell, roundId?: number): Promise<Shown> {
  const { t } = who;
  if (!canManageRounds(member.role)) return say(t("assessment:round.closeForbidden"));
  const result = await roundReport(deps, member, roundId);
  if (result.kind !== "report") return say(t(result.kind === "noRound" ? "report:noRound" : "report:forbidden"));
  if (result.report.closed) return say(t("assessment:round.notOpen"));
  const id = result.report.round.id;
  return {
    screens: [
      {
        text: t("report:close.confirm", { title: result.report.round.title, min: result.report.threshold }),
        choices: [
          [{ label: t("report:close.confirmButton"), id: encodeMeetingChoice("close", id) }],
          [{ label: t("report:close.cancelButton"), id: KEEP_OPEN_CHOICE }],
        ],
      },
    ],
  };
}

/** A choice of this file's: one of the numbered lines under /baocao, the report back's confirmation, or the early close's. */
export async function chooseMeeting(deps: Deps, who: Speaker, id: string, env: MeetingEnv = {}): Promise<Shown> {
  const { t } = who;
  if (id === CANCEL_REPORT_BACK_CHOICE) return say(t("cycle:reportBack.cancelled"));
  if (id === KEEP_OPEN_CHOICE) return say(t("report:close.cancelled"));
  const choice = decodeMeetingChoice(id);
  if (!choice) return notice(t("error.badButton"));
  const member = await membership(deps, who);
  if (!member) return notice(t("error.notMemberShort"));
  const { roundId } = choice;
  switch (choice.action) {
    case "assessment":
    case "direction": {
      const result = await startRoundText(deps, member, roundId, choice.action);
      if (result.kind !== "ask") return say(t(`meeting:texts.${result.kind}`));
      return say(textPrompt(t, choice.action, result));
    }
    case "reportBack": {
      const result = await reportBackPlan(deps, member, roundId);
      if (result.kind === "forbidden") return say(t("cycle:reportBack.forbidden"));
      if (result.kind === "noRound") return say(t("report:noRound"));
      if (result.kind === "open") return say(t("meeting:textChannel.openRound", { title: shorten(result.round.title, 60) }));
      return { screens: [confirmation(t, result.plan)] };
    }
    case "conclusions": {
      const result = await startConclusions(deps, member, roundId);
      if (result.kind === "forbidden") return say(t("cycle:reportBack.forbidden"));
      if (result.kind !== "ask") return say(t("report:noRound"));
      return say(t("cycle:reportBack.askConclusions", { min: CONCLUSIONS_MIN_LENGTH, max: CONCLUSIONS_MAX_LENGTH }));
    }
    case "send":
      return send(deps, who, member, roundId, env);
    case "closeAsk":
      return askClose(deps, who, member, roundId);
    case "close": {
      if (!env.renderer) throw new Error("closing a round needs the channel's message renderer");
      const result = await closeRound(deps, member, roundId, env.renderer);
      if (result.kind === "forbidden") return say(t("assessment:round.closeForbidden"));
      if (result.kind === "notYours") return say(t("assessment:round.closeNotYours"));
      if (result.kind === "notOpen") return say(t("assessment:round.notOpen"));
      return say(t("assessment:round.closed", { title: result.round.title }));
    }
  }
}

/** The report back, confirmed: queued through the outbox, sent (the drain awaited), and what came of it. */
async function send(deps: Deps, who: Speaker, member: MemberWithCell, roundId: number, env: MeetingEnv): Promise<Shown> {
  const { t } = who;
  if (!env.renderer) throw new Error("the report back needs the channel's message renderer");
  const result = await sendReportBack(deps, member, roundId, env.renderer, env.defaultLocale ?? who.locale);
  if (result.kind === "forbidden") return say(t("cycle:reportBack.forbidden"));
  if (result.kind === "noRound") return say(t("report:noRound"));
  if (result.kind === "open") return say(t("meeting:textChannel.openRound", { title: shorten(result.round.title, 60) }));
  const { round } = result.plan;
  const total = result.members.length + result.skippedUnreachable.length;
  const before = await reportBackOutcome(deps, round.id, result.members);
  if (result.queued === 0 && result.skippedUnreachable.length === 0 && before.pending === 0 && before.failed.length === 0) {
    return say([t("cycle:reportBack.result", { title: round.title, sent: before.sent, total }), t("cycle:reportBack.nothingNew")].join("\n"));
  }
  // Resolves when the drain ends: it sends what this choice queued and whatever an earlier one left unsent.
  if (before.pending > 0) await env.wakeSender?.();
  const outcome = await reportBackOutcome(deps, round.id, result.members);
  const unreachable = [...result.skippedUnreachable, ...outcome.failed];
  const lines = [t("cycle:reportBack.result", { title: round.title, sent: outcome.sent, total })];
  if (outcome.pending > 0) lines.push(t("cycle:reportBack.stillSending", { count: outcome.pending }));
  if (unreachable.length > 0) lines.push("", t("cycle:reportBack.unreachable", { names: unreachable.join(", ") }));
  return say(lines.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Typed texts

/** The report's typed section after "Đánh giá chung" / "Phương hướng" (awaited "rtext"). Null: none awaited. */
export async function typedReportText(deps: Deps, who: Speaker, awaiting: string | null, typed: string): Promise<Shown | null> {
  const target = parseAwaitingReportText(awaiting);
  if (!target || target.unit !== "round") return null;
  const { t } = who;
  const member = await membership(deps, who);
  if (!member) {
    await deps.users.setAwaiting(who.userId, null);
    return say(t("error.notMember"));
  }
  return say(typedTextAnswer(t, await saveRoundText(deps, member, target, typed), target.key, "meeting:textChannel.saved"));
}

/**
 * What the officer is told after typing a report's section (a cell's round or a committee's
 * campaign): saved, in the channel's words (`savedKey`, given the section's name), or why not.
 * Telegram's typed-text handler and the text channels' call it.
 */
export function typedTextAnswer(t: Translate, result: ReportTextResult, key: ReportTextKey, savedKey: string): string {
  switch (result.kind) {
    case "saved":
      return t(savedKey, { section: t(`meeting:texts.section.${key}`) });
    case "tooShort":
      return t("meeting:texts.tooShort", { min: REPORT_TEXT_MIN_LENGTH });
    case "tooLong":
      return t("meeting:texts.tooLong", { max: REPORT_TEXT_MAX_LENGTH });
    default:
      return t(`meeting:texts.${result.kind}`);
  }
}

/** The meeting's conclusions typed after "Thêm kết luận" (awaited "conclusions"), then the confirmation again. Null: none awaited. */
export async function typedConclusions(deps: Deps, who: Speaker, awaiting: string | null, typed: string): Promise<Shown | null> {
  if (!parseAwaitingConclusions(awaiting)) return null;
  const { t } = who;
  const member = await membership(deps, who);
  if (!member) {
    await deps.users.setAwaiting(who.userId, null);
    return say(t("error.notMember"));
  }
  const result = await saveConclusions(deps, member, awaiting, typed);
  switch (result.kind) {
    case "tooShort":
      return say(t("cycle:reportBack.conclusionsTooShort", { min: CONCLUSIONS_MIN_LENGTH }));
    case "tooLong":
      return say(t("cycle:reportBack.conclusionsTooLong", { max: CONCLUSIONS_MAX_LENGTH }));
    case "forbidden":
      return say(t("cycle:reportBack.forbidden"));
    case "noRound":
      return say(t("report:noRound"));
  }
  const saved: Screen = { text: t("cycle:reportBack.conclusionsSaved") };
  if (result.kind !== "saved") return { screens: [saved] };
  const plan = await reportBackPlan(deps, member, result.round.id);
  return { screens: plan.kind === "plan" ? [saved, confirmation(t, plan.plan)] : [saved] };
}
