/**
 * The channels migration (SQLite 20261213070000_channels, PostgreSQL 0010_channels) keeps every
 * row: a database at the schema before it (migrations up to 20261212090000_web / 0009_web) gets
 * data in every table by raw SQL, is upgraded, and every row is checked: users and their
 * Telegram identities, the cells' and committees' group destinations, the outbox rows' channel
 * and recipient (key, status, payload untouched), the processed updates per channel, and every
 * other table row for row.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { applyPostgresMigrations, loadMigrations } from "../../src/infra/db/pg-migrate.js";
import { postgresRaw, sqliteMigration, sqliteMigrationFolders, sqliteRaw, type Raw } from "../support/migration-raw.js";
import { createPostgresDatabase, onPostgres, type PostgresDatabase } from "../support/postgres.js";

const LAST_SQLITE_BEFORE = "20261212090000_web";
const LAST_PG_BEFORE = "0009_web";

const T = "2026-11-22T05:17:00.000+00:00";
const T2 = "2026-12-01T01:00:00.000+00:00";
const BIG_USER = "9007199254740993"; // past 2^53: must survive as an exact integer

/** Today's data, in every table of the schema before the migration (booleans and times valid on both engines). */
const SEED = [
  `INSERT INTO "User" ("id", "firstName", "username", "locale", "awaiting", "unreachableAt", "createdAt", "updatedAt") VALUES
     (1001, 'An', 'an_nv', 'vi', NULL, NULL, '${T}', '${T}'),
     (1002, 'Bình', NULL, 'en', '{"v":1,"kind":"fullName"}', '${T2}', '${T}', '${T2}'),
     (${BIG_USER}, 'Cường', 'cuong', NULL, NULL, NULL, '${T}', '${T}')`,
  `INSERT INTO "Committee" ("id", "name", "groupChatId", "groupTitle", "joinCode", "timezone", "parentCommitteeId", "place", "higherBody", "reportNumber", "createdAt", "numberSuffix", "signOff", "conclusion21") VALUES
     (1, 'Tỉnh ủy An Giang', -1001500000000001, 'TU', 'cj1', 'Asia/Ho_Chi_Minh', NULL, 'An Giang', '', '', '${T}', '', '', true),
     (2, 'Huyện ủy Châu Phú', -1001500000000002, 'HU', 'cj2', 'Asia/Ho_Chi_Minh', 1, '', '', '07', '${T}', 'HU', 'T/M BAN THƯỜNG VỤ', false)`,
  `INSERT INTO "Cell" ("id", "name", "groupChatId", "groupTitle", "joinCode", "timezone", "followUpDay", "followUpTime", "lastFollowUpAt", "place", "higherBody", "reportThreshold", "reportNumber", "reportNumberRoundId", "conclusion21", "pauseFrom", "pauseUntil", "parentCommitteeId", "createdAt", "numberSuffix", "signOff") VALUES
     (1, 'Chi bộ Kế toán', -1001234567890, 'Nhóm KT', 'j1', 'Asia/Ho_Chi_Minh', 1, '08:00', '${T2}', 'Hà Nội', 'ĐẢNG BỘ X', 3, '05', 1, true, '2026-12-20', '2026-12-31', 2, '${T}', 'CB', 'T/M CHI BỘ'),
     (2, 'Chi bộ Tổ chức', -4321, 'Nhóm TC', 'j2', 'Asia/Bangkok', 0, '09:30', NULL, '', '', 5, '', NULL, false, NULL, NULL, NULL, '${T}', '', '')`,
  `INSERT INTO "Member" ("id", "cellId", "userId", "fullName", "role", "nameConfirmed", "joinedAt", "leftAt", "followUpMutedPeriod") VALUES
     (1, 1, 1001, 'Nguyễn Văn An', 'SECRETARY', true, '${T}', NULL, NULL),
     (2, 1, 1002, 'Trần Thị Bình', 'MEMBER', false, '${T}', NULL, '2026-12'),
     (3, 2, ${BIG_USER}, 'Lê Văn Cường', 'DEPUTY', true, '${T}', '${T2}', NULL)`,
  `INSERT INTO "Campaign" ("id", "committeeId", "title", "deadline", "deadlineDay", "checklistCode", "checklistVersion", "openedByUserId", "openedAt", "closedAt") VALUES
     (1, 1, 'Đợt cuối năm', '${T2}', '2026-12-01', 'nq04', 1, 1001, '${T}', NULL)`,
  `INSERT INTO "Round" ("id", "cellId", "title", "deadline", "deadlineDay", "checklistCode", "checklistVersion", "openedByMemberId", "openedAt", "closedAt", "lastReminderDays", "conclusions", "meetingDay", "meetingPresent", "meetingTotal", "meetingChair", "assessment", "direction", "campaignId") VALUES
     (1, 1, 'Tự soi cuối năm', '${T2}', '2026-12-01', 'nq04', 1, 1, '${T}', '${T2}', 1, 'Kết luận', '2026-12-02', 2, 2, 'An', 'Đánh giá', 'Phương hướng', 1),
     (2, 2, 'Đợt riêng', '${T2}', '2026-12-01', 'nq04', 1, 3, '${T}', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`,
  `INSERT INTO "Assessment" ("id", "roundId", "memberId", "checklistCode", "checklistVersion", "cursor", "status", "editing", "submittedAt", "createdAt", "updatedAt", "collective") VALUES
     (1, 1, 2, 'nq04', 1, '{"v":1,"screen":"review"}', 'SUBMITTED', false, '${T2}', '${T}', '${T2}', false),
     (2, 1, 1, 'nq04', 1, '{"v":1,"screen":"item","index":3}', 'DRAFT', false, NULL, '${T}', '${T}', true)`,
  `INSERT INTO "Answer" ("assessmentId", "itemCode", "value", "measure", "targetDate", "updatedAt") VALUES
     (1, '1.4', 'SIGNIFICANT', 'Sửa ngay', '2026-12-31', '${T}'), (1, '2.6', 'NONE', NULL, NULL, '${T}')`,
  `INSERT INTO "FiledAnswer" ("assessmentId", "itemCode", "value", "measure", "targetDate") VALUES
     (1, '1.4', 'SIGNIFICANT', 'Sửa ngay', '2026-12-31'), (1, '2.6', 'NONE', NULL, NULL)`,
  `INSERT INTO "CorrectionProgress" ("assessmentId", "itemCode", "period", "status", "note", "answeredAt") VALUES
     (1, '1.4', '2027-01', 'IN_PROGRESS', 'đang làm', '${T2}')`,
  `INSERT INTO "ProcessedUpdate" ("updateId", "processedAt") VALUES (500000001, '${T}'), (500000002, '${T2}')`,
  `INSERT INTO "Outbox" ("id", "key", "kind", "cellId", "memberId", "roundId", "chatId", "method", "payload", "status", "attempts", "notBefore", "expiresAt", "claimedBy", "claimedUntil", "messageId", "lastError", "createdAt", "sentAt") VALUES
     (1, 'reminder:2:1:3', 'REMINDER', 1, 2, 1, 1002, 'sendMessage', '{"text":"Nhắc <b>tự soi</b>","parse_mode":"HTML"}', 'SENT', 1, '${T}', '${T2}', 'w1', NULL, 777, NULL, '${T}', '${T}'),
     (2, 'round-opened:1', 'ROUND_OPENED', 1, NULL, 1, -1001234567890, 'sendMessage', '{"text":"Đợt mới"}', 'PENDING', 0, '${T2}', NULL, NULL, NULL, NULL, NULL, '${T}', NULL),
     (3, 'nudge:3:2', 'NUDGE', 2, 3, 2, ${BIG_USER}, 'sendDocument', '{"caption":"x"}', 'FAILED', 3, '${T}', NULL, 'w2', '${T2}', NULL, '403: blocked', '${T}', NULL)`,
  `INSERT INTO "AuditLog" ("id", "cellId", "actorMemberId", "action", "roundId", "createdAt") VALUES (1, 1, 1, 'DETAIL_VIEW', 1, '${T}')`,
  `INSERT INTO "CommitteeMember" ("id", "committeeId", "userId", "fullName", "role", "joinedAt", "leftAt") VALUES
     (1, 1, 1001, 'Nguyễn Văn An', 'SECRETARY', '${T}', NULL), (2, 2, 1002, 'Trần Thị Bình', 'STAFF', '${T}', '${T2}')`,
  `INSERT INTO "CommitteeLink" ("id", "code", "committeeId", "createdByUserId", "createdAt", "expiresAt") VALUES (1, 'LK123', 1, 1001, '${T}', '${T2}')`,
  `INSERT INTO "CampaignReportText" ("committeeId", "campaignId", "assessment", "direction", "updatedAt") VALUES (1, 1, 'Tốt', NULL, '${T}')`,
  `INSERT INTO "EnteredUnit" ("id", "committeeId", "name", "createdByUserId", "createdAt") VALUES (1, 2, 'Chi bộ Ấp 3', 1001, '${T}')`,
  `INSERT INTO "EnteredFigures" ("unitId", "campaignId", "members", "submitted", "meetingDay", "present", "items", "enteredByUserId", "updatedAt") VALUES
     (1, 1, 12, 10, '2026-12-03', 9, '{"1.4":2}', 1001, '${T}')`,
  `INSERT INTO "ChecklistTemplate" ("id", "ownerKind", "ownerId", "code", "version", "name", "itemCount", "body", "importedByUserId", "createdAt", "savedAt") VALUES
     (1, 'CELL', 1, 'rieng', 1, 'Mẫu riêng', 2, '{"groups":[]}', 1001, '${T}', '${T}')`,
  `INSERT INTO "TemplateChoice" ("ownerKind", "ownerId", "code", "updatedAt") VALUES ('CELL', 1, 'rieng', '${T}')`,
  `INSERT INTO "WebLoginToken" ("id", "tokenHash", "userId", "createdAt", "expiresAt", "usedAt") VALUES (1, 'h1', 1001, '${T}', '${T2}', NULL)`,
  `INSERT INTO "WebSession" ("id", "sessionHash", "userId", "createdAt", "expiresAt", "endedAt") VALUES (1, 's1', 1001, '${T}', '${T2}', '${T2}')`,
  `INSERT INTO "WebAudit" ("id", "userId", "action", "createdAt") VALUES (1, 1001, 'SIGN_IN', '${T}')`,
];

