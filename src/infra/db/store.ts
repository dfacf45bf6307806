/**
 * The Store port implemented with Prisma. Every method is one query or one transaction;
 * nothing here knows about Telegram.
 */
import type { AnswerValue, AssessmentStatus, ItemAnswer } from "../../domain/assessment.js";
import { isRole, type Role } from "../../domain/roles.js";
import type {
  AssessmentRecord, AssessmentWrite, AuditEntry, RollupRows, CellRecord, CellSchedule, CellSettings, CorrectionItem, DetailRow, MemberRecord, MemberWithCell, NewCell,
  NewOutboxMessage, NewRound, OpenRoundResult, OpenRoundWithCell, OutboxMessage, ProgressRecord, RoundRecord,
  RoundReportRows, Store, UserRecord,
} from "../../app/ports.js";
import type { Db } from "./client.js";
import type { FastPath } from "./fast-path.js";
import { Prisma, type Cell, type Member } from "./generated/client.js";

const toRole = (value: string): Role => (isRole(value) ? value : "MEMBER");

function toMember(row: Member): MemberRecord {
  return {
    id: row.id, cellId: row.cellId, userId: row.userId, fullName: row.fullName, role: toRole(row.role),
    nameConfirmed: row.nameConfirmed, leftAt: row.leftAt,
  };
}

function toCell(row: Cell): CellRecord {
  return { id: row.id, name: row.name, groupChatId: row.groupChatId, groupTitle: row.groupTitle, joinCode: row.joinCode, timezone: row.timezone };
}

type AnswerRow = { itemCode: string; value: string; measure: string | null; targetDate: string | null };

function toAnswers(rows: AnswerRow[]): Record<string, ItemAnswer> {
  const answers: Record<string, ItemAnswer> = {};
  for (const row of rows) answers[row.itemCode] = { value: row.value as AnswerValue, measure: row.measure, targetDate: row.targetDate };
  return answers;
}

const assessmentInclude = { answers: { select: { itemCode: true, value: true, measure: true, targetDate: true } } } as const;

type AssessmentRow = {
  id: number; roundId: number; memberId: number; checklistCode: string; checklistVersion: number; cursor: string;
  status: string; editing: boolean; submittedAt: Date | null; answers: AnswerRow[];
};

