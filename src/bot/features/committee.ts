/**
 * The committee level: /dangbo, the roster (/thamgia, /start c_…, /vaitro), /lienket and
 * /captren (the tree), /dotmoi (a campaign), /tonghop (the roll-up, its files, the campaign
 * picker, "Kết thúc đợt"), /nhacnho (nudge the cells' secretaries) and /caidat. Registered
 * before the cell features: in a committee's group the shared commands are answered here;
 * anywhere else they go on to the cell features unchanged. Refusals of /tonghop go to the
 * asker privately: nothing is posted to a group.
 */
import { Composer, GrammyError, InlineKeyboard, InputFile } from "grammy";
import {
  attachUnit, committeeActor, committeeOfGroup, committeeRoster, committeeSettings, createLinkCode, joinCommitteeRoster, officerCommittees,
  parseAwaitingRosterName, rosterEntryFor, rosterName, setRosterRole, setupCommittee, type CommitteeActor, type AttachResult, type RosterNameResult,
} from "../../app/committee.js";
import { endCampaign, joinCampaign, nudgeSecretaries, openCampaign } from "../../app/committee-campaigns.js";
import { committeeFile } from "../../app/committee-documents.js";
import { committeeRollup } from "../../app/committee-rollup.js";
import type { CommitteeRecord } from "../../app/ports.js";
import { formatDay } from "../../domain/calendar.js";
import {
  ASK_END_CAMPAIGN_PATTERN, CANCEL_END_CAMPAIGN, encodeCampaignText, CHOOSE_COMMITTEE_PATTERN, COMMITTEE_CAMPAIGN_PATTERN, COMMITTEE_FILE_PATTERN, CONFIRM_MOVE_PATTERN,
  encodeAskEndCampaign, encodeChooseCommittee, encodeCommitteeCampaign, encodeCommitteeFile, encodeConfirmMove, encodeEndCampaign, encodeRosterMenu,
  encodeRosterName, encodeRosterRole, END_CAMPAIGN_PATTERN, JOIN_CAMPAIGN_PATTERN, reportFileFromCode, ROSTER_MENU_PATTERN, ROSTER_NAME_PATTERN, ROSTER_ROLE_PATTERN,
  rosterRoleFromCode,
} from "../callback-data.js";
import type { BotContext } from "../context.js";
import { PASS, type AwaitedTextHandlers } from "../awaited-text.js";
import { shorten, splitMessage } from "../limits.js";
import { createCommitteeRenderer, renderRollup } from "../presenters/committee.js";
import { formatTime } from "../presenters/format.js";
import { levelShown } from "../presenters/settings.js";
import { deepLink, editHtml, person, refuse, rendererFor, replyHtml, replyLong, requireMember } from "./shared.js";

export const committee = new Composer<BotContext>();
const group = committee.chatType(["group", "supergroup"]);
const privateChat = committee.chatType("private");

const committeeRendererFor = (ctx: BotContext) => createCommitteeRenderer(ctx.deps.i18n, ctx.deps.defaultLocale, ctx.me.username);



/** Best-effort message to a group (a unit joined, moved away); a group that refuses is only logged. */
async function tellGroup(ctx: BotContext, chatId: bigint, text: string) {
  try {
    await ctx.api.sendMessage(Number(chatId), text, { parse_mode: "HTML" });
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error;
    ctx.deps.logger.warn({ err: error }, "committee notice could not be posted");
  }
}

