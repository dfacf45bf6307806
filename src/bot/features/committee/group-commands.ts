/**
 * The cell commands that mean something else in a committee's group (DESIGN §6): /thamgia,
 * /vaitro, /caidat, /dotmoi, /nhacnho, and /chibo, /baocao pointing elsewhere. Anywhere else
 * they go on to the cell features unchanged.
 */
import { Composer, InlineKeyboard } from "grammy";
import { committeeActor, committeeOfGroup, committeeRoster, committeeSettings } from "../../../app/committee.js";
import { nudgeSecretaries, openCampaign } from "../../../app/committee-campaigns.js";
import { campaignOpenedText } from "../../../app/conversation-committee.js";
import { formatDay } from "../../../domain/calendar.js";
import { encodeRosterMenu } from "./callbacks.js";
import type { BotContext } from "../../context.js";
import { shorten } from "../../limits.js";
import { levelShown } from "../../presenters/settings.js";
import { deepLink, groupOf, replyHtml, replyLong } from "../shared.js";
import { committeeRendererFor } from "./shared.js";

export const groupCommands = new Composer<BotContext>();
const group = groupCommands.chatType(["group", "supergroup"]);

/** The cell commands that mean something else in a committee's group (DESIGN §6). */
const SHARED_COMMANDS = new Set([
  "thamgia",
  "join",
  "vaitro",
  "roles",
  "caidat",
  "settings",
  "dotmoi",
  "newround",
  "nhacnho",
  "remind",
  "chibo",
  "setup",
  "baocao",
  "report",
]);

/** "/dotmoi@bot 15/12/2026 Tiêu đề" → ["dotmoi", "15/12/2026 Tiêu đề"], or null for another bot or no command. */
function parseCommand(text: string, botUsername: string): [string, string] | null {
  const m = /^\/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/.exec(text);
  if (!m || (m[2] && m[2].toLowerCase() !== botUsername.toLowerCase())) return null;
  return [m[1]!.toLowerCase(), (m[3] ?? "").trim()];
}

group.on("message:text", async (ctx, next) => {
  const parsed = parseCommand(ctx.message.text, ctx.me.username);
  if (!parsed || !SHARED_COMMANDS.has(parsed[0])) return next();
  const found = await committeeOfGroup(ctx.deps.app, groupOf(ctx.chat));
  if (!found) return next();
  const [command, args] = parsed;
  const actor = await committeeActor(ctx.deps.app, found, ctx.user!.id);
  const t = ctx.t;
  switch (command) {
    case "chibo":
    case "setup":
      return replyHtml(ctx, t("committee:setup.cellInCommitteeGroup", { name: found.name }));
    case "baocao":
    case "report":
      return replyHtml(ctx, t("committee:rollup.useRollup"));
    case "thamgia":
    case "join": {
      const keyboard = new InlineKeyboard().url(t("committee:join.button"), deepLink(ctx, `c_${found.joinCode}`));
      return replyHtml(ctx, { text: t("committee:join.prompt", { committee: found.name }), keyboard });
    }
    case "vaitro":
    case "roles": {
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
    case "caidat":
    case "settings": {
      const result = await committeeSettings(ctx.deps.app, actor, args);
      if (result.kind !== "shown" && result.kind !== "changed") return replyHtml(ctx, t(`committee:settings.${result.kind}`));
      const { settings: s, kind, ...unit } = result;
      return replyHtml(
        ctx,
        t(`committee:settings.${kind === "shown" ? "show" : "changed"}`, {
          place: s.place || t("committee:settings.notSet"),
          number: s.reportNumber || t("committee:settings.numberBlank"),
          conclusion: t(s.conclusion21 ? "committee:settings.kl21On" : "committee:settings.kl21Off"),
          ...levelShown(t, s, unit, t("committee:settings.notSet")),
        }),
      );
    }
    case "dotmoi":
    case "newround": {
      const result = await openCampaign(ctx.deps.app, actor, args, (opened) => t("committee:campaign.defaultTitle", { opened }), committeeRendererFor(ctx));
      switch (result.kind) {
        case "opened": {
          void ctx.deps.wakeSender?.();
          return replyHtml(ctx, campaignOpenedText(t, result));
        }
        case "tooFar":
          return replyHtml(ctx, t("committee:campaign.tooFar", { latest: formatDay(result.latest) }));
        case "badDate":
          return replyHtml(
            ctx,
            t(result.reason === "format" ? "committee:campaign.badFormat" : "committee:campaign.impossible", { text: args.split(/\s+/)[0]!.slice(0, 40) }),
          );
        default:
          return replyHtml(ctx, t(`committee:campaign.${result.kind}`));
      }
    }
    case "nhacnho":
    case "remind": {
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
