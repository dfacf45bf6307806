/**
 * After the meeting: the cell's final report goes back to every member of the round, in
 * private ("gửi đảng viên trong chi bộ để làm căn cứ xây dựng kế hoạch sửa chữa, khắc phục và
 * kiểm điểm cuối năm"), with the meeting's conclusions the secretary may add first.
 *
 * What goes: exactly what the group summary of the CLOSED round shows (renderReport's group
 * audience: item lines and correction figures only with enough forms), never anyone's answers,
 * and the report DOCX when the group may see item figures. Only a closed round is sent (the
 * secretary can close early from /baocao): an open round's figures still change.
 *
 * How: through the outbox, one message (or a few, for a long summary) and one document per
 * member per round, keyed `report-back:<round>:<member>[:pN|:docx]`, so a second press sends
 * nothing twice and reaches only members not yet queued (e.g. one who opened the bot since).
 * What the secretary is told (who has it, who is still waiting, who could not be reached) is
 * read from those rows' states, so it stays true after a crash mid-sending: a second press
 * then carries on with the unfinished ones and reports "Đã gửi x/n" over every member.
 * The DOCX is drawn once per language at the press and stored in each member's outbox row
 * (the channel's renderer encodes the bytes; see bot/transport.ts): every member gets the
 * same document, and a restart or a retry resends exactly it.
 */
import { cleanText, textLength } from "../domain/text.js";
import { canManageRounds } from "../domain/roles.js";
import type { AppDeps } from "./deps.js";
import type { DocumentLocale } from "./documents.js";
import type { MessageRenderer } from "./notifications.js";
import type { MemberRecord, MemberWithCell, NewOutboxMessage, RoundRecord, UserRecord } from "./ports.js";
import { reportForRound, type RoundReport } from "./report.js";
import { reportDocument } from "./report-files.js";
import { serializeAwaited } from "./awaited-input.js";

export const CONCLUSIONS_MIN_LENGTH = 5;
export const CONCLUSIONS_MAX_LENGTH = 2000;

type Deps = Pick<AppDeps, "answerPath" | "cells" | "checklists" | "clock" | "committees" | "members" | "progress" | "reports" | "rounds">;

export interface ReportBackPlan {
  round: RoundRecord;
  report: RoundReport;
  conclusions: string;
  /** Members the report goes to (the round's counted members still in the cell), with their user. */
  recipients: (MemberRecord & { user: UserRecord })[];
  /** Of those, already queued earlier (a second press queues them nothing new). */
  alreadyQueued: number;
  /** Of those queued earlier, where they stand now (from the outbox rows, so true after a crash). */
  earlier: ReportBackStanding;
}

/**
 * Where the members queued earlier stand, from their outbox rows: `delivered` (every message
 * sent), `unfinished` (some still pending or claimed: still going out, or a sender died
 * mid-way), `undeliverable` (Telegram refused one, none left to send).
 */
export interface ReportBackStanding {
  delivered: number;
  unfinished: number;
  undeliverable: number;
}

type MemberState = "delivered" | "unfinished" | "undeliverable";

/** A member's state is their "worst" message's: unfinished outweighs undeliverable outweighs delivered. */
const RANK: Record<MemberState, number> = { delivered: 0, undeliverable: 1, unfinished: 2 };

/** Each member's state from their report-back rows of the round (members without rows are absent). */
async function memberStates(deps: Pick<AppDeps, "outbox">, roundId: number): Promise<{ states: Map<number, MemberState>; openMessages: Map<number, number> }> {
  const states = new Map<number, MemberState>();
  const openMessages = new Map<number, number>();
  for (const row of await deps.outbox.reportBackStates(roundId)) {
    const open = row.status === "PENDING" || row.status === "SENDING";
    if (open) openMessages.set(row.memberId, (openMessages.get(row.memberId) ?? 0) + 1);
    const before = states.get(row.memberId);
    const now: MemberState = open ? "unfinished" : row.status === "SENT" ? "delivered" : "undeliverable";
    if (!before || RANK[now] > RANK[before]) states.set(row.memberId, now);
  }
  return { states, openMessages };
}

export type ReportBackResult = { kind: "plan"; plan: ReportBackPlan } | { kind: "forbidden" } | { kind: "noRound" } | { kind: "open"; round: RoundRecord };