/** Every table of the schema before the migration, with the columns that order its rows. */
const TABLES: Record<string, string> = {
  User: `"id"`,
  Cell: `"id"`,
  Member: `"id"`,
  Round: `"id"`,
  Assessment: `"id"`,
  Answer: `"assessmentId", "itemCode"`,
  FiledAnswer: `"assessmentId", "itemCode"`,
  ProcessedUpdate: `"updateId"`,
  CorrectionProgress: `"assessmentId", "itemCode", "period"`,
  Outbox: `"id"`,
  AuditLog: `"id"`,
  Committee: `"id"`,
  CommitteeMember: `"id"`,
  CommitteeLink: `"id"`,
  Campaign: `"id"`,
  CampaignReportText: `"committeeId", "campaignId"`,
  EnteredUnit: `"id"`,
  EnteredFigures: `"unitId", "campaignId"`,
  ChecklistTemplate: `"id"`,
  TemplateChoice: `"ownerKind", "ownerId"`,
  WebLoginToken: `"id"`,
  WebSession: `"id"`,
  WebAudit: `"id"`,
};
/** Tables the migration rewrites; every other one must come out row for row as it went in. */
const CHANGED = ["Cell", "Committee", "Outbox", "ProcessedUpdate"];

async function dump(raw: Raw): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const [table, order] of Object.entries(TABLES)) out[table] = await raw.rows(`SELECT * FROM "${table}" ORDER BY ${order}`);
  return out;
}

