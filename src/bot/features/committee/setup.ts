/** Setting up a committee (/dangbo) and the tree: /lienket posts a code, /captren attaches a unit under it, a move is confirmed. */
import { Composer, InlineKeyboard } from "grammy";
import { attachUnit, committeeActor, committeeOfGroup, createLinkCode, setupCommittee, type AttachResult } from "../../../app/committee.js";
import { confirmMoveData, encodeConfirmMove } from "./callbacks.js";
import type { BotContext } from "../../context.js";
import { shorten } from "../../limits.js";
import { formatTime } from "../../presenters/format.js";
import { editHtml, groupOf, onPress, person, replyHtml } from "../shared.js";
import { tellGroup } from "./shared.js";

export const setup = new Composer<BotContext>();
const group = setup.chatType(["group", "supergroup"]);
const privateChat = setup.chatType("private");

group.command(["dangbo", "committee"], async (ctx) => {
  const status = (await ctx.getChatMember(ctx.from.id)).status;
  const result = await setupCommittee(ctx.deps.app, {
    group: groupOf(ctx.chat),
    chatTitle: ctx.chat.title,
    caller: person(ctx),
    callerIsAdmin: status === "creator" || status === "administrator",
    name: ctx.match,
  });
  switch (result.kind) {
    case "created":
      return replyHtml(ctx, ctx.t("committee:setup.created", { name: result.committee.name, secretary: result.secretary.fullName }));
    case "renamed":
      return replyHtml(ctx, ctx.t("committee:setup.renamed", { name: result.committee.name }));
    case "groupIsCell":
      return replyHtml(ctx, ctx.t("committee:setup.groupIsCell", { name: result.cell.name }));
    case "groupTaken":
      return replyHtml(ctx, ctx.t("committee:setup.groupTaken", { name: result.committee.name }));
    default:
      return replyHtml(ctx, ctx.t(`committee:setup.${result.kind}`));
  }
});
privateChat.command(["dangbo", "committee", "lienket", "link", "captren", "parent"], (ctx) => replyHtml(ctx, ctx.t("error.groupOnly")));

group.command(["lienket", "link"], async (ctx) => {
  const found = await committeeOfGroup(ctx.deps.app, groupOf(ctx.chat));
  if (!found) return replyHtml(ctx, ctx.t("committee:link.forbidden"));
  const actor = await committeeActor(ctx.deps.app, found, ctx.user!.id);
  const result = await createLinkCode(ctx.deps.app, actor);
  if (result.kind === "forbidden") return replyHtml(ctx, ctx.t("committee:link.forbidden"));
  return replyHtml(ctx, ctx.t("committee:link.posted", { committee: found.name, code: result.code, expires: formatTime(result.expiresAt, found.timezone) }));
});

/** What attaching came to, said in the unit's group; the committees concerned are told in theirs. */
async function reportAttach(ctx: BotContext, result: AttachResult, edit: boolean) {
  const say = (text: string, keyboard?: InlineKeyboard) => (edit ? editHtml(ctx, { text, keyboard }) : replyHtml(ctx, keyboard ? { text, keyboard } : text));
  switch (result.kind) {
    case "attached":
    case "moved": {
      await tellGroup(ctx, result.to.group, ctx.t("committee:attach.notifyJoined", { unit: result.unitName, committee: result.to.name }));
      if (result.kind === "moved" && result.from) {
        await tellGroup(ctx, result.from.group, ctx.t("committee:attach.notifyMovedAway", { unit: result.unitName, committee: result.to.name }));
      }
      return say(ctx.t(`committee:attach.${result.kind}`, { unit: result.unitName, committee: result.to.name }));
    }
    case "confirmMove": {
      const keyboard = new InlineKeyboard().text(
        shorten(ctx.t("committee:attach.confirmButton", { committee: result.to.name }), 60),
        encodeConfirmMove(result.linkId, result.token),
      );
      return say(ctx.t("committee:attach.confirmMove", { unit: result.unitName, from: result.from?.name ?? "…", committee: result.to.name }), keyboard);
    }
    case "already":
    case "loop":
      return say(ctx.t(`committee:attach.${result.kind}`, { committee: result.to.name }));
    default:
      return say(ctx.t(`committee:attach.${result.kind}`));
  }
}

group.command(["captren", "parent"], async (ctx) => {
  const result = await attachUnit(ctx.deps.app, { group: groupOf(ctx.chat), userId: ctx.user!.id, code: ctx.match });
  return reportAttach(ctx, result, false);
});

onPress(setup, confirmMoveData, async (ctx, { linkId, token }) => {
  const chat = ctx.callbackQuery.message?.chat;
  if (!chat || chat.type === "private") return ctx.answerCallbackQuery({ text: ctx.t("error.badButton") });
  // A button without a token was sent before moves were bound to the code: stale.
  if (!token) return ctx.answerCallbackQuery({ text: ctx.t("committee:attach.stale"), show_alert: true });
  const result = await attachUnit(ctx.deps.app, { group: groupOf(chat), userId: ctx.user!.id, confirm: { linkId, token } });
  if (result.kind === "forbidden") return ctx.answerCallbackQuery({ text: ctx.t("committee:attach.forbidden") });
  if (result.kind === "badCode") return ctx.answerCallbackQuery({ text: ctx.t("committee:attach.stale"), show_alert: true });
  await ctx.answerCallbackQuery();
  return reportAttach(ctx, result, true);
});
