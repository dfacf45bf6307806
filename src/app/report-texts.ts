/**
 * The report's typed sections (issue 19): ĐÁNH GIÁ CHUNG and PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN
 * TỚI. Buttons under a closed round's /baocao (the cell's secretary, deputy) and under an ended
 * campaign's /tonghop (the committee's officers); the officer's next private text (several
 * lines, 5–2,000 characters) is the section, printed in the DOCX instead of dotted lines. The
 * latest text stands.
 */
import { isCommitteeOfficer } from "../domain/committee.js";
import { canManageRounds } from "../domain/roles.js";
import { isRoundOpen } from "../domain/rounds.js";
import { cleanText, textLength } from "../domain/text.js";
import type { CommitteeActor } from "./committee.js";
import { ancestorsOf, isCampaignOpen } from "./committee-rollup.js";
import type { AppDeps } from "./deps.js";
import type { CampaignRecord, MemberWithCell, ReportTextKey, RoundRecord } from "./ports.js";
import { serializeAwaited } from "./awaited-input.js";

export const REPORT_TEXT_MIN_LENGTH = 5;
export const REPORT_TEXT_MAX_LENGTH = 2000;

/** Whose report the text goes into: a cell's round, or a committee's report on a campaign. */
export type TextTarget =
  { unit: "round"; roundId: number; key: ReportTextKey } | { unit: "campaign"; committeeId: number; campaignId: number; key: ReportTextKey };

const KEY_CODES: Record<ReportTextKey, string> = { assessment: "a", direction: "d" };

export function awaitingReportText(target: TextTarget): string {
  return target.unit === "round"
    ? serializeAwaited("rtext", { r: target.roundId, x: KEY_CODES[target.key] })
    : serializeAwaited("ctext", { c: target.committeeId, m: target.campaignId, x: KEY_CODES[target.key] });
}

export function parseAwaitingReportText(stored: string | null): TextTarget | null {
  try {
    const v = JSON.parse(stored ?? "") as Record<string, unknown>;
    const key = (Object.keys(KEY_CODES) as ReportTextKey[]).find((k) => KEY_CODES[k] === v.x);
    const id = (x: unknown) => Number.isSafeInteger(x) && (x as number) > 0;
    if (v.v !== 1 || !key) return null;
    if (v.k === "rtext" && id(v.r)) return { unit: "round", roundId: v.r as number, key };
    if (v.k === "ctext" && id(v.c) && id(v.m)) return { unit: "campaign", committeeId: v.c as number, campaignId: v.m as number, key };
  } catch {
    // not a report text
  }
  return null;
}

export type ReportTextResult =
  | { kind: "ask"; current: string; unitName: string; title: string }
  | { kind: "saved"; text: string }
  | { kind: "tooShort" }
  | { kind: "tooLong" }
  | { kind: "forbidden" }
  /** The round is still open, or the campaign still running: the report is not final yet. */
  | { kind: "notClosed" }
  | { kind: "notFound" };

type RoundDeps = Pick<AppDeps, "answerPath" | "clock" | "rounds" | "users">;
type CampaignDeps = Pick<AppDeps, "campaigns" | "clock" | "committees" | "users">;

/** The closed round of the member's own cell the text would go into. */
async function roundFor(deps: RoundDeps, actor: MemberWithCell, roundId: number): Promise<RoundRecord | Exclude<ReportTextResult, { kind: "ask" | "saved" }>> {
  if (!canManageRounds(actor.role)) return { kind: "forbidden" };
  const round = await deps.answerPath.findRound(roundId);
  if (!round || round.cellId !== actor.cellId) return { kind: "notFound" };
  if (isRoundOpen(round, deps.clock())) return { kind: "notClosed" };
  return round;
}

