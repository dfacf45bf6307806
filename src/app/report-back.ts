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

export const CONCLUSIONS_MIN_LENGTH = 5;
export const CONCLUSIONS_MAX_LENGTH = 2000;

type Deps = Pick<AppDeps, "answerPath" | "cells" | "checklists" | "clock" | "committees" | "members" | "progress" | "reports" | "rounds">;

export interface ReportBackPlan {
  round: RoundRecord;
  report: RoundReport;
  conclusions: string;
  /** Members the report goes to (the round's counted members still in the cell), with their user. */
  recipients: (MemberRecord & { user: UserRecord })[];
  /** Of those, already queued earlier (a second press sends them nothing). */
  alreadyQueued: number;
}

export type ReportBackResult =
  | { kind: "plan"; plan: ReportBackPlan }
  | { kind: "forbidden" }
  | { kind: "noRound" }
  | { kind: "open"; round: RoundRecord };

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
  let alreadyQueued = 0;
  for (const m of recipients) if (await deps.outbox.outboxStatus(messageKey(round.id, m.id))) alreadyQueued++;
  return { kind: "plan", plan: { round, report, conclusions: await deps.rounds.roundConclusions(round.id), recipients, alreadyQueued } };
}

/** Awaited input "the next private text is the meeting's conclusions for this round". */
export const awaitingConclusions = (roundId: number): string => JSON.stringify({ v: 1, k: "conclusions", r: roundId });

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
export async function startConclusions(deps: Pick<AppDeps, "answerPath" | "rounds" | "users">, actor: MemberWithCell, roundId: number): Promise<ConclusionsResult> {
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
export async function saveConclusions(deps: Pick<AppDeps, "answerPath" | "rounds" | "users">, actor: MemberWithCell, awaiting: string | null, text: string): Promise<ConclusionsResult> {
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
  | { kind: "queued"; plan: ReportBackPlan; queued: number; withDocument: boolean; keys: { memberId: number; name: string; key: string }[]; skippedUnreachable: string[] }
  | Exclude<ReportBackResult, { kind: "plan" }>;

const LOCALES: readonly DocumentLocale[] = ["vi", "en"];

/**
 * "Gửi báo cáo cho đảng viên", confirmed: queues the report for every member of the closed
 * round not queued before. Members Telegram already said are unreachable are not queued (they
 * are listed back); the caller wakes the sender and then asks reportBackOutcome.
 */
export async function sendReportBack(
  deps: Deps & Pick<AppDeps, "documents" | "outbox">, actor: MemberWithCell, roundId: number, renderer: MessageRenderer, defaultLocale: DocumentLocale,
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
  const keys: { memberId: number; name: string; key: string }[] = [];
  const skippedUnreachable: string[] = [];
  for (const member of plan.recipients) {
    if (member.user.unreachableAt) {
      skippedUnreachable.push(member.fullName);
      continue;
    }
    const key = messageKey(plan.round.id, member.id);
    const locale = localeOf(member.user);
    const base = { kind: "REPORT_BACK" as const, cellId: actor.cellId, memberId: member.id, roundId: plan.round.id, chatId: member.userId, notBefore: now, expiresAt: null };
    renderer.reportBack({ report: plan.report, conclusions: plan.conclusions, locale }).forEach((message, i) => {
      messages.push({ ...base, key: i === 0 ? key : `${key}:p${i + 1}`, method: "sendMessage", payload: { ...message } });
    });
    const file = files.get(locale);
    if (file) {
      const document = renderer.reportBackFile({ report: plan.report, roundNumber: file.roundNumber, bytes: file.bytes, locale });
      messages.push({ ...base, key: `${key}:docx`, method: document.method, payload: document.payload });
    }
    keys.push({ memberId: member.id, name: member.fullName, key });
  }
  const queued = await deps.outbox.enqueue(messages, now);
  return { kind: "queued", plan, queued, withDocument, keys, skippedUnreachable };
}

/** After the sender's drain: who got it, whose message Telegram refused, and how many are still on their way. */
export async function reportBackOutcome(deps: Pick<AppDeps, "outbox">, keys: { name: string; key: string }[]): Promise<{ sent: number; failed: string[]; pending: number }> {
  let sent = 0;
  let pending = 0;
  const failed: string[] = [];
  for (const { name, key } of keys) {
    const status = (await deps.outbox.outboxStatus(key))?.status;
    if (status === "SENT") sent++;
    else if (status === "FAILED" || status === "SKIPPED") failed.push(name);
    else pending++;
  }
  return { sent, failed, pending };
}
