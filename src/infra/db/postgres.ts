/**
 * The PostgreSQL engine: one `pg` pool shared by Prisma's client (generated from the twin
 * schema prisma/postgres/schema.prisma, through @prisma/adapter-pg, the JS engine) and the
 * prepared statements of the hot paths (the answer path, processed updates, the outbox claim).
 *
 * The Prisma adapters (src/infra/db/*.ts) are typed on the SQLite client; the PostgreSQL
 * client has the same model API (test/integration/pg-schema.test.ts keeps the twin equal), so
 * it is handed to them as `Db`. Only raw SQL differs, and the contract suite
 * (test/integration/contracts-postgres.test.ts) holds both engines to the same behaviour.
 *
 * Times: the twin's DateTime columns are `timestamp(3)` (without time zone) holding UTC. The
 * statements here send ISO strings ("…Z"; PostgreSQL ignores the zone for that type) and read
 * them back as UTC, whatever the server's or the process's time zone.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { AssessmentStatus } from "../../domain/assessment.js";
import type {
  AnswerPath,
  AssessmentRecord,
  AssessmentWrite,
  ChannelIdentity,
  MemberWithCell,
  OutboxMessage,
  ProcessedUpdates,
  Profile,
  RoundRecord,
  UserRecord,
} from "../../app/ports.js";
import type { Db } from "./client.js";
import { describePostgres } from "./engine.js";
import { PrismaClient as PgPrismaClient } from "./generated-pg/client.js";
import { PrismaOutbox, readOutMessage } from "./outbox.js";
import type { EngineStores } from "./sqlite-engine.js";
import { toAnswers, toDestination, toRole, type AnswerRow } from "./rows.js";

type Row = Record<string, unknown>;

const TIMESTAMP = 1114;
const INT8 = 20;

/** Type parsers of our own statements: timestamps as UTC instants, int8 as bigint. */
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === TIMESTAMP) return (text: string) => new Date(`${text.replace(" ", "T")}Z`);
    if (oid === INT8) return (text: string) => BigInt(text);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

const iso = (date: Date) => date.toISOString();
const time = (value: unknown) => (value === null || value === undefined ? null : (value as Date));

export interface PostgresEngine extends EngineStores {
  pool: pg.Pool;
}

/**
 * Opens the pool and checks the server answers; an unreachable server or a refused login is
 * one error naming the host and the database (never the password).
 */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<PostgresEngine> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: "tusoi-bot",
    connectionTimeoutMillis: 10_000,
    // No JIT compilation on our connections: our statements are short, and the planner's cost
    // of the roll-up's per-cell subqueries (≈ 2 million for a province) passes the JIT
    // thresholds: PostgreSQL spent 0.65–0.83 s compiling a query that runs in 0.2 s (the
    // /tonghop of bench/postgres.ts). Set on each new connection before the pool hands it out
    // (not a startup `options` parameter, which a pooler such as PgBouncer may refuse); should
    // the SET fail, the connection is used as it is.
    // random_page_cost 1.1 (the value for SSDs; PostgreSQL's default 4 assumes spinning disks):
    // with 4 the planner read all of FiledAnswer (5 million rows in the province bench) for the
    // roll-up's totals rather than seeking each form's marked answers in the covering index.
    onConnect: (client) =>
      client.query("SET jit = off; SET random_page_cost = 1.1").then(
        () => {},
        () => {},
      ),
  });
  // An idle connection the server drops must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  try {
    await pool.query("SELECT 1");
  } catch (error) {
    await pool.end().catch(() => {});
    throw new Error(
      `Cannot reach the PostgreSQL server at ${describePostgres(url)} (${error instanceof Error ? error.message : String(error)}). Check DATABASE_URL and that the server is running.`,
    );
  }
  const db = new PgPrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: false }) }) as unknown as Db;
  return {
    db,
    pool,
    answerPath: new PgAnswerPath(pool),
    updates: new PgProcessedUpdates(pool),
    outbox: new PgOutbox(db, pool),
    async close() {
      await db.$disconnect();
      await pool.end();
    },
  };
}

/** A named (server-side prepared) statement. */
const q = (name: string, text: string, values: unknown[]): pg.QueryConfig => ({ name, text, values, types });

