/**
 * The last screen's numbers on a text channel (src/channels/text-conversation.ts), as the
 * database holds them in User.awaiting: written only when they change, kept across a restart
 * (a new conversation on the same database answers the stored screen), and decided on what the
 * row holds when something else wrote it while the message was handled.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awaitingRename } from "../../src/app/members.js";
import { setupCell } from "../../src/app/onboarding.js";
import { openRound } from "../../src/app/rounds.js";
import { AWAITING_NAME } from "../../src/app/onboarding.js";
import type { TextConversation } from "../../src/channels/text-conversation.js";
import { storedChoices } from "../../src/channels/text-render.js";
import type { AppDeps } from "../../src/app/deps.js";
import { createI18n } from "../../src/infra/i18n/index.js";
import { appDeps, person, testClock, tgGroup } from "../support/app.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { typedOnZalo, zaloConversation } from "../support/zalo-harness.js";

let database: TestDatabase;
let deps: ReturnType<typeof appDeps>;
let i18n: Awaited<ReturnType<typeof createI18n>>;
let channel: TextConversation;
const GROUP = -7500n;
let joinCode = "";

const conversationOn = (app: AppDeps) => zaloConversation(app, i18n, { renderer: false });

async function send(externalId: string, typed: string, on: TextConversation = channel): Promise<string> {
  const out = await on.receive(typedOnZalo(externalId, "Hoa Đỗ Thị", typed));
  return out.join("\n---\n");
}

/** The person's User row as the database holds it. */
async function userRow(externalId: string) {
  const { userId } = await database.db.channelIdentity.findFirstOrThrow({ where: { channel: "zalo", externalId } });
  return database.db.user.findUniqueOrThrow({ where: { id: userId } });
}

async function joined(externalId: string): Promise<void> {
  await send(externalId, `/thamgia ${joinCode}`);
  await send(externalId, "1"); // the prefilled name is right
}

const LONG_AGO = new Date("2000-01-01T00:00:00Z");

beforeAll(async () => {
  database = await freshDatabase();
  deps = appDeps(database, testClock("2026-11-10T03:00:00Z"));
  i18n = await createI18n("vi");
  channel = conversationOn(deps);
  await setupCell(deps, {
    group: tgGroup(GROUP),
    chatTitle: "Nhóm",
    caller: await person(deps, 7500, "Nguyễn Văn An"),
    callerIsAdmin: true,
    name: "Chi bộ Lưu Màn",
  });
  joinCode = (await deps.cells.findCellByGroup(tgGroup(GROUP)))!.joinCode;
  await openRound(deps, (await database.store.findActiveMembership(7500n))!, "30/11/2026 Đợt cuối năm", () => "x");
});
afterAll(() => database.close());

describe("the stored screen on a text channel", () => {
  it("is not rewritten when the same screen is shown again; a new screen replaces it", async () => {
    await joined("s1");
    const first = await send("s1", "/tusoi");
    expect(first).toContain("Câu 1/27");
    const stored = (await userRow("s1")).awaiting;
    expect(storedChoices(stored).map((c) => c.key)).toEqual(["1", "2", "3"]);
    // Mark the row: a write of any kind would move updatedAt.
    await database.db.user.update({ where: { id: (await userRow("s1")).id }, data: { updatedAt: LONG_AGO } });

    expect(await send("s1", "/tusoi")).toBe(first);
    expect(await userRow("s1")).toMatchObject({ awaiting: stored, updatedAt: LONG_AGO });

    expect(await send("s1", "1")).toContain("Câu 2/27");
    const next = await userRow("s1");
    expect(next.awaiting).not.toBe(stored);
    expect(storedChoices(next.awaiting).map((c) => c.key)).toEqual(["1", "2", "3", "0"]);
  });

  it("after a restart (a new conversation on the same database), a typed number answers the stored screen", async () => {
    const restarted = conversationOn(appDeps(database, testClock("2026-11-10T04:00:00Z")));
    expect(await send("s1", "1", restarted)).toContain("Câu 3/27");
    expect(storedChoices((await userRow("s1")).awaiting).map((c) => c.key)).toEqual(["1", "2", "3", "0"]);
  });

  it("a command that cancels an awaited input (a rename) drops it and stores the screen it shows", async () => {
    await joined("s2");
    const { id } = await userRow("s2");
    const rename = awaitingRename(1);
    await database.db.user.update({ where: { id }, data: { awaiting: rename } });
    expect(await send("s2", "/tusoi")).toContain("Câu 1/27");
    expect(storedChoices((await userRow("s2")).awaiting).map((c) => c.key)).toEqual(["1", "2", "3"]);
    expect(await send("s2", "2")).toContain("Câu 2/27");
  });

  /** A conversation whose answer write also lets `meanwhile` change the person's row (another writer in between). */
  const racing = (meanwhile: (userId: bigint) => Promise<void>) =>
    conversationOn({
      ...deps,
      answerPath: new Proxy(deps.answerPath, {
        get(target, prop) {
          const value: unknown = Reflect.get(target, prop);
          if (prop !== "saveAssessment") return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
          return async (...args: Parameters<AppDeps["answerPath"]["saveAssessment"]>) => {
            const saved = await target.saveAssessment(...args);
            const form = await database.db.assessment.findUniqueOrThrow({ where: { id: args[0].assessmentId }, include: { member: true } });
            await meanwhile(form.member.userId);
            return saved;
          };
        },
      }),
    });

  it("another writer set a name to await meanwhile: it wins, the screen is not stored over it", async () => {
    await joined("s3");
    await send("s3", "/tusoi");
    const on = racing((userId) => database.db.user.update({ where: { id: userId }, data: { awaiting: AWAITING_NAME } }).then(() => {}));
    expect(await send("s3", "1", on)).toContain("Câu 2/27");
    expect((await userRow("s3")).awaiting).toBe(AWAITING_NAME);
  });

  it("another writer cleared the stored screen meanwhile: the new screen is stored all the same", async () => {
    await joined("s4");
    await send("s4", "/tusoi");
    const on = racing((userId) => database.db.user.update({ where: { id: userId }, data: { awaiting: null } }).then(() => {}));
    expect(await send("s4", "1", on)).toContain("Câu 2/27");
    expect(storedChoices((await userRow("s4")).awaiting).map((c) => c.key)).toEqual(["1", "2", "3", "0"]);
    // And the number typed next answers it.
    expect(await send("s4", "1")).toContain("Câu 3/27");
  });
});
