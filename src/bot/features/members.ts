/** /vaitro: the secretary gives or takes back deputy/committee roles, corrects a name, or removes a member. */
import { Composer, InlineKeyboard } from "grammy";
import { approveRejoin, listMembers, memberMenu, setMemberRole, startRenameMember } from "../../app/members.js";
import { canManageRoles } from "../../domain/roles.js";
import {
  encodeMemberMenu,
  encodeMembersPage,
  encodeRenameMember,
  encodeSetRole,
  memberMenuData,
  membersPageData,
  rejoinData,
  renameMemberData,
  setRoleData,
} from "./members.callbacks.js";
import { encodeHandover } from "./handover.callbacks.js";
import type { BotContext } from "../context.js";
import type { MemberRecord, MemberWithCell } from "../../app/ports.js";
import { shorten } from "../limits.js";
import { tellUser } from "./onboarding.js";
import { editHtml, memberForChat, onPress, replyHtml, requireMember } from "./shared.js";

export const members = new Composer<BotContext>();

/** Members per /vaitro page: 20 names of 100 characters and their buttons fit one message. */
const MEMBERS_PER_PAGE = 20;

/** One page of the member list, with a button per member and page buttons. */
function membersPage(ctx: BotContext, actor: MemberWithCell, all: MemberRecord[], page: number) {
  const pages = Math.max(Math.ceil(all.length / MEMBERS_PER_PAGE), 1);
  const at = Math.min(Math.max(page, 0), pages - 1);
  const keyboard = new InlineKeyboard();
  const lines = [ctx.t("admin:members.title", { cell: shorten(actor.cell.name, 100), count: all.length }), ""];
  for (const m of all.slice(at * MEMBERS_PER_PAGE, (at + 1) * MEMBERS_PER_PAGE)) {
    lines.push(ctx.t("admin:members.line", { name: m.fullName, role: ctx.t(`role.${m.role}`) }));
    if (m.id !== actor.id) keyboard.text(shorten(m.fullName, 40), encodeMemberMenu(m.id)).row();
  }
  if (pages > 1) {
    lines.push("", ctx.t("assessment:page.indicator", { page: at + 1, pages }));
    if (at > 0) keyboard.text(ctx.t("assessment:page.previous"), encodeMembersPage(at - 1));
    if (at < pages - 1) keyboard.text(ctx.t("assessment:page.next"), encodeMembersPage(at + 1));
  }
  return { text: lines.join("\n"), keyboard };
}

members.command(["vaitro", "roles"], async (ctx) => {
  const actor = await memberForChat(ctx);
  if (!actor) return;
  const result = await listMembers(ctx.deps.app, actor);
  if (result.kind === "forbidden") return replyHtml(ctx, ctx.t("admin:members.forbidden"));
  return replyHtml(ctx, membersPage(ctx, actor, result.members, 0));
});

onPress(members, membersPageData, async (ctx, { page }) => {
  const actor = await requireMember(ctx);
  if (!actor) return;
  const result = await listMembers(ctx.deps.app, actor);
  if (result.kind === "forbidden") return ctx.answerCallbackQuery({ text: ctx.t("admin:members.forbidden") });
  await ctx.answerCallbackQuery();
  return editHtml(ctx, membersPage(ctx, actor, result.members, page));
});

onPress(members, memberMenuData, async (ctx, { memberId }) => {
  const actor = await requireMember(ctx);
  if (!actor) return;
  const result = await memberMenu(ctx.deps.app, actor, memberId);
  if (result.kind === "forbidden") return ctx.answerCallbackQuery({ text: ctx.t("admin:members.forbidden") });
  if (result.kind === "notInCell") return ctx.answerCallbackQuery({ text: ctx.t("admin:members.notInCell") });
  const target = result.member;
  await ctx.answerCallbackQuery();
  const keyboard = new InlineKeyboard()
    .text(ctx.t("admin:members.makeDeputy"), encodeSetRole(target.id, "DEPUTY"))
    .row()
    .text(ctx.t("admin:members.makeCommittee"), encodeSetRole(target.id, "COMMITTEE"))
    .row()
    .text(ctx.t("admin:members.makeMember"), encodeSetRole(target.id, "MEMBER"))
    .row()
    .text(ctx.t("admin:members.rename"), encodeRenameMember(target.id))
    .row()
    .text(ctx.t("cycle:handover.button"), encodeHandover(target.id))
    .row()
    .text(ctx.t("admin:members.remove"), encodeSetRole(target.id, "REMOVE"));
  return editHtml(ctx, { text: ctx.t("admin:members.choose", { name: target.fullName, role: ctx.t(`role.${target.role}`) }), keyboard });
});

