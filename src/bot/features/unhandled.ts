/** Registered last: whatever no feature handled gets a short pointer, never silence in private chat. */
import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { replyHtml } from "./shared.js";

export const unhandled = new Composer<BotContext>();

unhandled.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: ctx.t("error.staleButton") }));

const privateChat = unhandled.chatType("private");
privateChat.on("message:text", (ctx) => replyHtml(ctx, ctx.t(ctx.message.text.startsWith("/") ? "error.unknownCommand" : "error.unknownText")));
privateChat.on("message", (ctx) => replyHtml(ctx, ctx.t("error.unknownText")));
