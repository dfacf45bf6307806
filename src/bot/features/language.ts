/** /ngonngu: each user chooses vi or en. */
import { Composer, InlineKeyboard } from "grammy";
import { setLanguage } from "../../app/onboarding.js";
import { encodeLang, LANG_PATTERN } from "../callback-data.js";
import type { Locale } from "../../config.js";
import type { BotContext } from "../context.js";
import { editHtml, replyHtml } from "./shared.js";

export const language = new Composer<BotContext>();

language.command(["ngonngu", "lang"], (ctx) =>
  replyHtml(ctx, {
    text: ctx.t("language.choose"),
    keyboard: new InlineKeyboard().text(ctx.t("language.vi"), encodeLang("vi")).text(ctx.t("language.en"), encodeLang("en")),
  }),
);

language.callbackQuery(LANG_PATTERN, async (ctx) => {
  if (!ctx.user) return ctx.answerCallbackQuery();
  const locale = ctx.match[1] as Locale;
  await setLanguage(ctx.deps.app, ctx.user.id, locale);
  const t = ctx.deps.i18n.t(locale);
  await ctx.answerCallbackQuery({ text: t("language.set") });
  // A chooser posted in a group is everyone's: the choice is the presser's own, the message stays.
  if (ctx.mayEditMessage) return editHtml(ctx, t("language.set"));
});
