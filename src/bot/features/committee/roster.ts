/**
 * The committee's roster: joining it (/start c_…, the name confirmed or typed) and, in the
 * committee's group, an officer's menu over an entry (a role, or off the roster).
 */
import { Composer, InlineKeyboard } from "grammy";
import { joinCommitteeRoster, parseAwaitingRosterName, rosterEntryFor, rosterName, setRosterRole, type RosterNameResult } from "../../../app/committee.js";
import { PASS, type AwaitedTextHandlers } from "../../awaited-text.js";
import { encodeRosterName, encodeRosterRole, rosterMenuData, rosterNameData, rosterRoleData } from "./callbacks.js";
import type { BotContext } from "../../context.js";
import { editHtml, onPress, person, replyHtml } from "../shared.js";
import { groupActor } from "./shared.js";

/** Joining the roster and the name it lists (registered before the roll-up, as before the split). */
export const rosterJoin = new Composer<BotContext>();
const privateChat = rosterJoin.chatType("private");

privateChat.command("start", async (ctx, next) => {
  const payload = ctx.match.trim();
  if (!payload.startsWith("c_")) return next();
  const result = await joinCommitteeRoster(ctx.deps.app, payload.slice(2), person(ctx));
  if (result.kind === "unknownLink") return replyHtml(ctx, ctx.t("committee:join.unknownLink"));
  const role = ctx.t(`committee:role.${result.entry.role}`);
  const greeting = ctx.t(result.already ? "committee:join.already" : "committee:join.welcome", { committee: result.committee.name, role });
  if (result.already) return replyHtml(ctx, greeting);
  // As on joining a cell: the Telegram name is only a proposal, confirmed or typed anew.
  const keyboard = new InlineKeyboard()
    .text(ctx.t("onboarding:join.nameOk"), encodeRosterName(result.entry.id, "ok"))
    .text(ctx.t("onboarding:join.nameEdit"), encodeRosterName(result.entry.id, "edit"));
  return replyHtml(ctx, { text: `${greeting}\n\n${ctx.t("committee:join.confirmName", { name: result.entry.fullName })}`, keyboard });
});

/** What confirming or typing a roster name came to, in words. */
function rosterNameText(ctx: BotContext, result: Exclude<RosterNameResult, { kind: "asked" }>): string {
  switch (result.kind) {
    case "saved":
      return ctx.t("committee:join.nameSaved", { name: result.fullName, committee: result.committee.name });
    case "notOnRoster":
      return ctx.t("committee:roster.notOnRoster");
    default:
      return ctx.t({ tooShort: "onboarding:join.nameTooShort", tooLong: "onboarding:join.nameTooLong", noLetter: "onboarding:join.nameNoLetter" }[result.kind]);
  }
}

onPress(rosterJoin, rosterNameData, async (ctx, { entryId, choice }) => {
  const result = await rosterName(ctx.deps.app, ctx.user!.id, entryId, choice === "edit" ? "ask" : null);
  if (result.kind === "notOnRoster") return ctx.answerCallbackQuery({ text: rosterNameText(ctx, result) });
  await ctx.answerCallbackQuery();
  return editHtml(ctx, result.kind === "asked" ? ctx.t("onboarding:join.askName") : rosterNameText(ctx, result));
});

/** The name typed for a roster entry, when the bot asked for one (awaited "rosterName"; any command drops the wait). */
export const committeeTexts: AwaitedTextHandlers = {
  rosterName: async (ctx, awaiting) => {
    const entryId = parseAwaitingRosterName(awaiting);
    if (entryId === null) return PASS;
    const result = await rosterName(ctx.deps.app, ctx.user!.id, entryId, ctx.message.text);
    if (result.kind !== "asked") return replyHtml(ctx, rosterNameText(ctx, result));
  },
};

/** An officer's menu over a roster entry, in the committee's group (registered after the campaigns' buttons, as before the split). */
export const rosterRoles = new Composer<BotContext>();

function rosterKeyboard(ctx: BotContext, entryId: number) {
  return new InlineKeyboard()
    .text(ctx.t("committee:roster.makeDeputy"), encodeRosterRole(entryId, "DEPUTY"))
    .row()
    .text(ctx.t("committee:roster.makeStaff"), encodeRosterRole(entryId, "STAFF"))
    .row()
    .text(ctx.t("committee:roster.makeMember"), encodeRosterRole(entryId, "MEMBER"))
    .row()
    .text(ctx.t("committee:roster.remove"), encodeRosterRole(entryId, "REMOVE"));
}

onPress(rosterRoles, rosterMenuData, async (ctx, { entryId }) => {
  const target = await rosterEntryFor(ctx.deps.app, await groupActor(ctx), entryId);
  if (target === "forbidden") return ctx.answerCallbackQuery({ text: ctx.t("committee:roster.forbidden") });
  if (!target) return ctx.answerCallbackQuery({ text: ctx.t("committee:roster.notOnRoster") });
  await ctx.answerCallbackQuery();
  return editHtml(ctx, {
    text: ctx.t("committee:roster.choose", { name: target.fullName, role: ctx.t(`committee:role.${target.role}`) }),
    keyboard: rosterKeyboard(ctx, target.id),
  });
});

onPress(rosterRoles, rosterRoleData, async (ctx, { entryId, role }) => {
  const result = await setRosterRole(ctx.deps.app, await groupActor(ctx), entryId, role);
  if (result.kind !== "changed") return ctx.answerCallbackQuery({ text: ctx.t(`committee:roster.${result.kind}`) });
  await ctx.answerCallbackQuery();
  if (result.role === "REMOVE") return editHtml(ctx, ctx.t("committee:roster.removed", { name: result.entry.fullName }));
  return editHtml(ctx, ctx.t("committee:roster.changed", { name: result.entry.fullName, role: ctx.t(`committee:role.${result.role}`) }));
});