const messageKey = (roundId: number, memberId: number) => `report-back:${roundId}:${memberId}`;

/** Who would get the report of the round, and what it says; only for the secretary and deputy, only for a closed round. */
export async function reportBackPlan(deps: Deps & Pick<AppDeps, "outbox">, actor: MemberWithCell, roundId: number): Promise<ReportBackResult> {
  if (!canManageRounds(actor.role)) return { kind: "forbidden" };
  const round = await deps.answerPath.findRound(roundId);
  if (!round || round.cellId !== actor.cellId) return { kind: "noRound" };
  const report = await reportForRound(deps, actor.cell, round);
  if (!report.closed) return { kind: "open", round };
  const counted = await deps.members.membersWithUsers(report.members.map((m) => m.id));
  // Members who left after the round opened are counted in it, but are no longer the cell's.
  const recipients = counted.filter((m) => m.leftAt === null);
  const { states } = await memberStates(deps, round.id);
  const earlier: ReportBackStanding = { delivered: 0, unfinished: 0, undeliverable: 0 };
  for (const m of recipients) {
    const state = states.get(m.id);
    if (state) earlier[state]++;
  }
  const alreadyQueued = earlier.delivered + earlier.unfinished + earlier.undeliverable;
  return { kind: "plan", plan: { round, report, conclusions: await deps.rounds.roundConclusions(round.id), recipients, alreadyQueued, earlier } };
}

/** Awaited input "the next private text is the meeting's conclusions for this round". */
export const awaitingConclusions = (roundId: number): string => serializeAwaited("conclusions", { r: roundId });

export function parseAwaitingConclusions(stored: string | null): { roundId: number } | null {
  try {
    const v = JSON.parse(stored ?? "") as { v?: unknown; k?: unknown; r?: unknown };
    if (v.v === 1 && v.k === "conclusions" && Number.isSafeInteger(v.r) && (v.r as number) > 0) return { roundId: v.r as number };
  } catch {
    // not conclusions
  }
  return null;
}

export type ConclusionsResult =
  | { kind: "ask"; round: RoundRecord; current: string }
  | { kind: "saved"; round: RoundRecord; text: string }
  | { kind: "tooShort" }
  | { kind: "tooLong" }
  | { kind: "forbidden" }
  | { kind: "noRound" };

/** "Thêm kết luận": the secretary's next private text becomes the round's conclusions. */
export async function startConclusions(
  deps: Pick<AppDeps, "answerPath" | "rounds" | "users">,
  actor: MemberWithCell,
  roundId: number,
): Promise<ConclusionsResult> {
  if (!canManageRounds(actor.role)) return { kind: "forbidden" };
  const round = await deps.answerPath.findRound(roundId);
  if (!round || round.cellId !== actor.cellId) return { kind: "noRound" };
  await deps.users.setAwaiting(actor.userId, awaitingConclusions(round.id));
  return { kind: "ask", round, current: await deps.rounds.roundConclusions(round.id) };
}

/**
 * The typed conclusions (5–2000 characters, several lines kept). Checked again on arrival; an
 * invalid length keeps the input pending so the secretary can type it again.
 */
export async function saveConclusions(
  deps: Pick<AppDeps, "answerPath" | "rounds" | "users">,
  actor: MemberWithCell,
  awaiting: string | null,
  text: string,
): Promise<ConclusionsResult> {
  const pending = parseAwaitingConclusions(awaiting);
  const round = pending && (await deps.answerPath.findRound(pending.roundId));
  if (!canManageRounds(actor.role) || !round || round.cellId !== actor.cellId) {
    await deps.users.setAwaiting(actor.userId, null);
    return { kind: !round ? "noRound" : "forbidden" };
  }
  const cleaned = cleanText(text, { multiline: true });
  if (textLength(cleaned) < CONCLUSIONS_MIN_LENGTH) return { kind: "tooShort" };
  if (textLength(cleaned) > CONCLUSIONS_MAX_LENGTH) return { kind: "tooLong" };
  await deps.rounds.setRoundConclusions(round.id, cleaned);
  await deps.users.setAwaiting(actor.userId, null);
  return { kind: "saved", round, text: cleaned };
}

