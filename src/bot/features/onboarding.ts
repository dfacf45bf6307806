/**
 * /chibo (set up a cell), /thamgia (join button), /start (join via deep link), name
 * confirmation, /hoten (change one's name), and the secretary's typed name corrections.
 */
import { Composer, GrammyError, InlineKeyboard } from "grammy";
import { parseAwaitingRename, renameMember } from "../../app/members.js";
import { cancelAwaiting, cellOfGroup, localeOf, markUnreachable, saveFullName, setupCell, type JoinResult, type NameResult } from "../../app/onboarding.js";
import { choose, command, typedName } from "../../app/conversation.js";
import { LOCALES, type Locale } from "../../config.js";
import { dayInZone, formatDay } from "../../domain/calendar.js";
import { encodeRejoin, NAME_EDIT, NAME_OK } from "../callback-data.js";
import { TELEGRAM, type BotContext } from "../context.js";
import { PASS, type AwaitedTextHandlers, type TypedTextContext } from "../awaited-text.js";
import { answerAndShow, deepLink, groupOf, joinPayload, person, privateOnly, replyHtml, requireMember, show, speaker, telegramIdOf } from "./shared.js";

export const onboarding = new Composer<BotContext>();
const group = onboarding.chatType(["group", "supergroup"]);
const privateChat = onboarding.chatType("private");

group.command(["chibo", "setup"], async (ctx) => {
  const t = ctx.t;
  const status = (await ctx.getChatMember(ctx.from.id)).status;
  const result = await setupCell(ctx.deps.app, {
    group: groupOf(ctx.chat),
    chatTitle: ctx.chat.title,
    caller: person(ctx),
    callerIsAdmin: status === "creator" || status === "administrator",
    name: ctx.match,
  });
  switch (result.kind) {
    case "created":
      return replyHtml(ctx, t("onboarding:setup.created", { name: result.cell.name, secretary: result.secretary.fullName }));
    case "renamed":
      return replyHtml(ctx, t("onboarding:setup.renamed", { name: result.cell.name }));
    case "groupTaken":
      return replyHtml(ctx, t("onboarding:setup.groupTaken", { name: result.cell.name }));
    case "memberElsewhere":
      return replyHtml(ctx, t("onboarding:setup.memberElsewhere", { name: result.cell.name }));
    default:
      return replyHtml(ctx, t(`onboarding:setup.${result.kind}`));
  }
});

group.command(["thamgia", "join"], async (ctx) => {
  const cell = await cellOfGroup(ctx.deps.app, groupOf(ctx.chat));
  if (!cell) return replyHtml(ctx, ctx.t("error.noCellInGroup"));
  const keyboard = new InlineKeyboard().url(ctx.t("onboarding:join.button"), deepLink(ctx, joinPayload(cell.joinCode)));
  const prompt = ctx.t("onboarding:join.prompt", { cell: cell.name });
  // With Zalo running, members who cannot use Telegram join there with the cell's code.
  const text = ctx.deps.zaloRuns ? `${prompt}\n\n${ctx.t("onboarding:join.zaloWay", { code: cell.joinCode })}` : prompt;
  return replyHtml(ctx, { text, keyboard });
});

privateChat.command(["chibo", "setup"], (ctx) => replyHtml(ctx, ctx.t("error.groupOnly")));
privateChat.command(["thamgia", "join"], (ctx) => replyHtml(ctx, ctx.t("onboarding:join.groupUseLink")));

/** Why a typed or prefilled full name was refused. */
function nameError(ctx: BotContext, kind: Exclude<NameResult["kind"], "saved">): string {
  return ctx.t({ tooShort: "onboarding:join.nameTooShort", tooLong: "onboarding:join.nameTooLong", noLetter: "onboarding:join.nameNoLetter" }[kind]);
}

/**
 * Sends a private message to another user, rendered in their own language. False when Telegram
 * refuses (they blocked the bot or never opened it; a 403 marks them unreachable, as the
 * outbox does).
 */
export async function tellUser(
  ctx: BotContext,
  userId: bigint,
  render: (t: BotContext["t"]) => string | { text: string; keyboard: InlineKeyboard },
): Promise<boolean> {
  const chosen = await localeOf(ctx.deps.app, userId);
  const locale = (LOCALES as readonly string[]).includes(chosen ?? "") ? (chosen as Locale) : ctx.deps.defaultLocale;
  const rendered = render(ctx.deps.i18n.t(locale));
  const { text, keyboard } = typeof rendered === "string" ? { text: rendered, keyboard: undefined } : rendered;
  // Reached where they are on Telegram (their identity); someone with no Telegram identity cannot be told here.
  const chatId = await telegramIdOf(ctx, userId);
  if (chatId === null) return false;
  try {
    await ctx.api.sendMessage(chatId, text, { parse_mode: "HTML", ...(keyboard ? { reply_markup: keyboard } : {}) });
    return true;
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error;
    if (error.error_code === 403) await markUnreachable(ctx.deps.app, TELEGRAM, String(chatId));
    ctx.deps.logger.warn({ err: error, userId: String(userId) }, "private message could not be delivered");
    return false;
  }
}

