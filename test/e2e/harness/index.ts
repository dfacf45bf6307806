/**
 * End-to-end test harness: a Telegram Bot API emulator (telegram-test-api behind a
 * small "front" server), simulated users/groups, and a bot process launcher.
 *
 * Typical use:
 * ```ts
 * const emulator = await startEmulator();
 * const bot = await startBot({ env: { BOT_TOKEN: emulator.token, TELEGRAM_API_ROOT: emulator.apiRoot, DATABASE_URL } });
 * emulator.addDiagnostics(() => `--- bot output ---\n${bot.output()}`);
 * const alice = emulator.user({ id: 1001, firstName: "Alice" });
 * const sent = await alice.send("/start");
 * const reply = await alice.nextMessage(sent);
 * const cb = await alice.press(reply, "OK");
 * await emulator.client.waitForCallbackAnswer(cb.callbackQueryId);
 * await bot.stop(); await emulator.stop();
 * ```
 */

/**
 * `startEmulator(options?)` — starts telegram-test-api + the front on 127.0.0.1 (free ports).
 * `Emulator` — `apiRoot`, `token`, `user()`, `messages()`, `waitForMessages()`, `setAdmin()`,
 * `sendRawUpdate()`, `redeliver()`, `files()`, `callbackAnswers()`, `calls()`, `stop()`, ...
 */
export { startEmulator, Emulator, type EmulatorOptions } from "./server.js";

/** Simulated users (`send`, `sendInGroup`, `press`, `pressData`) and per-token read access. */
export { TestUser, BotClient, commandEntities, inlineButtons, type SendOptions } from "./client.js";

/** `startBot({ cwd, env, command, readyPattern, timeoutMs })` → BotProcess with `output()`, `stop()`, `kill()`. */
export { startBot, REPO_ROOT, type BotProcess, type StartBotOptions, type ExitInfo } from "./process.js";

/** Bot API formatting checks the emulator applies; `plainText` renders HTML/MarkdownV2 to what users read. */
export { plainText, validateFormatting, validateReplyMarkup } from "./format.js";

export type {
  ApiCall,
  ApiResponse,
  BotMessage,
  CallbackAnswer,
  Delivery,
  GroupSpec,
  Interceptor,
  MemberStatus,
  RawUpdateInput,
  ReplyMarkupLike,
  SentCallback,
  SentFile,
  SentUpdate,
  UserSpec,
  WaitOptions,
} from "./types.js";
