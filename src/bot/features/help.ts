/** /huongdan: help for what the sender can do, by role. */
import { Composer, InputFile } from "grammy";
import type { BotContext } from "../context.js";
import { officerCommittees } from "../../app/committee.js";
import { canManageRounds } from "../../domain/roles.js";
import { guideFileName, renderGuideDocx, type GuideKind } from "../../infra/renderers/guide.js";
import { replyLong } from "./shared.js";

export const help = new Composer<BotContext>();

help.command(["huongdan", "help"], async (ctx) => {
  const t = ctx.t;
  const member = await ctx.membership();
  const sections = [t("help:intro"), ""];
  const committees = ctx.user ? await officerCommittees(ctx.deps.app, ctx.user.id) : [];
  if (!member) sections.push(t("help:notMember"), t("help:committeeSetup"));
  else {
    sections.push(t("onboarding:start.member", { role: t(`role.${member.role}`), cell: member.cell.name }), "", t("help:member"));
    if (member.role === "COMMITTEE") sections.push("", t("help:committee"));
    if (member.role === "DEPUTY") sections.push("", t("help:deputy"), "", t("help:reports"), "", t("help:meeting"));
    if (member.role === "SECRETARY")
      sections.push("", t("help:secretary"), t("help:secretaryTools"), "", t("help:reports"), t("help:secretaryReports"), "", t("help:meeting"));
  }
  // An officer of a higher committee (possibly also a member of one cell) sees its commands too.
  for (const c of committees)
    sections.push("", t("help:committeeOfficer", { role: t(`committee:role.${c.role}`), committee: c.committee.name }), t("help:committeeUnits"));
  sections.push("", t("help:footer"));
  await replyLong(ctx, sections.join("\n"));
  // The printable one-page guide (docs/huong-dan-*.md) for whoever runs a cell or works for a
  // committee, in private only; members get the text above.
  if (ctx.chat?.type !== "private") return;
  const guides: GuideKind[] = [];
  if (member && canManageRounds(member.role)) guides.push("secretary");
  if (committees.length > 0) guides.push("office");
  for (const kind of guides) {
    await ctx.replyWithDocument(new InputFile(await renderGuideDocx(kind), guideFileName(kind)), { caption: t(`help:guide.${kind}`) });
  }
});
