/** /baocao: the round summary, posted to the cell's group. Refusals go to the asker privately. */
import { Composer, GrammyError } from "grammy";
import { roundReport } from "../../app/report.js";
import type { BotContext } from "../context.js";
import { renderReport } from "../presenters/report.js";
import { replyHtml } from "./shared.js";

export const report = new Composer<BotContext>();

/** Says no without posting anything in the group: privately when possible. */
async function refuse(ctx: BotContext, text: string) {
  if (ctx.chat?.type === "private") return replyHtml(ctx, text);
  try {
    await ctx.api.sendMessage(ctx.from!.id, text, { parse_mode: "HTML" });
  } catch {
    // Never opened the bot: the group is the only place left to answer.
    await replyHtml(ctx, text);
  }
}

report.command(["baocao", "report"], async (ctx) => {
  const member = await ctx.membership();
  if (!member || (ctx.chat.type !== "private" && BigInt(ctx.chat.id) !== member.cell.groupChatId)) {
    return refuse(ctx, ctx.t("report:forbidden"));
  }
  const result = await roundReport(ctx.deps.app, member);
  if (result.kind === "forbidden") return refuse(ctx, ctx.t("report:forbidden"));
  if (result.kind === "noRound") return replyHtml(ctx, ctx.t("report:noRound"));
  const text = renderReport(result.report, ctx.t, ctx.locale);
  try {
    await ctx.api.sendMessage(Number(member.cell.groupChatId), text, { parse_mode: "HTML" });
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error;
    ctx.deps.logger.warn({ err: error, cellId: member.cellId }, "report could not be posted to the group");
    return replyHtml(ctx, ctx.t("report:groupUnreachable"));
  }
  if (ctx.chat.type === "private") return replyHtml(ctx, ctx.t("report:postedToGroup"));
});