/** Every statement the answer path runs on PostgreSQL; exported so a test checks each column exists. */
export const PG_ANSWER_PATH_SQL = {
  user: `
    SELECT u."id", u."firstName", u."username", u."locale", u."awaiting", u."unreachableAt"
    FROM "ChannelIdentity" i JOIN "User" u ON u."id" = i."userId" WHERE i."channel" = $1 AND i."externalId" = $2`,
  refreshUser: `
    UPDATE "User" SET "firstName" = $1, "username" = $2, "unreachableAt" = NULL, "updatedAt" = $3 WHERE "id" = $4
    RETURNING "id", "firstName", "username", "locale", "awaiting", "unreachableAt"`,
  membership: `
    SELECT m."id", m."cellId", m."userId", m."fullName", m."role", m."nameConfirmed", m."leftAt",
           c."name" AS "cellName", c."groupChannel", c."groupAddress", c."groupTitle", c."joinCode", c."timezone"
    FROM "Member" m JOIN "Cell" c ON c."id" = m."cellId"
    WHERE m."userId" = $1 AND m."leftAt" IS NULL ORDER BY m."id" LIMIT 1`,
  assessment: `
    SELECT "id", "roundId", "memberId", "checklistCode", "checklistVersion", "cursor", "status", "editing", "submittedAt", "collective"
    FROM "Assessment" WHERE "id" = $1`,
  answers: `SELECT "itemCode", "value", "measure", "targetDate" FROM "Answer" WHERE "assessmentId" = $1`,
  round: `
    SELECT "id", "cellId", "title", "deadline", "deadlineDay", "checklistCode", "checklistVersion", "openedAt", "closedAt"
    FROM "Round" WHERE "id" = $1`,
  upsertAnswer: `
    INSERT INTO "Answer" ("assessmentId", "itemCode", "value", "measure", "targetDate", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT ("assessmentId", "itemCode") DO UPDATE SET
      "value" = excluded."value", "measure" = excluded."measure", "targetDate" = excluded."targetDate", "updatedAt" = excluded."updatedAt"`,
  updateAssessment: `UPDATE "Assessment" SET "cursor" = $1, "status" = $2, "editing" = $3, "updatedAt" = $4 WHERE "id" = $5`,
  fileAssessment: `UPDATE "Assessment" SET "cursor" = $1, "status" = $2, "editing" = $3, "updatedAt" = $4, "submittedAt" = $5 WHERE "id" = $6`,
  /** The same two, only while the form is as it was read (write.expected). */
  updateAssessmentIf: `UPDATE "Assessment" SET "cursor" = $1, "status" = $2, "editing" = $3, "updatedAt" = $4 WHERE "id" = $5 AND "cursor" = $6 AND "status" = $7 AND "editing" = $8`,
  fileAssessmentIf: `UPDATE "Assessment" SET "cursor" = $1, "status" = $2, "editing" = $3, "updatedAt" = $4, "submittedAt" = $5 WHERE "id" = $6 AND "cursor" = $7 AND "status" = $8 AND "editing" = $9`,
  /** The awaited input, only while it is what the caller knows (null matches null). */
  replaceAwaiting: `UPDATE "User" SET "awaiting" = $1, "updatedAt" = $2 WHERE "id" = $3 AND "awaiting" IS NOT DISTINCT FROM $4::text`,
  clearFiled: `DELETE FROM "FiledAnswer" WHERE "assessmentId" = $1`,
  /** hasMeasure: the measure is neither null nor empty (the roll-up reads it from an index; prisma/schema.prisma). */
  copyFiled: `
    INSERT INTO "FiledAnswer" ("assessmentId", "itemCode", "value", "measure", "targetDate", "hasMeasure")
    SELECT "assessmentId", "itemCode", "value", "measure", "targetDate", "measure" IS NOT NULL AND "measure" <> '' FROM "Answer" WHERE "assessmentId" = $1`,
  /** The filed form's marked items on the form's row (Assessment.markedItems; prisma/schema.prisma). */
  markFiled: `
    UPDATE "Assessment" SET "markedItems" = COALESCE((
      SELECT string_agg("value" || ' ' || "itemCode", ',' ORDER BY "itemCode") FROM "FiledAnswer"
      WHERE "assessmentId" = $1 AND "value" IN ('MINOR', 'SIGNIFICANT')
    ), '') WHERE "id" = $1`,
} as const;

