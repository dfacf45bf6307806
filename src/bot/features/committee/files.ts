/** The committee's files of a campaign (DOCX, XLSX, chart) from the roll-up's buttons, sent to the committee's group. */
import { Composer, GrammyError, InputFile } from "grammy";
import { committeeFileFor } from "../../../app/committee-intents.js";
import { committeeFileData } from "./callbacks.js";
import type { BotContext } from "../../context.js";
import { shorten } from "../../limits.js";
import { callerOf, onPress, refuse, telegramChatOf } from "../shared.js";

export const files = new Composer<BotContext>();

onPress(files, committeeFileData, async (ctx, { committeeId, campaignId, file }) => {
  const result = await committeeFileFor(ctx.deps.app, callerOf(ctx), { committeeId, campaignId, file }, ctx.locale);
  if (result.kind !== "file") return ctx.answerCallbackQuery({ text: ctx.t(`committee:rollup.${result.kind}`) });
  await ctx.answerCallbackQuery({ text: ctx.t("committee:files.sending") });
  const { committee: owner, campaign } = result.rollup;
  const n = String(campaign.id).padStart(2, "0");
  const caption = ctx.t("committee:files.caption", { committee: shorten(owner.name, 300), title: shorten(campaign.title, 300) });
  try {
    const input = new InputFile(result.bytes, ctx.t(`committee:files.${file}`, { n }));
    // No Telegram group: the officer who asked gets it privately.
    const target = telegramChatOf(owner.group) ?? ctx.from.id;
    if (file === "chart") await ctx.api.sendPhoto(target, input, { caption, parse_mode: "HTML" });
    else await ctx.api.sendDocument(target, input, { caption, parse_mode: "HTML" });
  } catch (error) {
    if (!(error instanceof GrammyError)) throw error;
    ctx.deps.logger.warn({ err: error, committeeId: owner.id, file }, "committee file could not be sent");
    await refuse(ctx, ctx.t("committee:files.failed"));
  }
});
