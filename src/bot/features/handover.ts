/**
 * Handing over the secretary role (issue 13): /vaitro → a member → "Giao chức bí thư" → the
 * secretary confirms (staying on as a member or as deputy); the new secretary is told in
 * private. `/nhanbithu` (alias `/reclaim`) in the cell's group: a group administrator takes
 * the role when the secretary has left the group or the cell. Both are in /baocao nhatky.
 */
import { Composer, InlineKeyboard } from "grammy";
import { handOverSecretary, handoverTarget, reclaimSecretary } from "../../app/handover.js";
import { CANCEL_HANDOVER, cancelHandoverData, encodeHandoverConfirm, handoverConfirmData, handoverData } from "./handover.callbacks.js";
import type { BotContext } from "../context.js";
import { tellUser } from "./onboarding.js";
import { editHtml, isGroupChat, onPress, replyHtml, requireMember, telegramIdOf } from "./shared.js";

export const handover = new Composer<BotContext>();

const refusal = (kind: string) => (kind === "notInCell" ? "admin:members.notInCell" : kind === "self" ? "admin:members.self" : "cycle:handover.forbidden");

onPress(handover, handoverData, async (ctx, { memberId }) => {
  const actor = await requireMember(ctx);
  if (!actor) return;
  const result = await handoverTarget(ctx.deps.app, actor, memberId);
  if (result.kind !== "target") return ctx.answerCallbackQuery({ text: ctx.t(refusal(result.kind)) });
  await ctx.answerCallbackQuery();
  const keyboard = new InlineKeyboard()
    .text(ctx.t("cycle:handover.confirmMember"), encodeHandoverConfirm(result.member.id, "MEMBER"))
    .row()
    .text(ctx.t("cycle:handover.confirmDeputy"), encodeHandoverConfirm(result.member.id, "DEPUTY"))
    .row()
    .text(ctx.t("cycle:handover.cancel"), CANCEL_HANDOVER);
  return editHtml(ctx, { text: ctx.t("cycle:handover.confirm", { cell: actor.cell.name, name: result.member.fullName }), keyboard });
});

onPress(handover, cancelHandoverData, async (ctx) => {
  await ctx.answerCallbackQuery();
  return editHtml(ctx, ctx.t("cycle:handover.cancelled"));
});

onPress(handover, handoverConfirmData, async (ctx, { memberId, stayAs }) => {
  const actor = await requireMember(ctx);
  if (!actor) return;
  const result = await handOverSecretary(ctx.deps.app, actor, memberId, stayAs);
  if (result.kind === "stale") return ctx.answerCallbackQuery({ text: ctx.t("cycle:handover.stale"), show_alert: true });
  if (result.kind !== "handedOver") return ctx.answerCallbackQuery({ text: ctx.t(refusal(result.kind)) });
  await ctx.answerCallbackQuery();
  const told = await tellUser(ctx, result.to.userId, (t) => t("cycle:handover.told", { cell: actor.cell.name, from: actor.fullName }));
  return editHtml(ctx, ctx.t(told ? "cycle:handover.done" : "cycle:handover.doneNotTold", { name: result.to.fullName, role: ctx.t(`role.${stayAs}`) }));
});

handover.chatType("private").command(["nhanbithu", "reclaim"], (ctx) => replyHtml(ctx, ctx.t("cycle:handover.groupOnly")));

handover.chatType(["group", "supergroup"]).command(["nhanbithu", "reclaim"], async (ctx) => {
  const status = (await ctx.getChatMember(ctx.from.id)).status;
  const member = await ctx.membership();
  // Only this group's own cell: a member of another cell is "not a member" here.
  const caller = member && isGroupChat(member.cell.group, ctx.chat) ? member : null;
  const result = await reclaimSecretary(ctx.deps.app, {
    caller,
    callerIsAdmin: status === "creator" || status === "administrator",
    secretaryInGroup: async (secretary) => {
      // Their Telegram id, through their identity (none on Telegram: not in this group).
      const telegramId = await telegramIdOf(ctx, secretary.userId);
      if (telegramId === null) return false;
      try {
        const s = (await ctx.getChatMember(telegramId)).status;
        return s !== "left" && s !== "kicked";
      } catch {
        // Telegram does not know them in this chat (never joined, or deleted account).
        return false;
      }
    },
  });
  switch (result.kind) {
    case "reclaimed":
      return replyHtml(ctx, ctx.t("cycle:handover.reclaimed", { name: caller!.fullName }));
    case "secretaryPresent":
      return replyHtml(ctx, ctx.t("cycle:handover.secretaryPresent", { name: result.secretary.fullName }));
    case "stale":
      return replyHtml(ctx, ctx.t("cycle:handover.stale"));
    default:
      return replyHtml(ctx, ctx.t(`cycle:handover.${result.kind}`));
  }
});