type Statement = keyof typeof PG_ANSWER_PATH_SQL;
const stmt = (name: Statement, values: unknown[]) => q(`ap_${name}`, PG_ANSWER_PATH_SQL[name], values);

function toUser(row: Row): UserRecord {
  return {
    id: row.id as bigint,
    firstName: row.firstName as string,
    locale: row.locale as string | null,
    awaiting: row.awaiting as string | null,
    unreachableAt: time(row.unreachableAt),
  };
}

export class PgAnswerPath implements AnswerPath {
  constructor(private readonly pool: pg.Pool) {}

  async touchUser(identity: ChannelIdentity, profile: Profile, at: Date): Promise<UserRecord | null> {
    const row = (await this.pool.query(stmt("user", [identity.channel, identity.externalId]))).rows[0] as Row | undefined;
    if (!row) return null;
    // The common case, every update: nothing changed, nothing written.
    if (row.firstName === profile.firstName && row.username === profile.username && row.unreachableAt === null) return toUser(row);
    return toUser((await this.pool.query(stmt("refreshUser", [profile.firstName, profile.username, iso(at), row.id]))).rows[0] as Row);
  }

  async findActiveMembership(userId: bigint): Promise<MemberWithCell | null> {
    const row = (await this.pool.query(stmt("membership", [userId]))).rows[0] as Row | undefined;
    if (!row) return null;
    return {
      id: Number(row.id),
      cellId: Number(row.cellId),
      userId: row.userId as bigint,
      fullName: row.fullName as string,
      role: toRole(String(row.role)),
      nameConfirmed: row.nameConfirmed === true,
      leftAt: time(row.leftAt),
      cell: {
        id: Number(row.cellId),
        name: row.cellName as string,
        group: toDestination(row.groupChannel, row.groupAddress),
        groupTitle: row.groupTitle as string,
        joinCode: row.joinCode as string,
        timezone: row.timezone as string,
      },
    };
  }

  async findAssessmentById(id: number): Promise<AssessmentRecord | null> {
    const [form, rows] = await Promise.all([this.pool.query(stmt("assessment", [id])), this.pool.query(stmt("answers", [id]))]);
    const row = form.rows[0] as Row | undefined;
    if (!row) return null;
    const answers = toAnswers(rows.rows as AnswerRow[]);
    return {
      id: Number(row.id),
      roundId: Number(row.roundId),
      memberId: Number(row.memberId),
      checklistCode: row.checklistCode as string,
      checklistVersion: Number(row.checklistVersion),
      cursor: row.cursor as string,
      status: row.status as AssessmentStatus,
      editing: row.editing === true,
      submittedAt: time(row.submittedAt),
      answers,
      collective: row.collective === true,
    };
  }

  async findRound(id: number): Promise<RoundRecord | null> {
    const row = (await this.pool.query(stmt("round", [id]))).rows[0] as Row | undefined;
    if (!row) return null;
    return {
      id: Number(row.id),
      cellId: Number(row.cellId),
      title: row.title as string,
      deadline: row.deadline as Date,
      deadlineDay: row.deadlineDay as string,
      checklistCode: row.checklistCode as string,
      checklistVersion: Number(row.checklistVersion),
      openedAt: row.openedAt as Date,
      closedAt: time(row.closedAt),
    };
  }

  async replaceAwaiting(userId: bigint, expected: string | null, next: string | null, at: Date): Promise<boolean> {
    return (await this.pool.query(stmt("replaceAwaiting", [next, iso(at), userId, expected]))).rowCount === 1;
  }