group.command(["dangbo", "committee"], async (ctx) => {
  const status = (await ctx.getChatMember(ctx.from.id)).status;
  const result = await setupCommittee(ctx.deps.app, {
    chatId: BigInt(ctx.chat.id), chatTitle: ctx.chat.title, caller: person(ctx.from), callerIsAdmin: status === "creator" || status === "administrator", name: ctx.match,
  });
  switch (result.kind) {
    case "created": return replyHtml(ctx, ctx.t("committee:setup.created", { name: result.committee.name, secretary: result.secretary.fullName }));
    case "renamed": return replyHtml(ctx, ctx.t("committee:setup.renamed", { name: result.committee.name }));
    case "groupIsCell": return replyHtml(ctx, ctx.t("committee:setup.groupIsCell", { name: result.cell.name }));
    case "groupTaken": return replyHtml(ctx, ctx.t("committee:setup.groupTaken", { name: result.committee.name }));
    default: return replyHtml(ctx, ctx.t(`committee:setup.${result.kind}`));
  }
});
privateChat.command(["dangbo", "committee", "lienket", "link", "captren", "parent"], (ctx) => replyHtml(ctx, ctx.t("error.groupOnly")));

group.command(["lienket", "link"], async (ctx) => {
  const found = await committeeOfGroup(ctx.deps.app, BigInt(ctx.chat.id));
  if (!found) return replyHtml(ctx, ctx.t("committee:link.forbidden"));
  const actor = await committeeActor(ctx.deps.app, found, BigInt(ctx.from.id));
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
      await tellGroup(ctx, result.to.groupChatId, ctx.t("committee:attach.notifyJoined", { unit: result.unitName, committee: result.to.name }));
      if (result.kind === "moved" && result.from) {
        await tellGroup(ctx, result.from.groupChatId, ctx.t("committee:attach.notifyMovedAway", { unit: result.unitName, committee: result.to.name }));
      }
      return say(ctx.t(`committee:attach.${result.kind}`, { unit: result.unitName, committee: result.to.name }));
    }
    case "confirmMove": {
      const keyboard = new InlineKeyboard().text(shorten(ctx.t("committee:attach.confirmButton", { committee: result.to.name }), 60), encodeConfirmMove(result.linkId, result.token));
      return say(ctx.t("committee:attach.confirmMove", { unit: result.unitName, from: result.from?.name ?? "…", committee: result.to.name }), keyboard);
    }
    case "already":
    case "loop": return say(ctx.t(`committee:attach.${result.kind}`, { committee: result.to.name }));
    default: return say(ctx.t(`committee:attach.${result.kind}`));
  }
}

group.command(["captren", "parent"], async (ctx) => {
  const result = await attachUnit(ctx.deps.app, { chatId: BigInt(ctx.chat.id), userId: BigInt(ctx.from.id), code: ctx.match });
  return reportAttach(ctx, result, false);
});

committee.callbackQuery(CONFIRM_MOVE_PATTERN, async (ctx) => {
  const chat = ctx.callbackQuery.message?.chat;
  if (!chat || chat.type === "private") return ctx.answerCallbackQuery({ text: ctx.t("error.badButton") });
  const token = ctx.match[2];
  // A button without a token was sent before moves were bound to the code: stale.
  if (!token) return ctx.answerCallbackQuery({ text: ctx.t("committee:attach.stale"), show_alert: true });
  const result = await attachUnit(ctx.deps.app, { chatId: BigInt(chat.id), userId: BigInt(ctx.from.id), confirm: { linkId: Number(ctx.match[1]), token } });
  if (result.kind === "forbidden") return ctx.answerCallbackQuery({ text: ctx.t("committee:attach.forbidden") });
  if (result.kind === "badCode") return ctx.answerCallbackQuery({ text: ctx.t("committee:attach.stale"), show_alert: true });
  await ctx.answerCallbackQuery();
  return reportAttach(ctx, result, true);
});

privateChat.command("start", async (ctx, next) => {
  const payload = ctx.match.trim();
  if (!payload.startsWith("c_")) return next();
  const result = await joinCommitteeRoster(ctx.deps.app, payload.slice(2), person(ctx.from));
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
    case "saved": return ctx.t("committee:join.nameSaved", { name: result.fullName, committee: result.committee.name });
    case "notOnRoster": return ctx.t("committee:roster.notOnRoster");
    default: return ctx.t({ tooShort: "onboarding:join.nameTooShort", tooLong: "onboarding:join.nameTooLong", noLetter: "onboarding:join.nameNoLetter" }[result.kind]);
  }
}

