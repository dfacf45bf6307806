/**
 * createBot: the whole bot, reading top to bottom. Middlewares first (de-duplication,
 * identity and language), then one composer per feature, the unhandled one last.
 */
import { Bot, type BotConfig } from "grammy";
import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import type { BotContext, BotDeps } from "./context.js";
import { dedupeUpdates } from "./middlewares/dedupe.js";
import { identify } from "./middlewares/identity.js";
import { guardCallbacks } from "./middlewares/callback-guard.js";
import { awaitedText, awaitedTextRegistry, passText, type AwaitedTextRegistry } from "./awaited-text.js";
import { assessment, formText } from "./features/assessment.js";
import { committee, committeeTexts } from "./features/committee/index.js";
import { followUp, followUpTexts } from "./features/followup.js";
import { handover } from "./features/handover.js";
import { pause } from "./features/pause.js";
import { enteredUnits, enteredUnitsTexts, itemSheetFiles } from "./features/entered-units.js";
import { meeting, meetingTexts } from "./features/meeting.js";
import { reportBack, reportBackTexts } from "./features/report-back.js";
import { review } from "./features/review.js";
import { help } from "./features/help.js";
import { language } from "./features/language.js";
import { members } from "./features/members.js";
import { onboarding, onboardingTexts } from "./features/onboarding.js";
import { plan } from "./features/plan.js";
import { report } from "./features/report.js";
import { rounds } from "./features/rounds.js";
import { templates, templatesTexts } from "./features/templates.js";
import { unhandled } from "./features/unhandled.js";
import { web } from "./features/web.js";

export type { BotContext, BotDeps };

/**
 * What each awaited input's typed text goes to, from every feature (any order; a kind without a
 * handler, or with two, fails here at start-up). A text-only channel's last screen ("screen")
 * is never stored for a Telegram person: its text passes on.
 */
export function telegramTextRegistry(): AwaitedTextRegistry {
  return awaitedTextRegistry([
    onboardingTexts,
    committeeTexts,
    followUpTexts,
    reportBackTexts,
    meetingTexts,
    enteredUnitsTexts,
    templatesTexts,
    { screen: passText },
  ]);
}

export function createBot(token: string, deps: BotDeps, config: BotConfig<BotContext> = {}): Bot<BotContext> {
  const bot = new Bot<BotContext>(token, config);
  // Waits out 429s (retry_after) and retries 5xx/network errors a few times.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60 }));

  // One update at a time per chat and per user: a member's presses apply in order.
  bot.use(sequentialize((ctx) => [ctx.chat?.id, ctx.from?.id].filter((id) => id !== undefined).map(String)));
  bot.use((ctx, next) => {
    ctx.deps = deps;
    return next();
  });
  bot.use(dedupeUpdates);
  bot.use(identify);
  // Every button press is checked against its kind's scope before any feature sees it.
  bot.use(guardCallbacks);
  // One place decides what private typed text answers: the person's awaited input, else the form's typed step.
  bot.use(awaitedText(telegramTextRegistry(), formText));

  // Issue 19: a unit-not-on-the-bot's filled item sheet, while awaited, before the template import reads any .xlsx.
  bot.use(itemSheetFiles);
  bot.use(web);
  bot.use(templates);
  // Before the cell features: in a committee's group the shared commands are its own.
  bot.use(committee);
  bot.use(onboarding);
  bot.use(followUp);
  // After the meeting (issue 13): the report back, the year's record, handover, pausing.
  bot.use(reportBack);
  // Issue 19: /sinhhoat and its step-by-step answers, the report's typed sections.
  bot.use(meeting);
  bot.use(enteredUnits);
  bot.use(review);
  bot.use(handover);
  bot.use(pause);
  bot.use(assessment);
  bot.use(plan);
  bot.use(rounds);
  bot.use(report);
  bot.use(members);
  bot.use(language);
  bot.use(help);
  bot.use(unhandled);

  bot.catch(async (err) => {
    const ctx = err.ctx;
    // The logger keeps a failed API call's method, error code, description and stack, never its
    // payload: that is the member's own text (answers, measures) and their chat id.
    deps.logger.error({ err: err.error, updateId: ctx.update.update_id }, "update failed");
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t?.("error.generic") ?? "Error" });
      else if (ctx.chat?.type === "private") await ctx.reply(ctx.t?.("error.generic") ?? "Error");
    } catch (error) {
      deps.logger.warn({ err: error }, "could not tell the user about the failure");
    }
  });
  return bot;
}

/** The commands shown in Telegram's menu, from locales (common:menu). */
export function menuCommands(t: (key: string) => string): { command: string; description: string }[] {
  return [
    "assess",
    "plan",
    "review",
    "report",
    "meeting",
    "newround",
    "remind",
    "schedule",
    "template",
    "rollup",
    "enter",
    "web",
    "join",
    "roles",
    "lang",
    "help",
  ].map((key) => ({
    command: t(`menu.${key}.command`),
    description: t(`menu.${key}.description`),
  }));
}
