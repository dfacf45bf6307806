import type { NextFunction } from "grammy";
import { firstDelivery } from "../../app/session.js";
import { TELEGRAM, type BotContext } from "../context.js";

/**
 * Drops updates already handled (Telegram redelivers after a restart or a network error).
 * The update id is recorded before handling: a crash mid-handler loses that one update
 * (the member presses again) rather than applying it twice.
 */
export async function dedupeUpdates(ctx: BotContext, next: NextFunction): Promise<void> {
  if (!(await firstDelivery(ctx.deps.app, TELEGRAM, String(ctx.update.update_id)))) {
    ctx.deps.logger.debug({ updateId: ctx.update.update_id }, "duplicate update dropped");
    return;
  }
  await next();
}