committee.callbackQuery(ROSTER_NAME_PATTERN, async (ctx) => {
  const result = await rosterName(ctx.deps.app, BigInt(ctx.from.id), Number(ctx.match[1]), ctx.match[2] === "edit" ? "ask" : null);
  if (result.kind === "notOnRoster") return ctx.answerCallbackQuery({ text: rosterNameText(ctx, result) });
  await ctx.answerCallbackQuery();
  return editHtml(ctx, result.kind === "asked" ? ctx.t("onboarding:join.askName") : rosterNameText(ctx, result));
});

/** The name typed for a roster entry, when the bot asked for one (awaited "rosterName"; any command drops the wait). */
export const committeeTexts: AwaitedTextHandlers = {
  rosterName: async (ctx, awaiting) => {
    const entryId = parseAwaitingRosterName(awaiting);
    if (entryId === null) return PASS;
    const result = await rosterName(ctx.deps.app, BigInt(ctx.from.id), entryId, ctx.message.text);
    if (result.kind !== "asked") return replyHtml(ctx, rosterNameText(ctx, result));
  },
};

/** Posts a campaign's roll-up to the committee's group, with its buttons; the outcome for the asker. */
async function postRollup(ctx: BotContext, actor: CommitteeActor | null, campaignId?: number): Promise<"posted" | "forbidden" | "noCampaign" | "unreachable"> {
  const result = await committeeRollup(ctx.deps.app, actor, campaignId);
  if (result.kind !== "rollup") return result.kind;
  const { rollup } = result;
  const ids = [rollup.committee.id, rollup.campaign.id] as const;
  const keyboard = new InlineKeyboard()
    .text(ctx.t("committee:buttons.docx"), encodeCommitteeFile(...ids, "docx"))
    .text(ctx.t("committee:buttons.xlsx"), encodeCommitteeFile(...ids, "xlsx"))
    .text(ctx.t("committee:buttons.chart"), encodeCommitteeFile(...ids, "chart"));
  if (rollup.canEnd) keyboard.row().text(ctx.t("committee:buttons.end"), encodeAskEndCampaign(...ids));
  // Issue 19: the committee's own ĐÁNH GIÁ CHUNG and PHƯƠNG HƯỚNG for its report, once the campaign has ended.
  if (rollup.closed) keyboard.row().text(ctx.t("meeting:texts.assessmentButton"), encodeCampaignText(...ids, "assessment")).text(ctx.t("meeting:texts.directionButton"), encodeCampaignText(...ids, "direction"));
  for (const other of rollup.others) {
    keyboard.row().text(ctx.t("committee:buttons.other", { title: shorten(other.title, 40), deadline: formatDay(other.deadlineDay) }), encodeCommitteeCampaign(rollup.committee.id, other.id));
  }
  const parts = splitMessage(renderRollup(rollup, ctx.t, ctx.locale));
  try {
    for (const [i, text] of parts.entries()) {
      await ctx.api.sendMessage(Number(rollup.committee.groupChatId), text, { parse_mode: "HTML", ...(i === parts.length - 1 ? { reply_markup: keyboard } : {}) });
    }
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error;
    ctx.deps.logger.warn({ err: error, committeeId: rollup.committee.id }, "roll-up could not be posted to the committee's group");
    return "unreachable";
  }
  return "posted";
}

async function answerRollup(ctx: BotContext, actor: CommitteeActor | null) {
  const outcome = await postRollup(ctx, actor);
  if (outcome === "forbidden") return refuse(ctx, ctx.t("committee:rollup.forbidden"));
  if (outcome === "noCampaign") return replyHtml(ctx, ctx.t("committee:rollup.noCampaign"));
  if (outcome === "unreachable") return replyHtml(ctx, ctx.t("committee:rollup.groupUnreachable"));
  if (ctx.chat?.type === "private") return replyHtml(ctx, ctx.t("committee:rollup.postedToGroup", { committee: actor!.committee.name }));
}

