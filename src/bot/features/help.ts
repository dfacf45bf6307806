/** /huongdan: help for what the sender can do, by role. */
import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { replyHtml } from "./shared.js";

export const help = new Composer<BotContext>();

help.command(["huongdan", "help"], async (ctx) => {
  const t = ctx.t;
  const member = await ctx.membership();
  const sections = [t("help:intro"), ""];
  if (!member) sections.push(t("help:notMember"));
  else {
    sections.push(t("onboarding:start.member", { role: t(`role.${member.role}`), cell: member.cell.name }), "", t("help:member"));
    if (member.role === "COMMITTEE") sections.push("", t("help:committee"));
    if (member.role === "DEPUTY") sections.push("", t("help:deputy"), "", t("help:reports"));
    if (member.role === "SECRETARY") sections.push("", t("help:secretary"), "", t("help:reports"), t("help:secretaryReports"));
  }
  sections.push("", t("help:footer"));
  return replyHtml(ctx, sections.join("\n"));
});
