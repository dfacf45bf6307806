/** The AnswerPath port on SQLite prepared statements (see sqlite.ts for why). */
import type Database from "better-sqlite3";
import type { AssessmentStatus } from "../../domain/assessment.js";
import type { AnswerPath, AssessmentRecord, AssessmentWrite, ChannelIdentity, MemberWithCell, Profile, RoundRecord, UserRecord } from "../../app/ports.js";
import { toAnswers, toDestination, toRole, type AnswerRow } from "./rows.js";
import { writeWithRetry, type Row } from "./sqlite.js";
import { decodeTime, encodeTime } from "./time.js";

/** Every statement the answer path runs; exported so a test checks each column exists. */
export const ANSWER_PATH_SQL = {
  user: `
    SELECT u."id", u."firstName", u."username", u."locale", u."awaiting", u."unreachableAt"
    FROM "ChannelIdentity" i JOIN "User" u ON u."id" = i."userId" WHERE i."channel" = ? AND i."externalId" = ?`,
  refreshUser: `
    UPDATE "User" SET "firstName" = ?, "username" = ?, "unreachableAt" = NULL, "updatedAt" = ? WHERE "id" = ?
    RETURNING "id", "firstName", "username", "locale", "awaiting", "unreachableAt"`,
  membership: `
    SELECT m."id", m."cellId", m."userId", m."fullName", m."role", m."nameConfirmed", m."leftAt",
           c."name" AS cellName, c."groupChannel", c."groupAddress", c."groupTitle", c."joinCode", c."timezone"
    FROM "Member" m JOIN "Cell" c ON c."id" = m."cellId"
    WHERE m."userId" = ? AND m."leftAt" IS NULL ORDER BY m."id" LIMIT 1`,
  assessment: `
    SELECT "id", "roundId", "memberId", "checklistCode", "checklistVersion", "cursor", "status", "editing", "submittedAt", "collective"
    FROM "Assessment" WHERE "id" = ?`,
  answers: `SELECT "itemCode", "value", "measure", "targetDate" FROM "Answer" WHERE "assessmentId" = ?`,
  round: `
    SELECT "id", "cellId", "title", "deadline", "deadlineDay", "checklistCode", "checklistVersion", "openedAt", "closedAt"
    FROM "Round" WHERE "id" = ?`,
  upsertAnswer: `
    INSERT INTO "Answer" ("assessmentId", "itemCode", "value", "measure", "targetDate", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT ("assessmentId", "itemCode") DO UPDATE SET
      "value" = excluded."value", "measure" = excluded."measure", "targetDate" = excluded."targetDate", "updatedAt" = excluded."updatedAt"`,
  updateAssessment: `UPDATE "Assessment" SET "cursor" = ?, "status" = ?, "editing" = ?, "updatedAt" = ? WHERE "id" = ?`,
  fileAssessment: `UPDATE "Assessment" SET "cursor" = ?, "status" = ?, "editing" = ?, "updatedAt" = ?, "submittedAt" = ? WHERE "id" = ?`,
  /** The same two, only while the form is as it was read (write.expected). */
  updateAssessmentIf: `UPDATE "Assessment" SET "cursor" = ?, "status" = ?, "editing" = ?, "updatedAt" = ? WHERE "id" = ? AND "cursor" = ? AND "status" = ? AND "editing" = ?`,
  fileAssessmentIf: `UPDATE "Assessment" SET "cursor" = ?, "status" = ?, "editing" = ?, "updatedAt" = ?, "submittedAt" = ? WHERE "id" = ? AND "cursor" = ? AND "status" = ? AND "editing" = ?`,
  /** The awaited input, only while it is what the caller knows (`IS`: null matches null). */
  replaceAwaiting: `UPDATE "User" SET "awaiting" = ?, "updatedAt" = ? WHERE "id" = ? AND "awaiting" IS ?`,
  clearFiled: `DELETE FROM "FiledAnswer" WHERE "assessmentId" = ?`,
  /** hasMeasure: the measure is neither null nor empty (the roll-up reads it from an index; prisma/schema.prisma). */
  copyFiled: `
    INSERT INTO "FiledAnswer" ("assessmentId", "itemCode", "value", "measure", "targetDate", "hasMeasure")
    SELECT "assessmentId", "itemCode", "value", "measure", "targetDate", "measure" IS NOT NULL AND "measure" <> '' FROM "Answer" WHERE "assessmentId" = ?`,
  /** The filed form's marked items on the form's row, "<value> <itemCode>" joined by "," (Assessment.markedItems; prisma/schema.prisma). */
  markFiled: `
    UPDATE "Assessment" SET "markedItems" = COALESCE((
      SELECT group_concat(m.marked, ',') FROM (
        SELECT "value" || ' ' || "itemCode" AS marked FROM "FiledAnswer"
        WHERE "assessmentId" = ? AND "value" IN ('MINOR', 'SIGNIFICANT') ORDER BY "itemCode"
      ) m
    ), '') WHERE "id" = ?`,
} as const;