committee.command(["tonghop", "rollup"], async (ctx) => {
  const userId = BigInt(ctx.from!.id);
  if (ctx.chat.type !== "private") {
    const found = await committeeOfGroup(ctx.deps.app, BigInt(ctx.chat.id));
    // In a cell's group (or any other): refused privately, nothing posted.
    if (!found) return refuse(ctx, ctx.t("committee:rollup.cellGroup"));
    return answerRollup(ctx, await committeeActor(ctx.deps.app, found, userId));
  }
  const mine = await officerCommittees(ctx.deps.app, userId);
  if (mine.length === 0) return replyHtml(ctx, ctx.t("committee:rollup.forbidden"));
  if (mine.length === 1) return answerRollup(ctx, mine[0]!);
  const keyboard = new InlineKeyboard();
  for (const entry of mine.slice(0, 20)) keyboard.text(shorten(entry.committee.name, 60), encodeChooseCommittee(entry.committeeId)).row();
  return replyHtml(ctx, { text: ctx.t("committee:rollup.chooseCommittee"), keyboard });
});

/** The presser's place on the roster of the committee a button names (null: not on it, or no such committee). */
async function actorFor(ctx: BotContext, committeeId: number): Promise<CommitteeActor | null> {
  const found: CommitteeRecord | null = await ctx.deps.app.committees.findCommittee(committeeId);
  return found && committeeActor(ctx.deps.app, found, BigInt(ctx.from!.id));
}

committee.callbackQuery(CHOOSE_COMMITTEE_PATTERN, async (ctx) => {
  const actor = await actorFor(ctx, Number(ctx.match[1]));
  const outcome = await postRollup(ctx, actor);
  if (outcome !== "posted") return ctx.answerCallbackQuery({ text: ctx.t(`committee:rollup.${outcome === "unreachable" ? "groupUnreachable" : outcome}`) });
  await ctx.answerCallbackQuery();
  return editHtml(ctx, ctx.t("committee:rollup.postedToGroup", { committee: actor!.committee.name }));
});

committee.callbackQuery(COMMITTEE_CAMPAIGN_PATTERN, async (ctx) => {
  const actor = await actorFor(ctx, Number(ctx.match[1]));
  const outcome = await postRollup(ctx, actor, Number(ctx.match[2]));
  if (outcome === "posted") return ctx.answerCallbackQuery();
  return ctx.answerCallbackQuery({ text: ctx.t(`committee:rollup.${outcome === "unreachable" ? "groupUnreachable" : outcome}`) });
});

committee.callbackQuery(COMMITTEE_FILE_PATTERN, async (ctx) => {
  const file = reportFileFromCode(ctx.match[3]!);
  if (!file) return ctx.answerCallbackQuery({ text: ctx.t("error.badButton") });
  const actor = await actorFor(ctx, Number(ctx.match[1]));
  const result = await committeeFile(ctx.deps.app, actor, Number(ctx.match[2]), file, ctx.locale);
  if (result.kind !== "file") return ctx.answerCallbackQuery({ text: ctx.t(`committee:rollup.${result.kind}`) });
  await ctx.answerCallbackQuery({ text: ctx.t("committee:files.sending") });
  const { committee: owner, campaign } = result.rollup;
  const n = String(campaign.id).padStart(2, "0");
  const caption = ctx.t("committee:files.caption", { committee: shorten(owner.name, 300), title: shorten(campaign.title, 300) });
  try {
    const input = new InputFile(result.bytes, ctx.t(`committee:files.${file}`, { n }));
    if (file === "chart") await ctx.api.sendPhoto(Number(owner.groupChatId), input, { caption, parse_mode: "HTML" });
    else await ctx.api.sendDocument(Number(owner.groupChatId), input, { caption, parse_mode: "HTML" });
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error;
    ctx.deps.logger.warn({ err: error, committeeId: owner.id, file }, "committee file could not be sent");
    await refuse(ctx, ctx.t("committee:files.failed"));
  }
});