/** An ended campaign the committee follows (its own or one from above). */
async function campaignFor(
  deps: CampaignDeps,
  actor: CommitteeActor | null,
  campaignId: number,
): Promise<CampaignRecord | Exclude<ReportTextResult, { kind: "ask" | "saved" }>> {
  if (!actor || !isCommitteeOfficer(actor.role)) return { kind: "forbidden" };
  const campaign = await deps.campaigns.findCampaign(campaignId);
  const issuers = [actor.committeeId, ...ancestorsOf(await deps.committees.committeeTree(), actor.committeeId)];
  if (!campaign || !issuers.includes(campaign.committeeId)) return { kind: "notFound" };
  if (isCampaignOpen(campaign, deps.clock())) return { kind: "notClosed" };
  return campaign;
}

/** "✍ Đánh giá chung" / "✍ Phương hướng" under a closed round's /baocao: the next private text is the section. */
export async function startRoundText(deps: RoundDeps, actor: MemberWithCell, roundId: number, key: ReportTextKey): Promise<ReportTextResult> {
  const round = await roundFor(deps, actor, roundId);
  if ("kind" in round) return round;
  await deps.users.setAwaiting(actor.userId, awaitingReportText({ unit: "round", roundId: round.id, key }));
  const texts = await deps.rounds.roundTexts(round.id);
  return { kind: "ask", current: texts[key], unitName: actor.cell.name, title: round.title };
}

/** The same under an ended campaign's /tonghop, for the committee's own report. */
export async function startCampaignText(deps: CampaignDeps, actor: CommitteeActor | null, campaignId: number, key: ReportTextKey): Promise<ReportTextResult> {
  const campaign = await campaignFor(deps, actor, campaignId);
  if ("kind" in campaign) return campaign;
  await deps.users.setAwaiting(actor!.userId, awaitingReportText({ unit: "campaign", committeeId: actor!.committeeId, campaignId: campaign.id, key }));
  const texts = await deps.committees.campaignTexts(actor!.committeeId, campaign.id);
  return { kind: "ask", current: texts[key], unitName: actor!.committee.name, title: campaign.title };
}

/** Checks the typed text (several lines kept); an invalid length keeps the input pending. */
function checked(text: string): { ok: true; text: string } | { ok: false; kind: "tooShort" | "tooLong" } {
  const cleaned = cleanText(text, { multiline: true });
  if (textLength(cleaned) < REPORT_TEXT_MIN_LENGTH) return { ok: false, kind: "tooShort" };
  if (textLength(cleaned) > REPORT_TEXT_MAX_LENGTH) return { ok: false, kind: "tooLong" };
  return { ok: true, text: cleaned };
}

/** The typed section of a round's report, checked again on arrival (role, cell, round closed). */
export async function saveRoundText(deps: RoundDeps, actor: MemberWithCell, target: TextTarget & { unit: "round" }, text: string): Promise<ReportTextResult> {
  const round = await roundFor(deps, actor, target.roundId);
  if ("kind" in round) {
    await deps.users.setAwaiting(actor.userId, null);
    return round;
  }
  const result = checked(text);
  if (!result.ok) return { kind: result.kind };
  await deps.rounds.setRoundText(round.id, target.key, result.text);
  await deps.users.setAwaiting(actor.userId, null);
  return { kind: "saved", text: result.text };
}

/** The typed section of a committee's report on a campaign, checked again on arrival. */
export async function saveCampaignText(
  deps: CampaignDeps,
  actor: CommitteeActor | null,
  userId: bigint,
  target: TextTarget & { unit: "campaign" },
  text: string,
): Promise<ReportTextResult> {
  const campaign = await campaignFor(deps, actor, target.campaignId);
  if ("kind" in campaign) {
    await deps.users.setAwaiting(userId, null);
    return campaign;
  }
  const result = checked(text);
  if (!result.ok) return { kind: result.kind };
  await deps.committees.setCampaignText(actor!.committeeId, campaign.id, target.key, result.text);
  await deps.users.setAwaiting(userId, null);
  return { kind: "saved", text: result.text };
}