function toUser(row: Row): UserRecord & { username: string | null } {
  return {
    id: row.id as bigint,
    firstName: row.firstName as string,
    locale: row.locale as string | null,
    awaiting: row.awaiting as string | null,
    unreachableAt: decodeTime(row.unreachableAt),
    username: row.username as string | null,
  };
}

export class SqliteAnswerPath implements AnswerPath {
  private readonly statements: { [K in keyof typeof ANSWER_PATH_SQL]: Database.Statement };

  constructor(private readonly db: Database.Database) {
    this.statements = Object.fromEntries(Object.entries(ANSWER_PATH_SQL).map(([name, sql]) => [name, db.prepare(sql)])) as never;
  }

  async touchUser(identity: ChannelIdentity, profile: Profile, at: Date): Promise<UserRecord | null> {
    const row = this.statements.user.get(identity.channel, identity.externalId) as Row | undefined;
    if (!row) return null;
    const existing = toUser(row);
    // The common case, every update: nothing changed, nothing written.
    if (existing.firstName === profile.firstName && existing.username === profile.username && !existing.unreachableAt) return existing;
    const now = encodeTime(at);
    return writeWithRetry(() => toUser(this.statements.refreshUser.get(profile.firstName, profile.username, now, existing.id) as Row));
  }

  async findActiveMembership(userId: bigint): Promise<MemberWithCell | null> {
    const row = this.statements.membership.get(userId) as Row | undefined;
    if (!row) return null;
    return {
      id: Number(row.id),
      cellId: Number(row.cellId),
      userId: row.userId as bigint,
      fullName: row.fullName as string,
      role: toRole(String(row.role)),
      nameConfirmed: Number(row.nameConfirmed) === 1,
      leftAt: decodeTime(row.leftAt),
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
    const row = this.statements.assessment.get(id) as Row | undefined;
    if (!row) return null;
    const answers = toAnswers(this.statements.answers.all(id) as AnswerRow[]);
    return {
      id: Number(row.id),
      roundId: Number(row.roundId),
      memberId: Number(row.memberId),
      checklistCode: row.checklistCode as string,
      checklistVersion: Number(row.checklistVersion),
      cursor: row.cursor as string,
      status: row.status as AssessmentStatus,
      editing: Number(row.editing) === 1,
      submittedAt: decodeTime(row.submittedAt),
      answers,
      collective: Number(row.collective) === 1,
    };
  }

  async findRound(id: number): Promise<RoundRecord | null> {
    const row = this.statements.round.get(id) as Row | undefined;
    if (!row) return null;
    return {
      id: Number(row.id),
      cellId: Number(row.cellId),
      title: row.title as string,
      deadline: decodeTime(row.deadline)!,
      deadlineDay: row.deadlineDay as string,
      checklistCode: row.checklistCode as string,
      checklistVersion: Number(row.checklistVersion),
      openedAt: decodeTime(row.openedAt)!,
      closedAt: decodeTime(row.closedAt),
    };
  }

  replaceAwaiting(userId: bigint, expected: string | null, next: string | null, at: Date): Promise<boolean> {
    const now = encodeTime(at);
    return writeWithRetry(() => this.statements.replaceAwaiting.run(next, now, userId, expected).changes === 1);
  }

  /**
   * One transaction on one connection: the cursor (conditional on `expected` when given), the
   * changed answers, and filing when submitted. A condition that no longer holds writes nothing.
   */
  saveAssessment(write: AssessmentWrite, at: Date): Promise<boolean> {
    const now = encodeTime(at);
    const s = this.statements;
    const tx = this.db.transaction((): boolean => {
      const editing = write.editing ? 1 : 0;
      const filedAt = write.file && encodeTime(write.file.at);
      const e = write.expected;
      const moved = e
        ? (filedAt
            ? s.fileAssessmentIf.run(write.cursor, write.status, editing, now, filedAt, write.assessmentId, e.cursor, e.status, e.editing ? 1 : 0)
            : s.updateAssessmentIf.run(write.cursor, write.status, editing, now, write.assessmentId, e.cursor, e.status, e.editing ? 1 : 0)
          ).changes
        : (filedAt
            ? s.fileAssessment.run(write.cursor, write.status, editing, now, filedAt, write.assessmentId)
            : s.updateAssessment.run(write.cursor, write.status, editing, now, write.assessmentId)
          ).changes;
      if (e && moved === 0) return false;
      for (const [code, a] of Object.entries(write.answers)) s.upsertAnswer.run(write.assessmentId, code, a.value, a.measure, a.targetDate, now);
      if (filedAt) {
        // Filing copies the working answers over the previously filed ones, atomically.
        s.clearFiled.run(write.assessmentId);
        s.copyFiled.run(write.assessmentId);
        s.markFiled.run(write.assessmentId, write.assessmentId);
      }
      return true;
    });
    return writeWithRetry(() => tx.immediate());
  }
}