/** "Kết thúc đợt": the officer confirms in private first. */
committee.callbackQuery(ASK_END_CAMPAIGN_PATTERN, async (ctx) => {
  const actor = await actorFor(ctx, Number(ctx.match[1]));
  const campaign = await ctx.deps.app.campaigns.findCampaign(Number(ctx.match[2]));
  const result = await committeeRollup(ctx.deps.app, actor, campaign?.id);
  if (result.kind !== "rollup" || !campaign || campaign.committeeId !== actor?.committeeId) return ctx.answerCallbackQuery({ text: ctx.t("committee:end.forbidden") });
  if (!result.rollup.canEnd) return ctx.answerCallbackQuery({ text: ctx.t("committee:end.notOpen") });
  const keyboard = new InlineKeyboard()
    .text(ctx.t("committee:end.confirmButton"), encodeEndCampaign(actor.committeeId, campaign.id)).row()
    .text(ctx.t("committee:end.cancelButton"), CANCEL_END_CAMPAIGN);
  try {
    await ctx.api.sendMessage(ctx.from.id, ctx.t("committee:end.confirm", { title: campaign.title }), { parse_mode: "HTML", reply_markup: keyboard });
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 403) return ctx.answerCallbackQuery({ text: ctx.t("committee:end.openBotFirst"), show_alert: true });
    throw error;
  }
  return ctx.answerCallbackQuery(ctx.chat?.type === "private" ? {} : { text: ctx.t("committee:end.sentPrivately") });
});

committee.callbackQuery(END_CAMPAIGN_PATTERN, async (ctx) => {
  const actor = await actorFor(ctx, Number(ctx.match[1]));
  const result = await endCampaign(ctx.deps.app, actor, Number(ctx.match[2]), rendererFor(ctx));
  if (result.kind !== "ended") return ctx.answerCallbackQuery({ text: ctx.t(`committee:end.${result.kind}`) });
  void ctx.deps.wakeSender?.();
  await ctx.answerCallbackQuery();
  return editHtml(ctx, ctx.t("committee:end.ended", { title: result.campaign.title, rounds: result.rounds }));
});

committee.callbackQuery(CANCEL_END_CAMPAIGN, async (ctx) => {
  await ctx.answerCallbackQuery();
  return editHtml(ctx, ctx.t("committee:end.cancelled"));
});

/** A cell that kept its own round joins the committee's campaign (its secretary or deputy, in the cell's group). */
committee.callbackQuery(JOIN_CAMPAIGN_PATTERN, async (ctx) => {
  const member = await requireMember(ctx);
  if (!member) return;
  const chat = ctx.callbackQuery.message?.chat;
  if (!chat || BigInt(chat.id) !== member.cell.groupChatId) return ctx.answerCallbackQuery({ text: ctx.t("committee:campaign.joinForbidden") });
  const result = await joinCampaign(ctx.deps.app, member, Number(ctx.match[1]), rendererFor(ctx), committeeRendererFor(ctx));
  if (result.kind === "forbidden") return ctx.answerCallbackQuery({ text: ctx.t("committee:campaign.joinForbidden") });
  if (result.kind !== "joined") return ctx.answerCallbackQuery({ text: ctx.t(`committee:campaign.${result.kind === "already" ? "alreadyJoined" : result.kind}`) });
  void ctx.deps.wakeSender?.();
  await ctx.answerCallbackQuery();
  return editHtml(ctx, ctx.t("committee:campaign.joined", { title: result.round.title, committee: result.committee.name }));
});