  /**
   * One transaction on one connection: the cursor first (its row lock orders two presses of
   * the same form, even from two instances; with `expected`, the second re-reads the row after
   * the first commits, finds it moved and writes nothing), then the changed answers, and
   * filing when submitted.
   */
  async saveAssessment(write: AssessmentWrite, at: Date): Promise<boolean> {
    const now = iso(at);
    const e = write.expected;
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const head = [write.cursor, write.status, write.editing, now];
      const filed = write.file ? [iso(write.file.at)] : [];
      const condition = e ? [e.cursor, e.status, e.editing] : [];
      const name: Statement = `${write.file ? "file" : "update"}Assessment${e ? "If" : ""}` as Statement;
      const moved = await client.query(stmt(name, [...head, ...filed, write.assessmentId, ...condition]));
      if (e && moved.rowCount === 0) {
        await client.query("ROLLBACK");
        return false;
      }
      for (const [code, a] of Object.entries(write.answers)) {
        await client.query(stmt("upsertAnswer", [write.assessmentId, code, a.value, a.measure, a.targetDate, now]));
      }
      if (write.file) {
        // Filing copies the working answers over the previously filed ones, atomically.
        await client.query(stmt("clearFiled", [write.assessmentId]));
        await client.query(stmt("copyFiled", [write.assessmentId]));
        await client.query(stmt("markFiled", [write.assessmentId]));
      }
      await client.query("COMMIT");
      return true;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}

export const PG_PROCESSED_UPDATES_SQL = {
  mark: `INSERT INTO "ProcessedUpdate" ("channel", "updateId", "processedAt") VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
  prune: `DELETE FROM "ProcessedUpdate" WHERE "processedAt" < $1`,
} as const;

/** The unique key in the database holds across instances: only one of them inserts a (channel, update id). */
export class PgProcessedUpdates implements ProcessedUpdates {
  constructor(private readonly pool: pg.Pool) {}

  async markUpdateProcessed(channel: string, updateId: string, at: Date): Promise<boolean> {
    return (await this.pool.query(q("pu_mark", PG_PROCESSED_UPDATES_SQL.mark, [channel, updateId, iso(at)]))).rowCount === 1;
  }

  async pruneProcessedUpdates(before: Date): Promise<number> {
    return (await this.pool.query(q("pu_prune", PG_PROCESSED_UPDATES_SQL.prune, [iso(before)]))).rowCount ?? 0;
  }
}

export const PG_OUTBOX_CLAIM_SQL = `
  UPDATE "Outbox" SET "status" = 'SENDING', "claimedBy" = $1, "claimedUntil" = $2
  WHERE "id" IN (
    SELECT "id" FROM "Outbox"
    WHERE "id" IN (SELECT MIN("id") FROM "Outbox" WHERE "status" IN ('PENDING', 'SENDING') AND "channel" = $5 GROUP BY "recipient")
      AND (("status" = 'PENDING' AND "notBefore" <= $3) OR ("status" = 'SENDING' AND "claimedUntil" < $3))
    ORDER BY "id" LIMIT $4
    FOR UPDATE SKIP LOCKED)
  RETURNING "id", "key", "kind", "memberId", "channel", "recipient", "method", "payload", "attempts", "expiresAt"`;

/**
 * The outbox on PostgreSQL: Prisma for everything but the claim, which is one statement with
 * FOR UPDATE SKIP LOCKED: senders in several instances each take different rows, and none
 * waits for another's. Like PrismaOutbox.claim, only the channel's rows, and of them each
 * recipient's first open row (order kept per recipient).
 */
export class PgOutbox extends PrismaOutbox {
  constructor(
    db: Db,
    private readonly pool: pg.Pool,
  ) {
    super(db);
  }

  override async claim(worker: string, now: Date, leaseUntil: Date, limit: number, channel: string): Promise<OutboxMessage[]> {
    const { rows } = await this.pool.query(q("ob_claim", PG_OUTBOX_CLAIM_SQL, [worker, iso(leaseUntil), iso(now), limit, channel]));
    return (rows as Row[])
      .map((r) => ({
        id: Number(r.id),
        key: r.key as string,
        kind: r.kind as string,
        memberId: r.memberId === null ? null : Number(r.memberId),
        channel: r.channel as string,
        recipient: r.recipient as string,
        message: readOutMessage(r.method as string, r.payload as string),
        attempts: Number(r.attempts),
        expiresAt: time(r.expiresAt),
      }))
      .sort((a, b) => a.id - b.id);
  }
}
