/**
 * The storage contract (test/contract) against the PostgreSQL implementations as production
 * composes them (Prisma's client from the twin schema through @prisma/adapter-pg, and the
 * prepared statements over pg), on a fresh database of the run's real server; and a check
 * that every column the prepared statements name exists there.
 */
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openStores } from "../../src/infra/db/index.js";
import { PG_ANSWER_PATH_SQL, PG_OUTBOX_CLAIM_SQL, PG_PROCESSED_UPDATES_SQL } from "../../src/infra/db/postgres.js";
import { committeesContract } from "../contract/committees.contract.js";
import { meetingContract } from "../contract/meeting.contract.js";
import { storesContract } from "../contract/stores.contract.js";
import { createPostgresDatabase, onPostgres, postgresAvailable } from "../support/postgres.js";

if (postgresAvailable()) {
  const postgres = async () => {
    const database = await createPostgresDatabase();
    const opened = await openStores(database.url);
    return {
      stores: opened.stores,
      async close() {
        await opened.close();
        await database.drop();
      },
    };
  };
  storesContract("PostgreSQL (Prisma adapters through @prisma/adapter-pg + prepared statements over pg)", postgres);
  committeesContract("PostgreSQL", postgres);
  meetingContract("PostgreSQL", postgres);
}

onPostgres("PostgreSQL prepared statements", () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let client: pg.Client;
  beforeAll(async () => {
    database = await createPostgresDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  it("every statement of the answer path, processed updates and the outbox claim is valid against the migrated schema", async () => {
    const statements = { ...PG_ANSWER_PATH_SQL, ...PG_PROCESSED_UPDATES_SQL, claim: PG_OUTBOX_CLAIM_SQL };
    for (const [name, sql] of Object.entries(statements)) {
      // PREPARE checks every table and column without running the statement.
      await expect(client.query(`PREPARE "check_${name}" AS ${sql}`), name).resolves.toBeDefined();
      await client.query(`DEALLOCATE "check_${name}"`);
    }
  });
});

onPostgres("PostgreSQL outbox rows written before messages were channel-neutral (issue 18)", () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let opened: Awaited<ReturnType<typeof openStores>>;
  beforeAll(async () => {
    database = await createPostgresDatabase();
    opened = await openStores(database.url);
  });
  afterAll(async () => {
    await opened.close();
    await database.drop();
  });

  it("are claimed (FOR UPDATE SKIP LOCKED) as the same messages as on SQLite: text, keyboard rows, the file and its caption", async () => {
    const now = new Date("2026-12-12T01:00:00.000Z");
    const rows = [
      {
        key: "legacy:text",
        chatId: 501n,
        method: "sendMessage",
        payload: {
          text: "<b>Nhắc</b> &amp;",
          parse_mode: "HTML",
          link_preview_options: { is_disabled: true },
          reply_markup: {
            inline_keyboard: [
              [
                { text: "Mở", url: "https://t.me/b?start=tusoi" },
                { text: "Xong", callback_data: "1g:1" },
              ],
              [],
            ],
          },
        },
      },
      {
        key: "legacy:docx",
        chatId: 502n,
        method: "sendDocument",
        payload: { document: { $file: { base64: "UEsDBA==", filename: "bao-cao.docx" } }, parse_mode: "HTML", caption: "Báo cáo" },
      },
      { key: "new:text", chatId: 503n, method: "message", payload: { text: "Mới", choices: [[{ label: "Mở", start: "tusoi" }]] } },
    ];
    for (const r of rows) {
      await opened.db.outbox.create({
        data: {
          key: r.key,
          kind: "REPORT_BACK",
          cellId: 1,
          memberId: null,
          roundId: null,
          channel: "telegram",
          recipient: String(r.chatId),
          method: r.method,
          payload: JSON.stringify(r.payload),
          status: "PENDING",
          notBefore: now,
          createdAt: now,
        },
      });
    }
    const claimed = await opened.stores.outbox.claim("w1", now, new Date(now.getTime() + 60_000), 10, "telegram");
    expect(claimed.map((m) => m.message)).toEqual([
      {
        text: "<b>Nhắc</b> &amp;",
        choices: [
          [
            { label: "Mở", url: "https://t.me/b?start=tusoi" },
            { label: "Xong", id: "1g:1" },
          ],
          [],
        ],
      },
      { text: "Báo cáo", file: { kind: "document", filename: "bao-cao.docx", base64: "UEsDBA==" } },
      { text: "Mới", choices: [[{ label: "Mở", start: "tusoi" }]] },
    ]);
  });
});
