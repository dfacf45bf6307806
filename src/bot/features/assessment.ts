/** /tusoi: the form, one edited message; answer/back/review/plan buttons; typed measures and dates. */
import { Composer } from "grammy";
import { applyAssessmentEvent, formAwaitingText, startAssessment, viewAssessment, type ApplyResult } from "../../app/assessment.js";
import type { MemberWithCell } from "../../app/ports.js";
import { MEASURE_MAX_LENGTH, MEASURE_MIN_LENGTH, type AssessmentEvent, type AssessmentState } from "../../domain/assessment.js";
import { dayInZone, formatDay, latestTypedDay, parseTypedDay, type Day } from "../../domain/calendar.js";
import { decodeForm, FORM_PATTERN, type FormAction } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { PASS, type TypedTextContext } from "../awaited-text.js";
import { assessmentIntro, assessmentScreen, quickPickDay, submittedNotice } from "../../app/screens/assessment.js";
import { editScreen, replyScreen } from "../render.js";
import { ownPrivateChat, privateOnly, replyHtml, requireMember } from "./shared.js";

export const assessment = new Composer<BotContext>();
const privateChat = assessment.chatType("private");

/** What `/tusoi <word>` asks for: the chi ủy's collective form ("taphe", "tập thể", "collective"), else the member's own. */
export function asksCollective(args: string): boolean {
  const word = args.normalize("NFC").toLowerCase().replace(/\s+/g, "");
  return ["taphe", "tậpthể", "tapthe", "chiuy", "chiủy", "collective"].includes(word);
}

/**
 * Starts or resumes the member's form (or the collective one) and sends its current screen as a
 * new message; with `intro` (a start button), first a short word on the round, its length, and
 * stopping part-way.
 */
export async function showAssessment(ctx: BotContext, member: MemberWithCell, options: { collective?: boolean; intro?: boolean } = {}) {
  const result = await startAssessment(ctx.deps.app, member, options);
  if (result.kind === "forbidden") return replyHtml(ctx, ctx.t("assessment:collective.forbidden"));
  if (result.kind === "noRound") return replyHtml(ctx, ctx.t("assessment:noRound"));
  if (result.kind === "lockedNotSubmitted") {
    // A round closed early ended that day, not at its deadline.
    const { round } = result;
    const early = round.closedAt !== null && round.closedAt.getTime() < round.deadline.getTime();
    const key = `assessment:${options.collective ? "collective." : ""}lockedNotSubmitted${early ? "Early" : ""}`;
    return replyHtml(ctx, ctx.t(key, {
      title: round.title, deadline: formatDay(round.deadlineDay), closed: early ? formatDay(dayInZone(round.closedAt!, member.cell.timezone)) : "",
    }));
  }
  const intro = options.intro ? assessmentIntro(result.view, ctx.t) : null;
  if (intro) await replyHtml(ctx, intro);
  return replyScreen(ctx, assessmentScreen(result.view, ctx.t, ctx.locale));
}

privateChat.command(["tusoi", "assess"], async (ctx) => {
  const member = await requireMember(ctx);
  if (member) await showAssessment(ctx, member, { collective: asksCollective(ctx.match) });
});

assessment.chatType(["group", "supergroup"]).command(["tusoi", "assess", "tusua", "plan"], (ctx) => privateOnly(ctx, ctx.t("assessment:inGroup"), "tusoi"));

/** Turns a pressed button into a domain event; item indexes become codes of the form's own checklist. */
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

function rejectionText(ctx: BotContext, result: Extract<ApplyResult, { kind: "rejected" }>): string {
  switch (result.reason) {
    case "locked": case "stale": case "incomplete": case "notYours":
      return ctx.t(`assessment:rejected.${result.reason}`);
    case "pastDate":
      return ctx.t("assessment:date.pastDate", { today: result.view ? formatDay(result.view.today) : "" });
    case "tooFar":
      return ctx.t("assessment:date.tooFar", { latest: result.view ? formatDay(latestTypedDay(result.view.today, "target")) : "" });
    default:
      return ctx.t("assessment:rejected.stale");
  }
}