function toAssessment(row: AssessmentRow): AssessmentRecord {
  return {
    id: row.id, roundId: row.roundId, memberId: row.memberId, checklistCode: row.checklistCode,
    checklistVersion: row.checklistVersion, cursor: row.cursor, status: row.status as AssessmentStatus,
    editing: row.editing, submittedAt: row.submittedAt, answers: toAnswers(row.answers),
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/**
 * Members a round counts: current members, and members who left after the round opened but
 * had submitted in it (their form stays part of the round's result).
 */
function countedIn(roundId: number, openedAt: Date) {
  return {
    OR: [
      { leftAt: null },
      { leftAt: { gte: openedAt }, assessments: { some: { roundId, submittedAt: { not: null } } } },
    ],
  };
}

export class PrismaStore implements Store {
  /** `fast` serves the reads and writes of every button press (see fast-path.ts). */
  constructor(
    private readonly db: Db,
    private readonly fast: FastPath | null = null,
  ) {}

  async markUpdateProcessed(updateId: number): Promise<boolean> {
    if (this.fast) return this.fast.markUpdateProcessed(updateId, new Date());
    // INSERT OR IGNORE: one statement, no exception path on the hot path.
    const inserted = await this.db.$executeRaw`INSERT OR IGNORE INTO "ProcessedUpdate" ("updateId", "processedAt") VALUES (${updateId}, ${Date.now()})`;
    return inserted === 1;
  }

  async pruneProcessedUpdates(before: Date): Promise<number> {
    // processedAt is written as epoch milliseconds by markUpdateProcessed.
    return this.db.$executeRaw`DELETE FROM "ProcessedUpdate" WHERE "processedAt" < ${before.getTime()}`;
  }

  async touchUser(user: { id: bigint; firstName: string; username: string | null }): Promise<UserRecord> {
    const existing = this.fast ? this.fast.findUser(user.id) : await this.db.user.findUnique({ where: { id: user.id } });
    if (existing && existing.firstName === user.firstName && existing.username === user.username && !existing.unreachableAt) {
      return existing;
    }
    return this.db.user.upsert({
      where: { id: user.id },
      create: { id: user.id, firstName: user.firstName, username: user.username },
      update: { firstName: user.firstName, username: user.username, unreachableAt: null },
    });
  }

  findUser(id: bigint): Promise<UserRecord | null> {
    return this.db.user.findUnique({ where: { id } });
  }

  async setUserLocale(id: bigint, locale: string): Promise<void> {
    await this.db.user.update({ where: { id }, data: { locale } });
  }

  async setAwaiting(id: bigint, awaiting: string | null): Promise<void> {
    await this.db.user.update({ where: { id }, data: { awaiting } });
  }

  async findCellByGroup(groupChatId: bigint): Promise<CellRecord | null> {
    const row = await this.db.cell.findUnique({ where: { groupChatId } });
    return row && toCell(row);
  }

  async findCellByJoinCode(joinCode: string): Promise<CellRecord | null> {
    const row = await this.db.cell.findUnique({ where: { joinCode } });
    return row && toCell(row);
  }

  async createCell(input: NewCell): Promise<{ cell: CellRecord; secretary: MemberRecord }> {
    const { secretary } = input;
    return this.db.$transaction(async (tx) => {
      await tx.user.upsert({
        where: { id: secretary.userId },
        create: { id: secretary.userId, firstName: secretary.firstName, username: secretary.username },
        update: {},
      });
      const cell = await tx.cell.create({
        data: { name: input.name, groupChatId: input.groupChatId, groupTitle: input.groupTitle, joinCode: input.joinCode, timezone: input.timezone },
      });
      const member = await tx.member.create({
        data: { cellId: cell.id, userId: secretary.userId, fullName: secretary.fullName, role: "SECRETARY" },
      });
      return { cell: toCell(cell), secretary: toMember(member) };
    });
  }

  async renameCell(cellId: number, name: string, groupTitle: string): Promise<CellRecord> {
    return toCell(await this.db.cell.update({ where: { id: cellId }, data: { name, groupTitle } }));
  }

  async findActiveMembership(userId: bigint): Promise<MemberWithCell | null> {
    if (this.fast) return this.fast.findActiveMembership(userId);
    const row = await this.db.member.findFirst({ where: { userId, leftAt: null }, include: { cell: true } });
    return row && { ...toMember(row), cell: toCell(row.cell) };
  }

  async findMember(memberId: number): Promise<MemberWithCell | null> {
    const row = await this.db.member.findUnique({ where: { id: memberId }, include: { cell: true } });
    return row && { ...toMember(row), cell: toCell(row.cell) };
  }

  async addMember(cellId: number, user: { id: bigint; firstName: string; username: string | null }, fullName: string): Promise<MemberRecord> {
    return this.db.$transaction(async (tx) => {
      await tx.user.upsert({ where: { id: user.id }, create: { id: user.id, firstName: user.firstName, username: user.username }, update: {} });
      const row = await tx.member.upsert({
        where: { cellId_userId: { cellId, userId: user.id } },
        create: { cellId, userId: user.id, fullName },
        update: { leftAt: null },
      });
      return toMember(row);
    });
  }

  async setMemberName(memberId: number, fullName: string): Promise<void> {
    await this.db.member.update({ where: { id: memberId }, data: { fullName, nameConfirmed: true } });
  }

  async setMemberRole(memberId: number, role: Role): Promise<void> {
    await this.db.member.update({ where: { id: memberId }, data: { role } });
  }

  async markMemberLeft(memberId: number, at: Date): Promise<void> {
    await this.db.member.update({ where: { id: memberId }, data: { leftAt: at, role: "MEMBER" } });
  }

  async findMembershipInCell(cellId: number, userId: bigint): Promise<MemberRecord | null> {
    const row = await this.db.member.findUnique({ where: { cellId_userId: { cellId, userId } } });
    return row && toMember(row);
  }

  async reactivateMember(memberId: number, leftAt: Date): Promise<boolean> {
    // Conditional on the removal it approves: a double press, or a button from an earlier
    // removal, matches nothing.
    const { count } = await this.db.member.updateMany({ where: { id: memberId, leftAt }, data: { leftAt: null } });
    return count === 1;
  }

  async listActiveMembers(cellId: number): Promise<MemberRecord[]> {
    const rows = await this.db.member.findMany({ where: { cellId, leftAt: null }, orderBy: { id: "asc" } });
    return rows.map(toMember);
  }

  findOpenRound(cellId: number): Promise<RoundRecord | null> {
    return this.db.round.findFirst({ where: { cellId, closedAt: null }, orderBy: { id: "desc" } });
  }

  async findRound(roundId: number): Promise<RoundRecord | null> {
    if (this.fast) return this.fast.findRound(roundId);
    return this.db.round.findUnique({ where: { id: roundId } });
  }

  findLatestRound(cellId: number): Promise<RoundRecord | null> {
    return this.db.round.findFirst({ where: { cellId }, orderBy: { id: "desc" } });
  }

  async openRound(input: NewRound): Promise<OpenRoundResult> {
    // One transaction: SQLite serialises writers, so two /dotmoi at once cannot both open.
    return this.db.$transaction(async (tx) => {
      const open = await tx.round.findFirst({ where: { cellId: input.cellId, closedAt: null }, orderBy: { id: "desc" } });
      let closedExpired: RoundRecord | null = null;
      if (open) {
        if (open.deadline.getTime() >= input.now.getTime()) return { ok: false as const, open };
        closedExpired = await tx.round.update({ where: { id: open.id }, data: { closedAt: input.now } });
      }
      const round = await tx.round.create({
        data: {
          cellId: input.cellId, title: input.title, deadline: input.deadline, deadlineDay: input.deadlineDay,
          checklistCode: input.checklistCode, checklistVersion: input.checklistVersion, openedByMemberId: input.openedByMemberId,
          openedAt: input.now,
        },
      });
      return { ok: true as const, round, closedExpired };
    });
  }

  async closeRound(roundId: number, at: Date): Promise<void> {
    await this.db.round.updateMany({ where: { id: roundId, closedAt: null }, data: { closedAt: at } });
  }

  async findAssessment(roundId: number, memberId: number): Promise<AssessmentRecord | null> {
    const row = await this.db.assessment.findUnique({ where: { roundId_memberId: { roundId, memberId } }, include: assessmentInclude });
    return row && toAssessment(row);
  }

  async findAssessmentById(id: number): Promise<AssessmentRecord | null> {
    if (this.fast) return this.fast.findAssessmentById(id);
    const row = await this.db.assessment.findUnique({ where: { id }, include: assessmentInclude });
    return row && toAssessment(row);
  }

  async createAssessment(a: { roundId: number; memberId: number; checklistCode: string; checklistVersion: number; cursor: string }): Promise<AssessmentRecord> {
    try {
      return toAssessment(await this.db.assessment.create({ data: a, include: assessmentInclude }));
    } catch (error) {
      // Created concurrently (a double tap on /tusoi): use the one that won.
      if (!isUniqueViolation(error)) throw error;
      const existing = await this.findAssessment(a.roundId, a.memberId);
      if (!existing) throw error;
      return existing;
    }
  }

  async saveAssessment(write: AssessmentWrite): Promise<void> {
    if (this.fast && !write.file) return this.fast.saveAssessment(write, new Date());
    const { assessmentId } = write;
    const upserts = Object.entries(write.answers).map(([itemCode, answer]) =>
      this.db.answer.upsert({
        where: { assessmentId_itemCode: { assessmentId, itemCode } },
        create: { assessmentId, itemCode, value: answer.value, measure: answer.measure, targetDate: answer.targetDate },
        update: { value: answer.value, measure: answer.measure, targetDate: answer.targetDate },
      }),
    );
    const update = this.db.assessment.update({
      where: { id: assessmentId },
      data: { cursor: write.cursor, status: write.status, editing: write.editing, ...(write.file ? { submittedAt: write.file.at } : {}) },
    });
    if (!write.file) {
      await this.db.$transaction([...upserts, update]);
      return;
    }
    // Filing copies the working answers over the previously filed ones, atomically.
    await this.db.$transaction([
      ...upserts,
      update,
      this.db.filedAnswer.deleteMany({ where: { assessmentId } }),
      this.db.$executeRaw`INSERT INTO "FiledAnswer" ("assessmentId", "itemCode", "value", "measure", "targetDate")
        SELECT "assessmentId", "itemCode", "value", "measure", "targetDate" FROM "Answer" WHERE "assessmentId" = ${assessmentId}`,
    ]);
  }

  async filedAnswers(assessmentId: number): Promise<Record<string, ItemAnswer>> {
    return toAnswers(await this.db.filedAnswer.findMany({ where: { assessmentId } }));
  }

  async roundReportRows(roundId: number, cellId: number): Promise<RoundReportRows> {
    const round = await this.db.round.findUnique({ where: { id: roundId }, select: { openedAt: true } });
    const [members, filed] = await Promise.all([
      this.db.member.findMany({
        where: { cellId, ...countedIn(roundId, round?.openedAt ?? new Date(0)) },
        select: { id: true, fullName: true, assessments: { where: { roundId }, select: { submittedAt: true } } },
        orderBy: { id: "asc" },
      }),
      this.db.filedAnswer.findMany({
        where: { assessment: { roundId, submittedAt: { not: null } }, value: { not: "NONE" } },
        select: { assessmentId: true, itemCode: true, value: true, measure: true, targetDate: true, assessment: { select: { memberId: true } } },
      }),
    ]);
    return {
      members: members.map((m) => ({ id: m.id, fullName: m.fullName, submitted: m.assessments.some((a) => a.submittedAt !== null) })),
      filed: filed.map((f) => ({
        assessmentId: f.assessmentId, memberId: f.assessment.memberId, itemCode: f.itemCode, value: f.value as AnswerValue, measure: f.measure, targetDate: f.targetDate,
      })),
    };
  }

  // ── Outbox ────────────────────────────────────────────────────────────────────────────

  async enqueue(messages: NewOutboxMessage[], createdAt: Date): Promise<number> {
    let inserted = 0;
    // One transaction; INSERT OR IGNORE on the unique key makes enqueueing idempotent across
    // ticks, restarts and several processes.
    await this.db.$transaction(async (tx) => {
      for (const m of messages) {
        inserted += await tx.$executeRaw`INSERT OR IGNORE INTO "Outbox"
          ("key", "kind", "cellId", "memberId", "roundId", "chatId", "method", "payload", "status", "attempts", "notBefore", "expiresAt", "createdAt")
          VALUES (${m.key}, ${m.kind}, ${m.cellId}, ${m.memberId}, ${m.roundId}, ${m.chatId}, ${m.method}, ${JSON.stringify(m.payload)},
                  'PENDING', 0, ${m.notBefore}, ${m.expiresAt}, ${createdAt})`;
      }
    });
    return inserted;
  }

  async claim(worker: string, now: Date, leaseUntil: Date, limit: number): Promise<OutboxMessage[]> {
    // One statement, so two senders (even in two processes) can never claim the same row.
    const rows = await this.db.$queryRaw<
      { id: number | bigint; key: string; kind: string; memberId: number | bigint | null; chatId: bigint | number; method: string; payload: string; attempts: number | bigint; expiresAt: string | Date | null }[]
    >`UPDATE "Outbox" SET "status" = 'SENDING', "claimedBy" = ${worker}, "claimedUntil" = ${leaseUntil}
      WHERE "id" IN (
        SELECT "id" FROM "Outbox"
        WHERE ("status" = 'PENDING' AND "notBefore" <= ${now}) OR ("status" = 'SENDING' AND "claimedUntil" < ${now})
        ORDER BY "id" LIMIT ${limit})
      RETURNING "id", "key", "kind", "memberId", "chatId", "method", "payload", "attempts", "expiresAt"`;
    return rows
      .map((r) => ({
        id: Number(r.id), key: r.key, kind: r.kind, memberId: r.memberId === null ? null : Number(r.memberId), chatId: BigInt(r.chatId),
        method: r.method, payload: JSON.parse(r.payload) as Record<string, unknown>, attempts: Number(r.attempts),
        expiresAt: r.expiresAt === null ? null : new Date(r.expiresAt),
      }))
      .sort((a, b) => a.id - b.id);
  }

  async holdClaim(id: number, worker: string, now: Date, leaseUntil: Date): Promise<boolean> {
    const { count } = await this.db.outbox.updateMany({
      where: { id, claimedBy: worker, status: "SENDING", claimedUntil: { gte: now } },
      data: { claimedUntil: leaseUntil },
    });
    return count === 1;
  }

  async markSent(id: number, _worker: string, messageId: number | null, at: Date): Promise<void> {
    // Recorded even if the lease ran out meanwhile: the message did go out.
    await this.db.outbox.update({ where: { id }, data: { status: "SENT", messageId, sentAt: at, claimedUntil: null, lastError: null } });
  }

  async markRetry(id: number, worker: string, notBefore: Date, error: string, countAttempt: boolean): Promise<void> {
    await this.db.outbox.updateMany({
      where: { id, claimedBy: worker, status: "SENDING" },
      data: { status: "PENDING", notBefore, lastError: error.slice(0, 500), claimedUntil: null, ...(countAttempt ? { attempts: { increment: 1 } } : {}) },
    });
  }

  async markFailed(id: number, worker: string, error: string): Promise<void> {
    await this.db.outbox.updateMany({ where: { id, claimedBy: worker, status: "SENDING" }, data: { status: "FAILED", lastError: error.slice(0, 500), claimedUntil: null, attempts: { increment: 1 } } });
  }

  async markSkipped(id: number, worker: string, reason: string): Promise<void> {
    await this.db.outbox.updateMany({ where: { id, claimedBy: worker, status: "SENDING" }, data: { status: "SKIPPED", lastError: reason, claimedUntil: null } });
  }

  /** When the earliest pending message becomes due (retries wait in the future). */
  async nextPendingAt(): Promise<Date | null> {
    const row = await this.db.outbox.findFirst({ where: { status: "PENDING" }, orderBy: { notBefore: "asc" }, select: { notBefore: true } });
    return row?.notBefore ?? null;
  }

  async markUnreachable(userId: bigint, at: Date): Promise<void> {
    await this.db.user.updateMany({ where: { id: userId }, data: { unreachableAt: at } });
  }

  async outboxStatus(key: string) {
    const row = await this.db.outbox.findUnique({ where: { key }, select: { status: true, lastError: true } });
    return row && { status: row.status as "PENDING" | "SENDING" | "SENT" | "FAILED" | "SKIPPED", lastError: row.lastError };
  }

  async sentRecently(memberId: number, roundId: number, kinds: string[], since: Date): Promise<boolean> {
    const found = await this.db.outbox.findFirst({ where: { memberId, roundId, kind: { in: kinds }, createdAt: { gt: since } }, select: { id: true } });
    return found !== null;
  }

  // ── Scheduler and follow-up ───────────────────────────────────────────────────────────

  async listOpenRounds(): Promise<OpenRoundWithCell[]> {
    const rows = await this.db.round.findMany({ where: { closedAt: null }, include: { cell: true }, orderBy: { id: "asc" } });
    return rows.map((r) => ({ ...r, cell: toCell(r.cell) }));
  }

  async closeRoundIfOpen(roundId: number, at: Date): Promise<boolean> {
    const { count } = await this.db.round.updateMany({ where: { id: roundId, closedAt: null }, data: { closedAt: at } });
    return count === 1;
  }

  async setLastReminderDays(roundId: number, days: number): Promise<void> {
    await this.db.round.update({ where: { id: roundId }, data: { lastReminderDays: days } });
  }

  async pendingMembers(roundId: number, cellId: number): Promise<(MemberRecord & { user: UserRecord; answered: number })[]> {
    const rows = await this.db.member.findMany({
      where: { cellId, leftAt: null, NOT: { assessments: { some: { roundId, submittedAt: { not: null } } } } },
      include: { user: true, assessments: { where: { roundId }, select: { _count: { select: { answers: true } } } } },
      orderBy: { id: "asc" },
    });
    return rows.map((r) => ({ ...toMember(r), user: r.user, answered: r.assessments[0]?._count.answers ?? 0 }));
  }

  async listCellSchedules(): Promise<CellSchedule[]> {
    const rows = await this.db.cell.findMany({ orderBy: { id: "asc" } });
    return rows.map((c) => ({ ...toCell(c), createdAt: c.createdAt, followUpDay: c.followUpDay, followUpTime: c.followUpTime, lastFollowUpAt: c.lastFollowUpAt }));
  }

  async setFollowUpSchedule(cellId: number, day: number, time: string): Promise<void> {
    await this.db.cell.update({ where: { id: cellId }, data: { followUpDay: day, followUpTime: time } });
  }

  async setLastFollowUpAt(cellId: number, at: Date): Promise<void> {
    await this.db.cell.update({ where: { id: cellId }, data: { lastFollowUpAt: at } });
  }

  async correctionItems(cellId: number, filedBefore: Date, memberId?: number): Promise<CorrectionItem[]> {
    const rows = await this.db.filedAnswer.findMany({
      where: {
        value: { not: "NONE" },
        measure: { not: null },
        assessment: { submittedAt: { not: null, lt: filedBefore }, member: { cellId, leftAt: null, ...(memberId ? { id: memberId } : {}) } },
      },
      include: { assessment: { select: { roundId: true, memberId: true, checklistCode: true, checklistVersion: true, submittedAt: true } } },
      orderBy: [{ assessmentId: "asc" }, { itemCode: "asc" }],
    });
    return rows.map((r) => ({
      assessmentId: r.assessmentId, roundId: r.assessment.roundId, memberId: r.assessment.memberId, itemCode: r.itemCode, value: r.value,
      measure: r.measure!, targetDate: r.targetDate, checklistCode: r.assessment.checklistCode,
      checklistVersion: r.assessment.checklistVersion, submittedAt: r.assessment.submittedAt!,
    }));
  }

  async progressFor(assessmentIds: number[]): Promise<ProgressRecord[]> {
    if (assessmentIds.length === 0) return [];
    const rows = await this.db.correctionProgress.findMany({ where: { assessmentId: { in: assessmentIds } }, orderBy: [{ period: "asc" }] });
    return rows.map((r) => ({ ...r, status: r.status as ProgressRecord["status"] }));
  }

  async saveProgress(p: { assessmentId: number; itemCode: string; period: string; status: ProgressRecord["status"]; at: Date }): Promise<void> {
    const id = { assessmentId: p.assessmentId, itemCode: p.itemCode, period: p.period };
    await this.db.correctionProgress.upsert({
      where: { assessmentId_itemCode_period: id },
      create: { ...id, status: p.status, answeredAt: p.at },
      update: { status: p.status, answeredAt: p.at },
    });
  }

  async saveProgressNote(p: { assessmentId: number; itemCode: string; period: string; note: string }): Promise<boolean> {
    const { count } = await this.db.correctionProgress.updateMany({
      where: { assessmentId: p.assessmentId, itemCode: p.itemCode, period: p.period }, data: { note: p.note },
    });
    return count === 1;
  }

  async unreachableMembers(cellId: number): Promise<MemberRecord[]> {
    const rows = await this.db.member.findMany({ where: { cellId, leftAt: null, user: { unreachableAt: { not: null } } }, orderBy: { id: "asc" } });
    return rows.map(toMember);
  }

  findUserById(id: bigint): Promise<UserRecord | null> {
    return this.db.user.findUnique({ where: { id } });
  }

  // ── Reports ───────────────────────────────────────────────────────────────────────────

  recentRounds(cellId: number, limit: number): Promise<RoundRecord[]> {
    return this.db.round.findMany({ where: { cellId }, orderBy: { id: "desc" }, take: limit });
  }

  roundNumber(round: RoundRecord): Promise<number> {
    return this.db.round.count({ where: { cellId: round.cellId, id: { lte: round.id } } });
  }

  previousRound(round: RoundRecord): Promise<RoundRecord | null> {
    return this.db.round.findFirst({ where: { cellId: round.cellId, id: { lt: round.id } }, orderBy: { id: "desc" } });
  }

  async cellSettings(cellId: number): Promise<CellSettings> {
    const cell = await this.db.cell.findUniqueOrThrow({ where: { id: cellId }, select: { place: true, higherBody: true, reportThreshold: true } });
    return cell;
  }

  async setCellSettings(cellId: number, settings: Partial<CellSettings>): Promise<void> {
    await this.db.cell.update({ where: { id: cellId }, data: settings });
  }

  async secretaryOf(cellId: number): Promise<MemberRecord | null> {
    const row = await this.db.member.findFirst({ where: { cellId, role: "SECRETARY", leftAt: null }, orderBy: { id: "asc" } });
    return row && toMember(row);
  }

  async addAudit(entry: { cellId: number; actorMemberId: number; action: string; roundId: number | null; at: Date }): Promise<void> {
    await this.db.auditLog.create({ data: { cellId: entry.cellId, actorMemberId: entry.actorMemberId, action: entry.action, roundId: entry.roundId, createdAt: entry.at } });
  }

  async listAudit(cellId: number, limit: number): Promise<AuditEntry[]> {
    const rows = await this.db.auditLog.findMany({ where: { cellId }, orderBy: { id: "desc" }, take: limit });
    const members = new Map((await this.db.member.findMany({ where: { id: { in: rows.map((r) => r.actorMemberId) } } })).map((m) => [m.id, m.fullName]));
    const rounds = new Map((await this.db.round.findMany({ where: { id: { in: rows.flatMap((r) => (r.roundId ? [r.roundId] : [])) } } })).map((r) => [r.id, r.title]));
    return rows.map((r) => ({
      actorName: members.get(r.actorMemberId) ?? "?", action: r.action, roundTitle: r.roundId ? (rounds.get(r.roundId) ?? null) : null, at: r.createdAt,
    }));
  }

  async detailRows(roundId: number, cellId: number): Promise<DetailRow[]> {
    const round = await this.db.round.findUnique({ where: { id: roundId }, select: { openedAt: true } });
    const members = await this.db.member.findMany({
      where: { cellId, ...countedIn(roundId, round?.openedAt ?? new Date(0)) },
      include: {
        assessments: {
          where: { roundId },
          select: { submittedAt: true, filedAnswers: { where: { value: { not: "NONE" } }, select: { itemCode: true, value: true, measure: true, targetDate: true } } },
        },
      },
      orderBy: { fullName: "asc" },
    });
    return members.map((m) => {
      const form = m.assessments[0];
      return { memberId: m.id, fullName: m.fullName, submitted: Boolean(form?.submittedAt), answers: form?.submittedAt ? form.filedAnswers : [] };
    });
  }

  async rollupRows(): Promise<RollupRows> {
    // Raw SQL: three aggregate queries over the latest round of each cell, with the database
    // doing the grouping (the ORM would load every row into memory first).
    const latest = Prisma.sql`SELECT MAX("id") AS "id" FROM "Round" GROUP BY "cellId"`;
    const [participation, items] = await Promise.all([
      this.db.$queryRaw<{ cells: bigint | number; members: bigint | number; submitted: bigint | number | null }[]>`
        SELECT COUNT(DISTINCT r."cellId") AS "cells", COUNT(m."id") AS "members",
               SUM(CASE WHEN a."submittedAt" IS NOT NULL THEN 1 ELSE 0 END) AS "submitted"
        FROM "Round" r
        JOIN "Member" m ON m."cellId" = r."cellId" AND m."leftAt" IS NULL
        LEFT JOIN "Assessment" a ON a."roundId" = r."id" AND a."memberId" = m."id"
        WHERE r."id" IN (${latest})`,
      this.db.$queryRaw<{ itemCode: string; value: string; count: bigint | number }[]>`
        SELECT f."itemCode" AS "itemCode", f."value" AS "value", COUNT(*) AS "count"
        FROM "FiledAnswer" f JOIN "Assessment" a ON a."id" = f."assessmentId"
        WHERE a."roundId" IN (${latest}) AND a."submittedAt" IS NOT NULL AND f."value" <> 'NONE'
        GROUP BY f."itemCode", f."value"`,
    ]);
    const p = participation[0];
    return {
      cells: Number(p?.cells ?? 0), members: Number(p?.members ?? 0), submitted: Number(p?.submitted ?? 0),
      items: items.map((i) => ({ itemCode: i.itemCode, value: i.value, count: Number(i.count) })),
    };
  }
}
