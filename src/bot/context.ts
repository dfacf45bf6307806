import type { Context } from "grammy";
import type { Logger } from "pino";
import type { AppDeps } from "../app/deps.js";
import type { MemberWithCell, UserRecord } from "../app/ports.js";
import type { Locale } from "../config.js";
import type { I18n, Translate } from "../infra/i18n/index.js";

/** This channel's name in identities, destinations and outbox rows. */
export const TELEGRAM = "telegram";

/** What createBot needs; put on every context. */
export interface BotDeps {
  app: AppDeps;
  i18n: I18n;
  defaultLocale: Locale;
  logger: Logger;
  /** Asks the outbox sender to send what was just enqueued; resolves when that drain ends (absent when no sender runs). */
  wakeSender?: () => Promise<void>;
  /** Fetches a file a user sent, by the Bot API's file_path (the token and API root are main's); absent: api.telegram.org. */
  downloadFile?: (filePath: string) => Promise<Uint8Array>;
  /** PUBLIC_URL when the web runs (PUBLIC_URL and PORT set); absent or null: /web says it is not enabled. */
  webUrl?: string | null;
  /** Zalo runs beside Telegram: a cell group's /thamgia also gives the line to send the Zalo bot (issue 20). */
  zaloRuns?: boolean;
}

export interface BotContextFlavor {
  deps: BotDeps;
  /** Translator in the user's language. */
  t: Translate;
  locale: Locale;
  /** The stored user (null for updates without a sender). */
  user: UserRecord | null;
  /** The sender's current membership, loaded once per update on first use. */
  membership(): Promise<MemberWithCell | null>;
  /**
   * Whether the handler of a button press may edit the message it was pressed on: set by the
   * callback guard (middlewares/callback-guard.ts) from the press's kind and the presser's right
   * over that message's unit; false outside button presses.
   */
  mayEditMessage: boolean;
}

export type BotContext = Context & BotContextFlavor;
