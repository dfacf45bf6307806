/**
 * One guard for every button press (issue 17): callback data comes from the client, so anyone
 * can press any data on any message they see (and data the bot never put there). Each kind of
 * callback declares its scope in callback-data.ts (CALLBACK_KINDS); this checks the press
 * against it before any feature runs, and tells editHtml whether the handler may edit the
 * message the press came from:
 * - in the presser's own private chat: every kind goes on, and may edit (the use case checks
 *   the presser's right over what the button names);
 * - in a group: "private" kinds are refused; "officer" kinds go on only for the secretary or
 *   deputy of the group's own unit (asked of the database) and may then edit; "anyone" kinds
 *   go on but may not edit the group's message.
 * A refused press is answered to the presser alone (answerCallbackQuery) and changes nothing.
 */
import type { NextFunction } from "grammy";
import { isGroupOfficer } from "../../app/group-rights.js";
import { callbackKind } from "../callback-data.js";
import type { BotContext } from "../context.js";
import { groupOf } from "../features/shared.js";

export async function guardCallbacks(ctx: BotContext, next: NextFunction): Promise<void> {
  ctx.mayEditMessage = false;
  const query = ctx.callbackQuery;
  if (!query) return next();
  const kind = query.data === undefined ? null : callbackKind(query.data);
  // Data the bot never emits: the unhandled feature answers "Nút không hợp lệ".
  if (!kind) return next();
  const chat = query.message?.chat;
  if (chat?.type === "private" && chat.id === query.from.id) {
    ctx.mayEditMessage = true;
    return next();
  }
  if (kind.scope === "anyone") return next();
  if (kind.scope === "private") {
    await ctx.answerCallbackQuery({ text: ctx.t(kind.refusal ?? "error.privateButton") });
    return;
  }
  const officer = chat !== undefined && chat.type !== "private" && (await isGroupOfficer(ctx.deps.app, groupOf(chat), ctx.user!.id));
  if (!officer) {
    await ctx.answerCallbackQuery({ text: ctx.t(kind.refusal ?? "error.forbidden") });
    return;
  }
  ctx.mayEditMessage = true;
  return next();
}