assessment.callbackQuery(FORM_PATTERN, async (ctx) => {
  const action = decodeForm(ctx.callbackQuery.data);
  if (!action) return ctx.answerCallbackQuery({ text: ctx.t("error.badButton") });
  // A form button only ever lives in its member's private chat: anywhere else (a forged
  // press on a group message) it must not edit that message into someone's answers.
  if (!ownPrivateChat(ctx)) return ctx.answerCallbackQuery({ text: ctx.t("error.privateButton") });
  const member = await requireMember(ctx);
  if (!member) return;
  if (action.action === "page") {
    const view = await viewAssessment(ctx.deps.app, member, action.id);
    if (!view) return ctx.answerCallbackQuery({ text: ctx.t("assessment:rejected.notYours") });
    await ctx.answerCallbackQuery();
    return editScreen(ctx, assessmentScreen(view, ctx.t, ctx.locale, action.index));
  }
  const result = await applyAssessmentEvent(ctx.deps.app, member, action.id, eventFor(action));
  if (result.kind === "rejected") return ctx.answerCallbackQuery({ text: rejectionText(ctx, result) });
  // The answer is committed; now the message can change.
  await ctx.answerCallbackQuery();
  const screen = assessmentScreen(result.view, ctx.t, ctx.locale);
  if (result.submitted) {
    const next = ctx.t(result.view.collective ? "assessment:collective.submittedNext" : "assessment:submitted.planLink");
    return editScreen(ctx, { ...screen, text: `${submittedNotice(ctx.deps.app.clock(), ctx.t, member.cell.timezone)}\n\n${screen.text}\n\n${next}` });
  }
  return editScreen(ctx, screen);
});

/**
 * Typed text while the form waits for a measure or a date (its cursor, not User.awaiting, says
 * so): the typed-text dispatcher's answer when nothing else is awaited.
 */
export async function formText(ctx: TypedTextContext) {
  const member = await ctx.membership();
  const view = member && (await formAwaitingText(ctx.deps.app, member));
  if (!member || !view) return PASS;
  const screen = view.state.screen;
  const text = ctx.message.text;
  let event: AssessmentEvent;
  if (screen.kind === "measure") {
    event = { type: "measure", code: screen.code, text };
  } else if (screen.kind === "date") {
    const parsed = parseTypedDay(text);
    if (!parsed.ok) return replyHtml(ctx, ctx.t(parsed.reason === "format" ? "assessment:date.badFormat" : "assessment:date.impossible", { text: text.slice(0, 40) }));
    event = { type: "date", code: screen.code, day: parsed.day };
  } else {
    return PASS;
  }
  const result = await applyAssessmentEvent(ctx.deps.app, member, view.assessmentId, event);
  if (result.kind === "rejected") {
    switch (result.reason) {
      case "tooShort": return replyHtml(ctx, ctx.t("assessment:measure.tooShort", { min: MEASURE_MIN_LENGTH }));
      case "tooLong": return replyHtml(ctx, ctx.t("assessment:measure.tooLong", { length: [...text.trim()].length, max: MEASURE_MAX_LENGTH }));
      default: return replyHtml(ctx, rejectionText(ctx, result));
    }
  }
  return replyScreen(ctx, assessmentScreen(result.view, ctx.t, ctx.locale));
}

/** Anything but text (a photo, a sticker) while a measure or date is awaited. */
privateChat.on("message", async (ctx, next) => {
  if (ctx.message.text !== undefined) return next();
  const member = await ctx.membership();
  const view = member && (await formAwaitingText(ctx.deps.app, member));
  if (!view) return next();
  return replyHtml(ctx, ctx.t(view.state.screen.kind === "measure" ? "assessment:measure.empty" : "assessment:date.prompt"));
});