export type SendReportBackResult =
  | {
      kind: "queued";
      plan: ReportBackPlan;
      queued: number;
      withDocument: boolean;
      /** Every recipient whose report is in the outbox, queued now or earlier (the result counts them all). */
      members: { memberId: number; name: string }[];
      /** Unreachable recipients never queued (not queued now either). */
      skippedUnreachable: string[];
    }
  | Exclude<ReportBackResult, { kind: "plan" }>;

const LOCALES: readonly DocumentLocale[] = ["vi", "en"];

/**
 * "Gửi báo cáo cho đảng viên", confirmed: queues the report for every member of the closed
 * round not queued before. Members Telegram already said are unreachable are not queued (they
 * are listed back); the caller wakes the sender (which also carries on with messages queued
 * earlier and not yet sent, e.g. after a crash) and then asks reportBackOutcome.
 */
export async function sendReportBack(
  deps: Deps & Pick<AppDeps, "documents" | "outbox">,
  actor: MemberWithCell,
  roundId: number,
  renderer: MessageRenderer,
  defaultLocale: DocumentLocale,
): Promise<SendReportBackResult> {
  const result = await reportBackPlan(deps, actor, roundId);
  if (result.kind !== "plan") return result;
  const { plan } = result;
  const now = deps.clock();
  const localeOf = (user: UserRecord): DocumentLocale => (LOCALES.includes(user.locale as DocumentLocale) ? (user.locale as DocumentLocale) : defaultLocale);
  // The DOCX carries item figures: only when the group itself may see them.
  const withDocument = plan.report.itemsPublic;
  const files = new Map<DocumentLocale, { bytes: Uint8Array; roundNumber: number }>();
  if (withDocument) {
    for (const locale of new Set(plan.recipients.map((m) => localeOf(m.user)))) {
      const doc = await reportDocument(deps, actor, plan.round.id, locale);
      if (doc.kind !== "document") return doc;
      files.set(locale, { bytes: await deps.documents.reportFile("docx", doc.input, locale), roundNumber: doc.input.roundNumber });
    }
  }
  const messages: NewOutboxMessage[] = [];
  const members: { memberId: number; name: string }[] = [];
  const skippedUnreachable: string[] = [];
  const { states } = await memberStates(deps, plan.round.id);
  for (const member of plan.recipients) {
    // Queued earlier (every one of a member's messages is queued at once): counted, not queued again.
    if (states.has(member.id)) {
      members.push({ memberId: member.id, name: member.fullName });
      continue;
    }
    if (member.user.unreachableAt) {
      skippedUnreachable.push(member.fullName);
      continue;
    }
    const key = messageKey(plan.round.id, member.id);
    const locale = localeOf(member.user);
    const base = {
      kind: "REPORT_BACK" as const,
      cellId: actor.cellId,
      memberId: member.id,
      roundId: plan.round.id,
      to: { userId: member.userId },
      notBefore: now,
      expiresAt: null,
    };
    renderer.reportBack({ report: plan.report, conclusions: plan.conclusions, locale }).forEach((message, i) => {
      messages.push({ ...base, key: i === 0 ? key : `${key}:p${i + 1}`, message });
    });
    const file = files.get(locale);
    if (file) {
      const document = renderer.reportBackFile({ report: plan.report, roundNumber: file.roundNumber, bytes: file.bytes, locale });
      messages.push({ ...base, key: `${key}:docx`, message: document });
    }
    members.push({ memberId: member.id, name: member.fullName });
  }
  const queued = await deps.outbox.enqueue(messages, now);
  return { kind: "queued", plan, queued, withDocument, members, skippedUnreachable };
}

/**
 * Where the report stands for `members`, from their outbox rows (so it is true whatever
 * happened in between, a crash included): how many have every message (`sent`), whose message
 * Telegram refused (`failed`), and how many messages are still on their way (`pending`).
 */
export async function reportBackOutcome(
  deps: Pick<AppDeps, "outbox">,
  roundId: number,
  members: { memberId: number; name: string }[],
): Promise<{ sent: number; failed: string[]; pending: number }> {
  const { states, openMessages } = await memberStates(deps, roundId);
  let sent = 0;
  let pending = 0;
  const failed: string[] = [];
  for (const { memberId, name } of members) {
    const state = states.get(memberId);
    if (state === "delivered") sent++;
    else if (state === "undeliverable") failed.push(name);
    else pending += openMessages.get(memberId) ?? 1;
  }
  return { sent, failed, pending };
}