function rosterKeyboard(ctx: BotContext, entryId: number) {
  return new InlineKeyboard()
    .text(ctx.t("committee:roster.makeDeputy"), encodeRosterRole(entryId, "DEPUTY")).row()
    .text(ctx.t("committee:roster.makeStaff"), encodeRosterRole(entryId, "STAFF")).row()
    .text(ctx.t("committee:roster.makeMember"), encodeRosterRole(entryId, "MEMBER")).row()
    .text(ctx.t("committee:roster.remove"), encodeRosterRole(entryId, "REMOVE"));
}

/** The roster entry behind a button pressed in the committee's own group. */
async function groupActor(ctx: BotContext): Promise<CommitteeActor | null> {
  const chat = ctx.callbackQuery?.message?.chat ?? ctx.chat;
  if (!chat || chat.type === "private") return null;
  const found = await committeeOfGroup(ctx.deps.app, BigInt(chat.id));
  return found && committeeActor(ctx.deps.app, found, BigInt(ctx.from!.id));
}

committee.callbackQuery(ROSTER_MENU_PATTERN, async (ctx) => {
  const target = await rosterEntryFor(ctx.deps.app, await groupActor(ctx), Number(ctx.match[1]));
  if (target === "forbidden") return ctx.answerCallbackQuery({ text: ctx.t("committee:roster.forbidden") });
  if (!target) return ctx.answerCallbackQuery({ text: ctx.t("committee:roster.notOnRoster") });
  await ctx.answerCallbackQuery();
  return editHtml(ctx, { text: ctx.t("committee:roster.choose", { name: target.fullName, role: ctx.t(`committee:role.${target.role}`) }), keyboard: rosterKeyboard(ctx, target.id) });
});

committee.callbackQuery(ROSTER_ROLE_PATTERN, async (ctx) => {
  const role = rosterRoleFromCode(ctx.match[2]!);
  if (!role) return ctx.answerCallbackQuery({ text: ctx.t("error.badButton") });
  const result = await setRosterRole(ctx.deps.app, await groupActor(ctx), Number(ctx.match[1]), role);
  if (result.kind !== "changed") return ctx.answerCallbackQuery({ text: ctx.t(`committee:roster.${result.kind}`) });
  await ctx.answerCallbackQuery();
  if (result.role === "REMOVE") return editHtml(ctx, ctx.t("committee:roster.removed", { name: result.entry.fullName }));
  return editHtml(ctx, ctx.t("committee:roster.changed", { name: result.entry.fullName, role: ctx.t(`committee:role.${result.role}`) }));
});

/** The cell commands that mean something else in a committee's group (DESIGN §6). */
const SHARED_COMMANDS = new Set(["thamgia", "join", "vaitro", "roles", "caidat", "settings", "dotmoi", "newround", "nhacnho", "remind", "chibo", "setup", "baocao", "report"]);

/** "/dotmoi@bot 15/12/2026 Tiêu đề" → ["dotmoi", "15/12/2026 Tiêu đề"], or null for another bot or no command. */
function parseCommand(text: string, botUsername: string): [string, string] | null {
  const m = /^\/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/.exec(text);
  if (!m || (m[2] && m[2].toLowerCase() !== botUsername.toLowerCase())) return null;
  return [m[1]!.toLowerCase(), (m[3] ?? "").trim()];
}

