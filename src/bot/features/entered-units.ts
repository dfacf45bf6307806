/**
 * Units not on the bot (issue 19): `/themdonvi <tên>` in the committee's group (officers) and
 * `/nhapso` in private (which unit, then its figures step by step). The use cases are
 * app/entered-units.ts. Refusals in a group go to the asker privately.
 */
import { Composer, InlineKeyboard } from "grammy";
import { committeeActor, committeeOfGroup, officerCommittees, type CommitteeActor } from "../../app/committee.js";
import { addEnteredUnit, enterChoices, entryAnswer, parseAwaitingEntry, startEntry, type EnterResult } from "../../app/entered-units.js";
import { cancelAwaiting } from "../../app/onboarding.js";
import type { EnteredFiguresRecord } from "../../app/ports.js";
import { formatDay } from "../../domain/calendar.js";
import { encodeEnterUnit, ENTER_UNIT_PATTERN } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { shorten } from "../limits.js";
import { privateOnly, refuse, replyHtml } from "./shared.js";

export const enteredUnits = new Composer<BotContext>();

enteredUnits.command(["themdonvi", "addunit"], async (ctx) => {
  if (ctx.chat.type === "private") return replyHtml(ctx, ctx.t("error.groupOnly"));
  const found = await committeeOfGroup(ctx.deps.app, BigInt(ctx.chat.id));
  const actor = found && (await committeeActor(ctx.deps.app, found, BigInt(ctx.from!.id)));
  const result = await addEnteredUnit(ctx.deps.app, actor, ctx.match);
  if (result.kind === "forbidden") return refuse(ctx, ctx.t("meeting:units.forbidden"));
  if (result.kind === "added" || result.kind === "exists") return replyHtml(ctx, ctx.t(`meeting:units.${result.kind}`, { name: result.unit.name, committee: found!.name }));
  return replyHtml(ctx, ctx.t(`meeting:units.${result.kind}`));
});

enteredUnits.command(["nhapso", "enter"], async (ctx) => {
  if (ctx.chat.type !== "private") return privateOnly(ctx, ctx.t("meeting:units.privateOnly"));
  const result = await enterChoices(ctx.deps.app, await officerCommittees(ctx.deps.app, BigInt(ctx.from!.id)));
  if (result.kind === "forbidden") return replyHtml(ctx, ctx.t("meeting:units.enterForbidden"));
  if (result.kind !== "choose") return replyHtml(ctx, ctx.t(`meeting:units.${result.kind}`));
  const keyboard = new InlineKeyboard();
  for (const { actor, unit } of result.units.slice(0, 60)) {
    keyboard.text(shorten(ctx.t("meeting:units.unitButton", { name: unit.name, committee: actor.committee.name }), 60), encodeEnterUnit(actor.committeeId, unit.id)).row();
  }
  return replyHtml(ctx, { text: ctx.t("meeting:units.choose", { title: result.units[0]!.campaign.title }), keyboard });
});

/** The presser's place on the roster of the committee a button names (null: not on it, or no such committee). */
async function actorFor(ctx: BotContext, committeeId: number): Promise<CommitteeActor | null> {
  const found = await ctx.deps.app.committees.findCommittee(committeeId);
  return found && committeeActor(ctx.deps.app, found, BigInt(ctx.from!.id));
}

function meetingWords(ctx: BotContext, f: Pick<EnteredFiguresRecord, "meetingDay" | "present">): string {
  return f.meetingDay ? ctx.t("meeting:units.currentMeeting", { day: formatDay(f.meetingDay), present: f.present ?? 0 }) : ctx.t("meeting:units.currentNoMeeting");
}

/** The words for an entry outcome: the next question, a refusal, or what was saved. */
function describe(ctx: BotContext, result: EnterResult): string {
  const t = ctx.t;
  switch (result.kind) {
    case "ask": {
      const { members } = result;
      if (result.step === "submitted") return t("meeting:units.askSubmitted", { members });
      if (result.step === "day") return t("meeting:units.askDay");
      if (result.step === "present") return t("meeting:units.askPresent", { members });
      const c = result.current;
      return t("meeting:units.askMembers", {
        name: result.unit.name, title: result.campaign.title,
        current: c ? t("meeting:units.current", { submitted: c.submitted, members: c.members, meeting: meetingWords(ctx, c) }) : "",
      });
    }
    case "saved": {
      const f = result.figures;
      return t("meeting:units.saved", { name: result.unit.name, title: result.campaign.title, submitted: f.submitted, members: f.members, meeting: meetingWords(ctx, f) });
    }
    case "badNumber": return t("meeting:units.badNumber", { max: result.max });
    case "badDay": return t(`meeting:record.badDay.${result.reason}`, { opened: formatDay(result.opened) });
    case "forbidden": return t("meeting:units.enterForbidden");
    default: return t(`meeting:units.${result.kind}`);
  }
}

enteredUnits.callbackQuery(ENTER_UNIT_PATTERN, async (ctx) => {
  const result = await startEntry(ctx.deps.app, await actorFor(ctx, Number(ctx.match[1])), Number(ctx.match[2]));
  if (result.kind !== "ask") return ctx.answerCallbackQuery({ text: describe(ctx, result) });
  await ctx.answerCallbackQuery();
  return replyHtml(ctx, describe(ctx, result));
});

/** The typed figures; any command drops the pending questions. */
enteredUnits.chatType("private").on("message:text", async (ctx, next) => {
  const pending = parseAwaitingEntry(ctx.user?.awaiting ?? null);
  if (!pending) return next();
  if (ctx.message.text.startsWith("/")) {
    await cancelAwaiting(ctx.deps.app, ctx.user!.id);
    return next();
  }
  const result = await entryAnswer(ctx.deps.app, await actorFor(ctx, pending.committeeId), ctx.user!.id, ctx.user!.awaiting, ctx.message.text);
  return replyHtml(ctx, describe(ctx, result));
});