/** /start: joining by a cell's link (j_<code>), the form's start button, or a hello. The conversation decides. */
privateChat.command("start", async (ctx) => {
  const shown = (await command(ctx.deps.app, speaker(ctx), "start", ctx.match))!;
  if (shown.rejoin) return askToRejoin(ctx, shown.rejoin);
  return show(ctx, shown);
});

// The name on joining: confirmed ("Đúng") or to be typed ("Nhập họ tên khác").
onboarding.callbackQuery([NAME_OK, NAME_EDIT], async (ctx) => answerAndShow(ctx, await choose(ctx.deps.app, speaker(ctx), ctx.callbackQuery.data)));

/** /hoten: the member's name, with a button to change it; `/hoten <name>` changes it at once. */
privateChat.command(["hoten", "name"], async (ctx) => {
  const member = await requireMember(ctx);
  if (!member) return;
  const typed = ctx.match.trim();
  if (!typed) {
    const keyboard = new InlineKeyboard().text(ctx.t("onboarding:name.change"), NAME_EDIT);
    return replyHtml(ctx, { text: ctx.t("onboarding:name.current", { name: member.fullName }), keyboard });
  }
  const result = await saveFullName(ctx.deps.app, member, typed);
  if (result.kind !== "saved") return replyHtml(ctx, nameError(ctx, result.kind));
  return replyHtml(ctx, ctx.t("onboarding:join.nameSaved", { name: result.fullName }));
});

// A name typed in a group would be read by everyone there, and is not taken.
group.command(["hoten", "name"], (ctx) => privateOnly(ctx, ctx.t("onboarding:name.inPrivate")));

/** A typed full name, when the bot asked for one (awaited "name"). */
async function nameText(ctx: TypedTextContext) {
  return show(ctx, await typedName(ctx.deps.app, speaker(ctx), ctx.message.text));
}

/**
 * The secretary's correction of a member's name ("Sửa họ tên" in /vaitro), typed in private
 * chat only (awaited "renameMember"; any command drops it: a later text must not rename
 * someone by surprise).
 */
async function renameText(ctx: TypedTextContext, awaiting: string) {
  if (!parseAwaitingRename(awaiting)) return PASS;
  const actor = await ctx.membership();
  if (!actor) {
    await cancelAwaiting(ctx.deps.app, ctx.user!.id);
    return requireMember(ctx);
  }
  const result = await renameMember(ctx.deps.app, actor, awaiting, ctx.message.text);
  switch (result.kind) {
    case "forbidden":
      return replyHtml(ctx, ctx.t("admin:members.renameForbidden"));
    case "notInCell":
      return replyHtml(ctx, ctx.t("admin:members.notInCell"));
    case "renamed":
      break;
    default:
      return replyHtml(ctx, nameError(ctx, result.kind));
  }
  await replyHtml(ctx, ctx.t("admin:members.renamed", { old: result.member.fullName, name: result.fullName }));
  if (result.member.id !== actor.id) {
    await tellUser(ctx, result.member.userId, (t) => t("onboarding:name.renamedBySecretary", { name: result.fullName }));
  }
}

/** The typed text onboarding answers (src/bot/awaited-text.ts decides when). */
export const onboardingTexts: AwaitedTextHandlers = { name: nameText, renameMember: renameText };

/**
 * A removed member pressed the join link: they are not added; the secretary gets a private
 * message with an approve button, and the member is told who decides (or, when the secretary
 * cannot be reached, to ask them directly).
 */
async function askToRejoin(ctx: BotContext, removed: Extract<JoinResult, { kind: "removed" }>) {
  const { cell, member, secretary } = removed;
  const date = formatDay(dayInZone(member.leftAt, cell.timezone));
  const asked =
    secretary !== null &&
    (await tellUser(ctx, secretary.userId, (t) => ({
      text: t("onboarding:rejoin.request", { name: member.fullName, cell: cell.name, date }),
      keyboard: new InlineKeyboard().text(t("onboarding:rejoin.approve"), encodeRejoin(member.id, member.leftAt)),
    })));
  return replyHtml(ctx, ctx.t(asked ? "onboarding:rejoin.asked" : "onboarding:rejoin.askDirectly", { cell: cell.name }));
}
