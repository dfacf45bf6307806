/**
 * The one place that decides what a private typed text answers (issue 18): the person's awaited
 * input stored on them (src/app/awaited-input.ts), not the order features are registered in.
 *
 * Features do not listen to `message:text` in private chats; each exports the handlers of the
 * awaited kinds it owns, and createBot builds one registry from them (every kind exactly once,
 * checked at start-up) and one dispatcher:
 * - a command (`/…`) drops an awaited input whose kind says so, then goes on to the commands;
 * - other text goes to the handler of the stored kind; with nothing awaited (or when that
 *   handler passes), to the form's own typed step (a measure, a date) when its cursor waits for
 *   one; else on, to the "unknown text" answer.
 */
import { Composer, type Filter } from "grammy";
import { awaitedKinds, commandCancels, isCommand, kindOf, type AwaitedKind } from "../app/awaited-input.js";
import { cancelAwaiting } from "../app/onboarding.js";
import type { BotContext } from "./context.js";

export type TypedTextContext = Filter<BotContext, "message:text">;

/** What a handler returns when the text is not its answer after all: the next in line gets it. */
export const PASS = "pass";
export type Passed = typeof PASS;

/** Answers the typed text for one awaited kind (`awaiting` is the stored value, for the use case to parse). */
export type AwaitedTextHandler = (ctx: TypedTextContext, awaiting: string) => Promise<unknown>;

/** The handlers one feature registers, by the kinds it owns. */
export type AwaitedTextHandlers = Partial<Record<AwaitedKind, AwaitedTextHandler>>;

export type AwaitedTextRegistry = Readonly<Record<AwaitedKind, AwaitedTextHandler>>;

/**
 * One registry from the features' handlers, in any order. Fails at start-up when a kind has no
 * handler or two features claim the same kind.
 */
export function awaitedTextRegistry(features: readonly AwaitedTextHandlers[]): AwaitedTextRegistry {
  const registry: Partial<Record<AwaitedKind, AwaitedTextHandler>> = {};
  for (const handlers of features) {
    for (const [kind, handler] of Object.entries(handlers) as [AwaitedKind, AwaitedTextHandler | undefined][]) {
      if (!handler) continue;
      if (registry[kind]) throw new Error(`awaited input "${kind}" has two typed-text handlers`);
      registry[kind] = handler;
    }
  }
  const missing = awaitedKinds().filter((kind) => !registry[kind]);
  if (missing.length > 0) throw new Error(`awaited input without a typed-text handler: ${missing.join(", ")}`);
  return registry as AwaitedTextRegistry;
}

/** A kind whose answer is a file, or is never typed on this channel: its text goes on to the form. */
export const passText: AwaitedTextHandler = async () => PASS;

/**
 * The private `message:text` dispatcher. `whenNone` answers text with nothing awaited (the
 * form's typed step), or passes.
 */
export function awaitedText(registry: AwaitedTextRegistry, whenNone: (ctx: TypedTextContext) => Promise<unknown>): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType("private").on("message:text", async (ctx, next) => {
    const awaiting = ctx.user?.awaiting ?? null;
    if (isCommand(ctx.message.text)) {
      if (commandCancels(awaiting)) {
        await cancelAwaiting(ctx.deps.app, ctx.user!.id);
        ctx.user = { ...ctx.user!, awaiting: null };
      }
      return next();
    }
    const kind = kindOf(awaiting);
    if (kind !== null && (await registry[kind](ctx, awaiting!)) !== PASS) return;
    if ((await whenNone(ctx)) !== PASS) return;
    return next();
  });
  return composer;
}
