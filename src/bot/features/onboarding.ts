/** /chibo (set up a cell), /thamgia (join button), /start (join via deep link), name confirmation. */
import { Composer, InlineKeyboard } from "grammy";
import { AWAITING_NAME, joinCell, saveFullName, setupCell, type TelegramPerson } from "../../app/onboarding.js";
import { isRoundOpen } from "../../app/rounds.js";
import { formatDay } from "../../domain/calendar.js";
import { NAME_EDIT, NAME_OK } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { showAssessment } from "./assessment.js";
import { deepLink, editHtml, joinPayload, replyHtml, requireMember } from "./shared.js";

export const onboarding = new Composer<BotContext>();
const group = onboarding.chatType(["group", "supergroup"]);
const privateChat = onboarding.chatType("private");

function person(from: { id: number; first_name: string; last_name?: string; username?: string }): TelegramPerson {
  return { id: BigInt(from.id), firstName: from.first_name, lastName: from.last_name, username: from.username };
}

group.command(["chibo", "setup"], async (ctx) => {
  const t = ctx.t;
  const status = (await ctx.getChatMember(ctx.from.id)).status;
  const result = await setupCell(ctx.deps.app, {
    chatId: BigInt(ctx.chat.id), chatTitle: ctx.chat.title, caller: person(ctx.from),
    callerIsAdmin: status === "creator" || status === "administrator", name: ctx.match,
  });
  switch (result.kind) {
    case "created": return replyHtml(ctx, t("onboarding:setup.created", { name: result.cell.name, secretary: result.secretary.fullName }));
    case "renamed": return replyHtml(ctx, t("onboarding:setup.renamed", { name: result.cell.name }));
    case "groupTaken": return replyHtml(ctx, t("onboarding:setup.groupTaken", { name: result.cell.name }));
    case "memberElsewhere": return replyHtml(ctx, t("onboarding:setup.memberElsewhere", { name: result.cell.name }));
    default: return replyHtml(ctx, t(`onboarding:setup.${result.kind}`));
  }
});

group.command(["thamgia", "join"], async (ctx) => {
  const cell = await ctx.deps.app.store.findCellByGroup(BigInt(ctx.chat.id));
  if (!cell) return replyHtml(ctx, ctx.t("error.noCellInGroup"));
  const keyboard = new InlineKeyboard().url(ctx.t("onboarding:join.button"), deepLink(ctx, joinPayload(cell.joinCode)));
  return replyHtml(ctx, { text: ctx.t("onboarding:join.prompt", { cell: cell.name }), keyboard });
});

privateChat.command(["chibo", "setup"], (ctx) => replyHtml(ctx, ctx.t("error.groupOnly")));
privateChat.command(["thamgia", "join"], (ctx) => replyHtml(ctx, ctx.t("onboarding:join.groupUseLink")));

function nameKeyboard(ctx: BotContext) {
  return new InlineKeyboard().text(ctx.t("onboarding:join.nameOk"), NAME_OK).text(ctx.t("onboarding:join.nameEdit"), NAME_EDIT);
}

privateChat.command("start", async (ctx) => {
  const payload = ctx.match.trim();
  const t = ctx.t;
  if (payload.startsWith("j_")) {
    const result = await joinCell(ctx.deps.app, { joinCode: payload.slice(2), person: person(ctx.from) });
    if (result.kind === "unknownLink") return replyHtml(ctx, t("onboarding:join.unknownLink"));
    if (result.kind === "memberElsewhere") return replyHtml(ctx, t("onboarding:join.memberElsewhere", { name: result.cell.name }));
    const { member } = result;
    const greeting = t(result.alreadyMember ? "onboarding:join.already" : "onboarding:join.welcome", { cell: member.cell.name });
    if (!member.nameConfirmed) {
      return replyHtml(ctx, { text: `${greeting}\n\n${t("onboarding:join.confirmName", { name: member.fullName })}`, keyboard: nameKeyboard(ctx) });
    }
    await replyHtml(ctx, greeting);
    return showAssessment(ctx, member);
  }
  const member = await ctx.membership();
  if (payload === "tusoi" && member) return showAssessment(ctx, member);
  if (!member) return replyHtml(ctx, `${t("onboarding:start.hello")}\n\n${t("help:notMember")}`);
  return replyHtml(ctx, t("onboarding:start.member", { role: t(`role.${member.role}`), cell: member.cell.name }));
});

onboarding.callbackQuery(NAME_OK, async (ctx) => {
  const member = await requireMember(ctx);
  if (!member) return;
  const result = await saveFullName(ctx.deps.app, member, null);
  await ctx.answerCallbackQuery();
  if (result.kind !== "saved") return editHtml(ctx, ctx.t("onboarding:join.askName"));
  await editHtml(ctx, ctx.t("onboarding:join.nameSaved", { name: result.fullName }));
  return afterName(ctx);
});

onboarding.callbackQuery(NAME_EDIT, async (ctx) => {
  const member = await requireMember(ctx);
  if (!member) return;
  await ctx.deps.app.store.setAwaiting(member.userId, AWAITING_NAME);
  await ctx.answerCallbackQuery();
  return editHtml(ctx, ctx.t("onboarding:join.askName"));
});

/** A typed full name, when the bot asked for one. Other text goes on to the next feature. */
privateChat.on("message:text", async (ctx, next) => {
  if (ctx.user?.awaiting !== AWAITING_NAME || ctx.message.text.startsWith("/")) return next();
  const member = await requireMember(ctx);
  if (!member) return;
  const result = await saveFullName(ctx.deps.app, member, ctx.message.text);
  if (result.kind !== "saved") return replyHtml(ctx, ctx.t(result.kind === "tooShort" ? "onboarding:join.nameTooShort" : "onboarding:join.nameTooLong"));
  await replyHtml(ctx, ctx.t("onboarding:join.nameSaved", { name: result.fullName }));
  return afterName(ctx);
});

/** After the name: point to the open round, or say what comes next. */
async function afterName(ctx: BotContext) {
  const member = await ctx.deps.app.store.findActiveMembership(BigInt(ctx.from!.id));
  const round = member && (await ctx.deps.app.store.findOpenRound(member.cellId));
  if (round && isRoundOpen(round, ctx.deps.app.clock())) {
    return replyHtml(ctx, ctx.t("onboarding:join.nextRoundOpen", { title: round.title, deadline: formatDay(round.deadlineDay) }));
  }
  return replyHtml(ctx, ctx.t("onboarding:join.next"));
}
