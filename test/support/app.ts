/** Test data builders: app dependencies with a controllable clock, and one-line cells and members. */
import { checklistCatalog, checklistKey } from "../../src/app/checklists.js";
import type { AppDeps } from "../../src/app/deps.js";
import { identifyUser } from "../../src/app/session.js";
import type { Person } from "../../src/domain/names.js";
import type { Destination } from "../../src/app/messages.js";
import type { DocumentRenderer, Stores } from "../../src/app/ports.js";
import { createI18n, type I18n } from "../../src/infra/i18n/index.js";
import { documentRenderer } from "../../src/infra/renderers/index.js";
import { templateFiles } from "../../src/infra/renderers/template-file.js";
import { DEFAULT_CHECKLIST, loadChecklists } from "../../src/infra/checklists.js";

export interface TestClock {
  now: Date;
  (): Date;
  set(iso: string): void;
}

/** A clock tests move by hand. Starts at 2026-11-22 10:00 in Hà Nội (03:00 UTC). */
export function testClock(iso = "2026-11-22T03:00:00Z"): TestClock {
  const clock = (() => clock.now) as TestClock;
  clock.now = new Date(iso);
  clock.set = (value: string) => {
    clock.now = new Date(value);
  };
  return clock;
}

let codes = 0;

let i18n: I18n | undefined;

/** The app's dependencies on a test database's ports (report files drawn by the real renderers). */
export function appDeps(database: { stores: Stores }, clock: TestClock = testClock()): AppDeps & { clock: TestClock } {
  const shipped = loadChecklists();
  return {
    ...database.stores,
    documents: lazyDocuments(),
    templateFiles: templateFiles(),
    checklists: checklistCatalog(shipped, database.stores.templates),
    clock,
    checklist: shipped.get(checklistKey(DEFAULT_CHECKLIST.code, DEFAULT_CHECKLIST.version))!,
    defaultTimezone: "Asia/Ho_Chi_Minh",
    newJoinCode: () => `code${++codes}x${Date.now().toString(36)}`,
  };
}

/** The real renderer, its i18n loaded on first use (appDeps stays synchronous). */
function lazyDocuments(): DocumentRenderer {
  const renderer = async () => documentRenderer((i18n ??= await createI18n("vi")));
  return {
    reportFile: async (kind, input, locale) => (await renderer()).reportFile(kind, input, locale),
    detailXlsx: async (input, locale) => (await renderer()).detailXlsx(input, locale),
    committeeFile: async (kind, input, locale) => (await renderer()).committeeFile(kind, input, locale),
    planDocx: async (input) => (await renderer()).planDocx(input),
    reviewDocx: async (input) => (await renderer()).reviewDocx(input),
  };
}

/**
 * A Telegram person with a readable name, as the use cases take them: resolved through their
 * Telegram identity (`telegram:<id>`) as the bot's identity middleware does, so the user and the
 * identity exist (on first contact the app id is the Telegram id, see src/infra/db/users.ts).
 */
export async function person(deps: Pick<AppDeps, "answerPath" | "clock" | "users">, id: number, firstName: string, lastName?: string): Promise<Person> {
  const user = await identifyUser(deps, { channel: "telegram", externalId: String(id) }, { firstName, username: null });
  return { userId: user.id, firstName, lastName };
}

/** A Telegram group (chat id) as the app's destination. */
export const tgGroup = (chatId: bigint | number): Destination => ({ channel: "telegram", address: String(chatId) });