group.on("message:text", async (ctx, next) => {
  const parsed = parseCommand(ctx.message.text, ctx.me.username);
  if (!parsed || !SHARED_COMMANDS.has(parsed[0])) return next();
  const found = await committeeOfGroup(ctx.deps.app, BigInt(ctx.chat.id));
  if (!found) return next();
  const [command, args] = parsed;
  const actor = await committeeActor(ctx.deps.app, found, BigInt(ctx.from.id));
  const t = ctx.t;
  switch (command) {
    case "chibo": case "setup":
      return replyHtml(ctx, t("committee:setup.cellInCommitteeGroup", { name: found.name }));
    case "baocao": case "report":
      return replyHtml(ctx, t("committee:rollup.useRollup"));
    case "thamgia": case "join": {
      const keyboard = new InlineKeyboard().url(t("committee:join.button"), deepLink(ctx, `c_${found.joinCode}`));
      return replyHtml(ctx, { text: t("committee:join.prompt", { committee: found.name }), keyboard });
    }
    case "vaitro": case "roles": {
      const result = await committeeRoster(ctx.deps.app, actor);
      if (result.kind === "forbidden") return replyHtml(ctx, t("committee:roster.forbidden"));
      const keyboard = new InlineKeyboard();
      const lines = [t("committee:roster.title", { committee: shorten(found.name, 100), count: result.entries.length }), ""];
      for (const entry of result.entries.slice(0, 80)) {
        lines.push(t("committee:roster.line", { name: entry.fullName, role: t(`committee:role.${entry.role}`) }));
        if (entry.id !== actor!.id) keyboard.text(shorten(entry.fullName, 40), encodeRosterMenu(entry.id)).row();
      }
      return replyLong(ctx, { text: lines.join("\n"), keyboard });
    }
    case "caidat": case "settings": {
      const result = await committeeSettings(ctx.deps.app, actor, args);
      if (result.kind !== "shown" && result.kind !== "changed") return replyHtml(ctx, t(`committee:settings.${result.kind}`));
      const { settings: s, kind, ...unit } = result;
      return replyHtml(ctx, t(`committee:settings.${kind === "shown" ? "show" : "changed"}`, {
        place: s.place || t("committee:settings.notSet"), number: s.reportNumber || t("committee:settings.numberBlank"),
        conclusion: t(s.conclusion21 ? "committee:settings.kl21On" : "committee:settings.kl21Off"),
        ...levelShown(t, s, unit, t("committee:settings.notSet")),
      }));
    }
    case "dotmoi": case "newround": {
      const result = await openCampaign(ctx.deps.app, actor, args, (opened) => t("committee:campaign.defaultTitle", { opened }), committeeRendererFor(ctx));
      switch (result.kind) {
        case "opened": {
          void ctx.deps.wakeSender?.();
          const lines = [t("committee:campaign.opened", { title: result.campaign.title, deadline: formatDay(result.campaign.deadlineDay), rounds: result.rounds, cells: result.cells })];
          if (result.busy > 0) lines.push("", t("committee:campaign.busyNote", { count: result.busy }));
          return replyHtml(ctx, lines.join("\n"));
        }
        case "tooFar": return replyHtml(ctx, t("committee:campaign.tooFar", { latest: formatDay(result.latest) }));
        case "badDate": return replyHtml(ctx, t(result.reason === "format" ? "committee:campaign.badFormat" : "committee:campaign.impossible", { text: args.split(/\s+/)[0]!.slice(0, 40) }));
        default: return replyHtml(ctx, t(`committee:campaign.${result.kind}`));
      }
    }
    case "nhacnho": case "remind": {
      const result = await nudgeSecretaries(ctx.deps.app, actor, committeeRendererFor(ctx));
      if (result.kind !== "queued") return replyHtml(ctx, t(`committee:nudge.${result.kind}`));
      void ctx.deps.wakeSender?.();
      const lines = [t("committee:nudge.queued", { count: result.count })];
      if (result.skippedRecent > 0) lines.push(t("committee:nudge.skippedRecent", { count: result.skippedRecent }));
      if (result.unreachable > 0) lines.push(t("committee:nudge.unreachable", { count: result.unreachable }));
      if (result.noSecretary > 0) lines.push(t("committee:nudge.noSecretary", { count: result.noSecretary }));
      return replyHtml(ctx, lines.join("\n"));
    }
  }
  return next();
});