/**
 * "Sửa họ tên": the secretary's next private text becomes the member's name (see the typed
 * correction in onboarding.ts). Only in private chat: text typed in a group is never read.
 */
onPress(members, renameMemberData, async (ctx, { memberId }) => {
  const actor = await requireMember(ctx);
  if (!actor) return;
  if (!canManageRoles(actor.role)) return ctx.answerCallbackQuery({ text: ctx.t("admin:members.renameForbidden") });
  if (ctx.chat?.type !== "private") return ctx.answerCallbackQuery({ text: ctx.t("admin:members.renameInPrivate"), show_alert: true });
  const result = await startRenameMember(ctx.deps.app, actor, memberId);
  if (result.kind === "forbidden") return ctx.answerCallbackQuery({ text: ctx.t("admin:members.renameForbidden") });
  if (result.kind === "notInCell") return ctx.answerCallbackQuery({ text: ctx.t("admin:members.notInCell") });
  await ctx.answerCallbackQuery();
  return editHtml(ctx, ctx.t("admin:members.renamePrompt", { name: result.member.fullName }));
});

onPress(members, setRoleData, async (ctx, { memberId, role }) => {
  const actor = await requireMember(ctx);
  if (!actor) return;
  const result = await setMemberRole(ctx.deps.app, actor, memberId, role);
  switch (result.kind) {
    case "forbidden":
      return ctx.answerCallbackQuery({ text: ctx.t("admin:members.forbidden") });
    case "notInCell":
      return ctx.answerCallbackQuery({ text: ctx.t("admin:members.notInCell") });
    case "self":
      return ctx.answerCallbackQuery({ text: ctx.t("admin:members.self") });
  }
  await ctx.answerCallbackQuery();
  if (result.role === "REMOVE") return editHtml(ctx, ctx.t("admin:members.removed", { name: result.member.fullName }));
  return editHtml(ctx, ctx.t("admin:members.changed", { name: result.member.fullName, role: ctx.t(`role.${result.role}`) }));
});

/** "Cho tham gia lại" under a removed member's request (see askToRejoin in onboarding.ts). */
onPress(members, rejoinData, async (ctx, { memberId, removedAt }) => {
  const actor = await requireMember(ctx);
  if (!actor) return;
  if (removedAt === "stale") return ctx.answerCallbackQuery({ text: ctx.t("onboarding:rejoin.stale") });
  const result = await approveRejoin(ctx.deps.app, actor, memberId, removedAt);
  switch (result.kind) {
    case "forbidden":
      return ctx.answerCallbackQuery({ text: ctx.t("onboarding:rejoin.forbidden") });
    case "stale":
      return ctx.answerCallbackQuery({ text: ctx.t("onboarding:rejoin.stale") });
    case "memberElsewhere":
      await ctx.answerCallbackQuery();
      return editHtml(ctx, ctx.t("onboarding:rejoin.memberElsewhere", { name: result.member.fullName, cell: result.cell.name }));
  }
  await ctx.answerCallbackQuery();
  const { member } = result;
  const told = await tellUser(ctx, member.userId, (t) => t("onboarding:rejoin.welcomeBack", { cell: member.cell.name }));
  return editHtml(ctx, ctx.t(told ? "onboarding:rejoin.approved" : "onboarding:rejoin.approvedNotTold", { name: member.fullName }));
});
