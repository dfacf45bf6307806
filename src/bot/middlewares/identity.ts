import type { NextFunction } from "grammy";
import { LOCALES, type Locale } from "../../config.js";
import type { MemberWithCell } from "../../app/ports.js";
import { identifyUser, membershipOf } from "../../app/session.js";
import type { BotContext } from "../context.js";

const isLocale = (value: string | null | undefined): value is Locale => (LOCALES as readonly string[]).includes(value ?? "");

/** Loads the sender (creating them on first contact), picks their language, and offers a lazy membership lookup. */
export async function identify(ctx: BotContext, next: NextFunction): Promise<void> {
  const { app } = ctx.deps;
  const from = ctx.from;
  ctx.user = from && !from.is_bot
    ? await identifyUser(app, { id: BigInt(from.id), firstName: from.first_name, username: from.username ?? null })
    : null;
  ctx.locale = isLocale(ctx.user?.locale) ? ctx.user.locale : ctx.deps.defaultLocale;
  ctx.t = ctx.deps.i18n.t(ctx.locale);
  let membership: Promise<MemberWithCell | null> | undefined;
  ctx.membership = () => (membership ??= ctx.user ? membershipOf(app, ctx.user.id) : Promise.resolve(null));
  await next();
}