const without = (row: Record<string, unknown>, column: string) => Object.fromEntries(Object.entries(row).filter(([k]) => k !== column));

/** Seeds `raw` (at the schema before), runs `upgrade`, and checks every row. */
async function upgradeKeepsEveryRow(raw: Raw, upgrade: () => Promise<void>): Promise<void> {
  for (const statement of SEED) await raw.run(statement);
  const before = await dump(raw);
  for (const table of Object.keys(TABLES)) expect(before[table]!.length, `seeded ${table}`).toBeGreaterThan(0);

  await upgrade();
  const after = await dump(raw);

  // Users stay as they were, and each has its Telegram identity (the id as text, the same app id).
  expect(after.User).toEqual(before.User);
  expect(await raw.rows(`SELECT "channel", "externalId", CAST("userId" AS TEXT) AS "userId", "createdAt" FROM "ChannelIdentity" ORDER BY "userId"`)).toEqual(
    before.User!.map((u) => ({ channel: "telegram", externalId: String(u.id), userId: String(u.id), createdAt: u.createdAt })),
  );
  expect(await raw.rows(`SELECT "externalId" FROM "ChannelIdentity" WHERE "userId" = ${BIG_USER}`)).toEqual([{ externalId: BIG_USER }]);

  // Groups: the chat id becomes the Telegram destination; every other column unchanged.
  for (const table of ["Cell", "Committee"]) {
    expect(after[table]).toEqual(before[table]!.map((r) => ({ ...without(r, "groupChatId"), groupChannel: "telegram", groupAddress: String(r.groupChatId) })));
  }
  expect(after.Cell!.map((c) => c.groupAddress)).toEqual(["-1001234567890", "-4321"]);
  expect(after.Committee!.map((c) => c.groupAddress)).toEqual(["-1001500000000001", "-1001500000000002"]);

  // Outbox: the chat id becomes the Telegram recipient; key, status, payload and the rest untouched.
  expect(after.Outbox).toEqual(before.Outbox!.map((r) => ({ ...without(r, "chatId"), channel: "telegram", recipient: String(r.chatId) })));
  expect(after.Outbox!.map((r) => [r.key, r.status, r.recipient, r.payload])).toEqual([
    ["reminder:2:1:3", "SENT", "1002", `{"text":"Nhắc <b>tự soi</b>","parse_mode":"HTML"}`],
    ["round-opened:1", "PENDING", "-1001234567890", `{"text":"Đợt mới"}`],
    ["nudge:3:2", "FAILED", BIG_USER, `{"caption":"x"}`],
  ]);

  // Processed updates: Telegram's, the update id as text.
  expect(after.ProcessedUpdate).toEqual(before.ProcessedUpdate!.map((r) => ({ ...r, channel: "telegram", updateId: String(r.updateId) })));

  // Every other table, row for row.
  for (const table of Object.keys(TABLES).filter((t) => !CHANGED.includes(t))) expect(after[table], table).toEqual(before[table]);
}

