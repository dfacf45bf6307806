import type { NextFunction } from "grammy";
import { isLocale } from "../../config.js";
import type { MemberWithCell } from "../../app/ports.js";
import { identifyUser, membershipOf } from "../../app/session.js";
import { TELEGRAM, type BotContext } from "../context.js";

/**
 * Resolves the sender's Telegram identity (`telegram:<from.id>`) to the app's user, creating
 * both on first contact; picks their language, and offers a lazy membership lookup. From here
 * on, features use `ctx.user.id` (the app's id), never `from.id`, as the person's id.
 */
export async function identify(ctx: BotContext, next: NextFunction): Promise<void> {
  const { app } = ctx.deps;
  const from = ctx.from;
  ctx.user =
    from && !from.is_bot
      ? await identifyUser(app, { channel: TELEGRAM, externalId: String(from.id) }, { firstName: from.first_name, username: from.username ?? null })
      : null;
  ctx.locale = isLocale(ctx.user?.locale) ? ctx.user.locale : ctx.deps.defaultLocale;
  ctx.t = ctx.deps.i18n.t(ctx.locale);
  let membership: Promise<MemberWithCell | null> | undefined;
  ctx.membership = () => (membership ??= ctx.user ? membershipOf(app, ctx.user.id) : Promise.resolve(null));
  await next();
}
