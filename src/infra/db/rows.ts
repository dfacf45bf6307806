/** Prisma rows → the app's records, shared by the adapters. */
import type { AnswerValue, AssessmentStatus, ItemAnswer } from "../../domain/assessment.js";
import { isRole, type Role } from "../../domain/roles.js";
import type { AssessmentRecord, CellRecord, MemberRecord } from "../../app/ports.js";
import type { Destination } from "../../app/messages.js";
import type { Cell, Member } from "./generated/client.js";

export const toRole = (value: string): Role => (isRole(value) ? value : "MEMBER");

export function toMember(row: Member): MemberRecord {
  return {
    id: row.id,
    cellId: row.cellId,
    userId: row.userId,
    fullName: row.fullName,
    role: toRole(row.role),
    nameConfirmed: row.nameConfirmed,
    leftAt: row.leftAt,
  };
}

/** A unit's group columns as its destination (null when the unit has no group). */
export function toDestination(channel: unknown, address: unknown): Destination | null {
  return typeof channel === "string" && typeof address === "string" ? { channel, address } : null;
}

export function toCell(row: Cell): CellRecord {
  return {
    id: row.id,
    name: row.name,
    group: toDestination(row.groupChannel, row.groupAddress),
    groupTitle: row.groupTitle,
    joinCode: row.joinCode,
    timezone: row.timezone,
  };
}

export type AnswerRow = { itemCode: string; value: string; measure: string | null; targetDate: string | null };

/**
 * Answer rows as the record by item code. Built with Object.fromEntries (own properties, even
 * for a code like "constructor" or "__proto__"), never by assignment; read with byCode/answerOf.
 */
export function toAnswers(rows: readonly AnswerRow[]): Record<string, ItemAnswer> {
  return Object.fromEntries(rows.map((row) => [row.itemCode, { value: row.value as AnswerValue, measure: row.measure, targetDate: row.targetDate }]));
}

export const assessmentInclude = { answers: { select: { itemCode: true, value: true, measure: true, targetDate: true } } } as const;

type AssessmentRow = {
  id: number;
  roundId: number;
  memberId: number;
  checklistCode: string;
  checklistVersion: number;
  cursor: string;
  status: string;
  editing: boolean;
  submittedAt: Date | null;
  answers: AnswerRow[];
  collective: boolean;
};

export function toAssessment(row: AssessmentRow): AssessmentRecord {
  return {
    id: row.id,
    roundId: row.roundId,
    memberId: row.memberId,
    checklistCode: row.checklistCode,
    checklistVersion: row.checklistVersion,
    cursor: row.cursor,
    status: row.status as AssessmentStatus,
    editing: row.editing,
    submittedAt: row.submittedAt,
    answers: toAnswers(row.answers),
    collective: row.collective,
  };
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/**
 * Members a round counts: current members, and members who left after the round opened but
 * had submitted in it (their form stays part of the round's result).
 */
export function countedIn(roundId: number, openedAt: Date) {
  return {
    OR: [{ leftAt: null }, { leftAt: { gte: openedAt }, assessments: { some: { roundId, collective: false, submittedAt: { not: null } } } }],
  };
}
