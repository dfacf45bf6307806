/**
 * `/web` (alias `/dashboard`) in a private chat: a one-time sign-in link for the web
 * (src/web), for a cell's secretary or deputy or a committee's officer; `/web thoat` (or
 * `/web logout`) ends all of the person's web sessions. The use cases are channel-neutral
 * (app/web-sign-in.ts): Zalo calls the same ones. Anywhere but a private chat: a refusal.
 */
import { Composer } from "grammy";
import { requestWebLink, signOutEverywhere } from "../../app/web-sign-in.js";
import type { BotContext } from "../context.js";
import { replyHtml } from "./shared.js";

export const web = new Composer<BotContext>();

web.command(["web", "dashboard"], async (ctx) => {
  if (ctx.chat.type !== "private" || !ctx.from) return replyHtml(ctx, ctx.t("web:bot.privateOnly"));
  const publicUrl = ctx.deps.webUrl ?? null;
  if (!publicUrl) return replyHtml(ctx, ctx.t("web:bot.notConfigured"));
  const userId = ctx.user!.id;
  const argument = ctx.match.trim().toLowerCase();
  if (argument === "thoat" || argument === "thoát" || argument === "logout") {
    const count = await signOutEverywhere(ctx.deps.app, userId);
    return replyHtml(ctx, ctx.t("web:bot.signedOutAll", { count }));
  }
  const result = await requestWebLink(ctx.deps.app, userId);
  if (result.kind === "forbidden") return replyHtml(ctx, ctx.t("web:bot.forbidden"));
  return replyHtml(ctx, ctx.t("web:bot.link", { url: `${publicUrl}/login/${result.token}` }));
});
