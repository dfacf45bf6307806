import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { PrismaClient } from "../src/infra/db/generated/client.js";
import { applyMigrations } from "../src/infra/db/migrate.js";
import { PrismaStore } from "../src/infra/db/store.js";

const dir = mkdtempSync(path.join(tmpdir(), "scratch-"));
const file = path.join(dir, "bot.db");
const url = `file:${file}`;
await applyMigrations(url);
const log: string[] = [];
let driverMs = 0;
const factory = new PrismaBetterSQLite3({ url, timeout: 5000 });
const wrapQ = (q: any, tag: string) => {
  for (const m of ["queryRaw", "executeRaw"]) {
    const orig = q[m].bind(q);
    q[m] = async (query: any) => { const t0 = performance.now(); try { return await orig(query); } finally { driverMs += performance.now() - t0; log.push(`${tag}${m}: ${query.sql}`); } };
  }
  return q;
};
const origConnect = factory.connect.bind(factory);
(factory as any).connect = async () => {
  const a: any = wrapQ(await origConnect(), "");
  const st = a.startTransaction.bind(a);
  a.startTransaction = async (...args: any[]) => { log.push("BEGIN"); return wrapQ(await st(...args), "  tx "); };
  return a;
};
const db = new PrismaClient({ adapter: factory });
await db.$executeRawUnsafe("PRAGMA journal_mode = WAL");
await db.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
const store = new PrismaStore(db);
const { cell, secretary } = await store.createCell({ name: "X", groupChatId: -5n, groupTitle: "g", joinCode: "abc", timezone: "Asia/Ho_Chi_Minh", secretary: { userId: 5n, firstName: "A", username: null, fullName: "A B" } });
const round = await db.round.create({ data: { cellId: cell.id, title: "t", deadline: new Date(Date.now() + 86400e3 * 30), deadlineDay: "2099-01-01", checklistCode: "nq04-xii", checklistVersion: 1, openedByMemberId: secretary.id } });
const a = await store.createAssessment({ roundId: round.id, memberId: secretary.id, checklistCode: "nq04-xii", checklistVersion: 1, cursor: "{}" });
const codes = Array.from({ length: 3000 }, (_, i) => `c${i}`);
async function one(i: number) {
  await store.markUpdateProcessed(i);
  await store.touchUser({ id: 5n, firstName: "A", username: null });
  await store.findActiveMembership(5n);
  await store.findAssessmentById(a.id);
  await store.findRound(round.id);
  await store.saveAssessment({ assessmentId: a.id, cursor: `{"i":${i}}`, status: "DRAFT", editing: false, answers: { [codes[i % 27]!]: { value: "NONE", measure: null, targetDate: null } } });
}
for (let i = 1; i <= 300; i++) await one(i);
log.length = 0; driverMs = 0;
await one(100000);
console.log(log.join("\n"));
log.length = 0; driverMs = 0;
let t0 = performance.now();
const N = 2000;
for (let i = 0; i < N; i++) await one(200000 + i);
const prismaMs = (performance.now() - t0) / N;
console.log(`prisma store sequence: ${prismaMs.toFixed(3)} ms/update, driver (adapter+sqlite) ${(driverMs / N).toFixed(3)} ms, statements/update ${(log.length / N).toFixed(1)}`);
await db.$disconnect();

// raw better-sqlite3 floor with cached prepared statements
const raw = new Database(file);
raw.pragma("journal_mode = WAL"); raw.pragma("synchronous = NORMAL"); raw.pragma("foreign_keys = ON");
const sMark = raw.prepare(`INSERT OR IGNORE INTO "ProcessedUpdate" ("updateId", "processedAt") VALUES (?, ?)`);
const sUser = raw.prepare(`SELECT * FROM "User" WHERE id = ?`);
const sMember = raw.prepare(`SELECT m.*, c.* FROM "Member" m JOIN "Cell" c ON c.id = m.cellId WHERE m.userId = ? AND m.leftAt IS NULL LIMIT 1`);
const sAss = raw.prepare(`SELECT * FROM "Assessment" WHERE id = ?`);
const sAns = raw.prepare(`SELECT itemCode, value, measure, targetDate FROM "Answer" WHERE assessmentId = ?`);
const sRound = raw.prepare(`SELECT * FROM "Round" WHERE id = ?`);
const sUpsert = raw.prepare(`INSERT INTO "Answer" (assessmentId, itemCode, value, measure, targetDate, updatedAt) VALUES (?, ?, ?, NULL, NULL, ?) ON CONFLICT (assessmentId, itemCode) DO UPDATE SET value = excluded.value, measure = excluded.measure, targetDate = excluded.targetDate, updatedAt = excluded.updatedAt`);
const sUpd = raw.prepare(`UPDATE "Assessment" SET cursor = ?, status = ?, editing = ?, updatedAt = ? WHERE id = ?`);
const save = raw.transaction((i: number) => { sUpsert.run(a.id, codes[i % 27], "NONE", Date.now()); sUpd.run(`{"i":${i}}`, "DRAFT", 0, Date.now(), a.id); });
t0 = performance.now();
for (let i = 0; i < N; i++) {
  sMark.run(300000 + i, Date.now()); sUser.get(5); sMember.get(5); sAss.get(a.id); sAns.all(a.id); sRound.get(round.id); save(i);
  await Promise.resolve();
}
console.log(`raw better-sqlite3 equivalent: ${((performance.now() - t0) / N).toFixed(3)} ms/update`);
raw.close();
rmSync(dir, { recursive: true, force: true });