/** Values as text where the engines differ (bigints), Dates as ISO: rows of both engines compare alike. */
describe("SQLite: 20261213070000_channels", () => {
  it("upgrades a database at today's schema with data in every table, keeping every row", async () => {
    const folders = sqliteMigrationFolders();
    const older = folders.filter((f) => f <= LAST_SQLITE_BEFORE);
    const newer = folders.filter((f) => f > LAST_SQLITE_BEFORE);
    expect(newer[0], "the channels migration follows the web one").toBe("20261213070000_channels");
    const db = new Database(":memory:");
    db.defaultSafeIntegers(true);
    try {
      for (const f of older) db.exec(sqliteMigration(f));
      const raw = sqliteRaw(db);
      await upgradeKeepsEveryRow(raw, async () => {
        db.exec(sqliteMigration("20261213070000_channels"));
      });
      expect(db.prepare("PRAGMA foreign_key_check").all()).toEqual([]);
    } finally {
      db.close();
    }
  });
});

onPostgres("PostgreSQL: 0010_channels", () => {
  let database: PostgresDatabase | undefined;
  afterAll(async () => {
    await database?.drop();
  });

  it("upgrades a database at today's schema with data in every table, keeping every row", async () => {
    database = await createPostgresDatabase({ empty: true });
    const all = loadMigrations();
    const older = all.filter((m) => m.name <= LAST_PG_BEFORE);
    expect(all.filter((m) => m.name > LAST_PG_BEFORE).map((m) => m.name)[0], "the channels migration follows the web one").toBe("0010_channels");
    await applyPostgresMigrations(database.url, older);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const raw = postgresRaw(client);
      const url = database.url;
      // Up to the channels migration, as the SQLite part (later migrations change other rows on purpose).
      const upTo = all.filter((m) => m.name <= "0010_channels");
      await upgradeKeepsEveryRow(raw, async () => {
        expect((await applyPostgresMigrations(url, upTo)).applied).toEqual(upTo.filter((m) => m.name > LAST_PG_BEFORE).map((m) => m.name));
      });
    } finally {
      await client.end();
    }
  });
});
