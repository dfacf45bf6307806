/**
 * Units not on the bot (issue 19): `/themdonvi <tên>` adds a direct unit of the committee with
 * no group and no members; `/nhapso` lets an officer enter its figures for the committee's
 * latest campaign step by step in private: members, submitted, the meeting's day (or none),
 * members present. The roll-up counts them like a cell's, marked as entered. Aggregates only.
 */
import { dayInZone, type Day } from "../domain/calendar.js";
import { isCommitteeOfficer } from "../domain/committee.js";
import { checklistItems } from "../domain/checklist.js";
import { checkItemSheet, checkMeetingDay, type ItemSheetProblem } from "../domain/meeting.js";
import { normalizeName, TITLE_MAX_LENGTH } from "../domain/names.js";
import type { CommitteeActor } from "./committee.js";
import { ancestorsOf } from "./committee-rollup.js";
import { checklistFor } from "./checklists.js";
import type { AppDeps } from "./deps.js";
import type { CampaignRecord, EnteredFiguresRecord, EnteredUnitRecord } from "./ports.js";
import type { UnreadableReason } from "./ports/template-files.js";
import { serializeAwaited } from "./awaited-input.js";

type Deps = Pick<AppDeps, "campaigns" | "clock" | "committees" | "users">;

/** Members of one unit an office may enter (a cell or a đảng bộ cơ sở, not a province). */
export const ENTERED_MAX_MEMBERS = 99_999;

export type AddUnitResult =
  | { kind: "added"; unit: EnteredUnitRecord }
  | { kind: "exists"; unit: EnteredUnitRecord }
  | { kind: "forbidden" }
  | { kind: "missingName" }
  | { kind: "nameTooLong" };

/** `/themdonvi <tên>` in the committee's group, by an officer. */
export async function addEnteredUnit(deps: Pick<AppDeps, "committees">, actor: CommitteeActor | null, typed: string): Promise<AddUnitResult> {
  if (!actor || !isCommitteeOfficer(actor.role)) return { kind: "forbidden" };
  const name = normalizeName(typed, TITLE_MAX_LENGTH);
  if (!name.ok) return { kind: name.reason === "tooLong" ? "nameTooLong" : "missingName" };
  const { unit, created } = await deps.committees.addEnteredUnit({ committeeId: actor.committeeId, name: name.value, createdByUserId: actor.userId });
  return { kind: created ? "added" : "exists", unit };
}

/** The step of `/nhapso` being answered. */
export type EnterStep = "members" | "submitted" | "day" | "present";

interface PendingEntry {
  committeeId: number;
  unitId: number;
  campaignId: number;
  step: EnterStep;
  members?: number;
  submitted?: number;
  day?: Day;
}

const STEP_CODES: Record<EnterStep, string> = { members: "m", submitted: "s", day: "d", present: "p" };

export function awaitingEntry(p: PendingEntry): string {
  return serializeAwaited("enter", { c: p.committeeId, u: p.unitId, g: p.campaignId, s: STEP_CODES[p.step], n: p.members, f: p.submitted, d: p.day });
}

export function parseAwaitingEntry(stored: string | null): PendingEntry | null {
  try {
    const v = JSON.parse(stored ?? "") as Record<string, unknown>;
    const id = (x: unknown) => Number.isSafeInteger(x) && (x as number) > 0;
    const count = (x: unknown) => (Number.isSafeInteger(x) && (x as number) >= 0 ? (x as number) : undefined);
    const step = (Object.keys(STEP_CODES) as EnterStep[]).find((s) => STEP_CODES[s] === v.s);
    if (v.v !== 1 || v.k !== "enter" || !id(v.c) || !id(v.u) || !id(v.g) || !step) return null;
    const p: PendingEntry = {
      committeeId: v.c as number,
      unitId: v.u as number,
      campaignId: v.g as number,
      step,
      members: count(v.n),
      submitted: count(v.f),
      day: typeof v.d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v.d) ? v.d : undefined,
    };
    if (step !== "members" && p.members === undefined) return null;
    if ((step === "day" || step === "present") && p.submitted === undefined) return null;
    if (step === "present" && !p.day) return null;
    return p;
  } catch {
    return null;
  }
}

export type EnterChoices =
  | { kind: "choose"; units: { actor: CommitteeActor; unit: EnteredUnitRecord; campaign: CampaignRecord }[] }
  | { kind: "forbidden" }
  | { kind: "noUnits" }
  | { kind: "noCampaign" };

/** The campaign figures are entered for: the latest one covering the committee (what /tonghop shows first). */
async function latestCampaign(deps: Pick<AppDeps, "campaigns" | "committees">, committeeId: number): Promise<CampaignRecord | null> {
  const tree = await deps.committees.committeeTree();
  return (await deps.campaigns.campaignsOf([committeeId, ...ancestorsOf(tree, committeeId)], 1))[0] ?? null;
}

/** `/nhapso`: the units not on the bot the officer may enter figures for, each with its committee's latest campaign. */
export async function enterChoices(deps: Deps, actors: CommitteeActor[]): Promise<EnterChoices> {
  const officers = actors.filter((a) => isCommitteeOfficer(a.role));
  if (officers.length === 0) return { kind: "forbidden" };
  const units: { actor: CommitteeActor; unit: EnteredUnitRecord; campaign: CampaignRecord }[] = [];
  let anyUnit = false;
  for (const actor of officers) {
    const own = await deps.committees.enteredUnits([actor.committeeId]);
    if (own.length === 0) continue;
    anyUnit = true;
    const campaign = await latestCampaign(deps, actor.committeeId);
    if (campaign) for (const unit of own) units.push({ actor, unit, campaign });
  }
  if (!anyUnit) return { kind: "noUnits" };
  if (units.length === 0) return { kind: "noCampaign" };
  return { kind: "choose", units };
}

export type EnterResult =
  /** `members`: the unit's members as typed (the bound of the later questions). */
  | { kind: "ask"; step: EnterStep; unit: EnteredUnitRecord; campaign: CampaignRecord; current: EnteredFiguresRecord | null; members?: number }
  | { kind: "saved"; unit: EnteredUnitRecord; campaign: CampaignRecord; figures: EnteredFiguresRecord }
  | { kind: "forbidden" }
  | { kind: "notFound" }
  | { kind: "noCampaign" }
  | { kind: "badNumber"; max: number }
  | { kind: "badDay"; reason: "format" | "impossible" | "future" | "beforeRound"; opened: Day };

/** The unit and campaign an entry is about, checked for the actor (officer of the unit's committee). */
async function target(
  deps: Deps,
  actor: CommitteeActor | null,
  unitId: number,
): Promise<{ unit: EnteredUnitRecord; campaign: CampaignRecord } | Extract<EnterResult, { kind: "forbidden" | "notFound" | "noCampaign" }>> {
  if (!actor || !isCommitteeOfficer(actor.role)) return { kind: "forbidden" };
  const unit = await deps.committees.findEnteredUnit(unitId);
  if (!unit || unit.committeeId !== actor.committeeId) return { kind: "notFound" };
  const campaign = await latestCampaign(deps, actor.committeeId);
  if (!campaign) return { kind: "noCampaign" };
  return { unit, campaign };
}

/** The unit chosen: its figures are asked, starting with its members. */
export async function startEntry(deps: Deps, actor: CommitteeActor | null, unitId: number): Promise<EnterResult> {
  const found = await target(deps, actor, unitId);
  if ("kind" in found) return found;
  await deps.users.setAwaiting(
    actor!.userId,
    awaitingEntry({ committeeId: actor!.committeeId, unitId: found.unit.id, campaignId: found.campaign.id, step: "members" }),
  );
  const current = (await deps.committees.enteredFigures(found.campaign.id, [found.unit.id]))[0] ?? null;
  return { kind: "ask", step: "members", ...found, current };
}

/** "-", "không", "khong", "none": no meeting held. */
const NONE = new Set(["-", "không", "khong", "chưa", "chua", "none", "no"]);

const number = (text: string, max: number): number | null => {
  const m = /^\s*(\d{1,6})\s*$/.exec(text);
  return m && Number(m[1]) <= max ? Number(m[1]) : null;
};

/**
 * One typed answer of `/nhapso`. A wrong answer keeps the question pending; the last one saves
 * the figures (replacing any entered before for the campaign).
 */
export async function entryAnswer(deps: Deps, actor: CommitteeActor | null, userId: bigint, awaiting: string | null, text: string): Promise<EnterResult> {
  const pending = parseAwaitingEntry(awaiting);
  const found = pending ? await target(deps, actor, pending.unitId) : ({ kind: "notFound" } as const);
  // The committee's latest campaign changed in between: the questions are stale.
  if (!pending || "kind" in found || found.campaign.id !== pending.campaignId) {
    await deps.users.setAwaiting(userId, null);
    return "kind" in found ? found : { kind: "noCampaign" };
  }
  const { unit, campaign } = found;
  const ask = async (next: PendingEntry): Promise<EnterResult> => {
    await deps.users.setAwaiting(userId, awaitingEntry(next));
    return { kind: "ask", step: next.step, unit, campaign, current: null, members: next.members };
  };
  const save = async (typed: Omit<EnteredFiguresRecord, "items">): Promise<EnterResult> => {
    // Item counts entered earlier for the campaign are kept (they come from the sheet).
    const before = (await deps.committees.enteredFigures(campaign.id, [unit.id]))[0];
    const figures = { ...typed, items: before?.items ?? null };
    await deps.committees.setEnteredFigures({ ...figures, enteredByUserId: userId });
    await deps.users.setAwaiting(userId, null);
    return { kind: "saved", unit, campaign, figures };
  };
  switch (pending.step) {
    case "members": {
      const members = number(text, ENTERED_MAX_MEMBERS);
      if (members === null || members < 1) return { kind: "badNumber", max: ENTERED_MAX_MEMBERS };
      return ask({ ...pending, step: "submitted", members });
    }
    case "submitted": {
      const submitted = number(text, pending.members!);
      if (submitted === null) return { kind: "badNumber", max: pending.members! };
      return ask({ ...pending, step: "day", submitted });
    }
    case "day": {
      const base = { unitId: unit.id, campaignId: campaign.id, members: pending.members!, submitted: pending.submitted! };
      if (NONE.has(text.trim().toLowerCase())) return save({ ...base, meetingDay: null, present: null });
      const tz = actor!.committee.timezone;
      const opened = dayInZone(campaign.openedAt, tz);
      const day = checkMeetingDay(text, dayInZone(deps.clock(), tz), opened);
      if (!day.ok) return { kind: "badDay", reason: day.reason, opened };
      return ask({ ...pending, step: "present", day: day.day });
    }
    case "present": {
      const present = number(text, pending.members!);
      if (present === null) return { kind: "badNumber", max: pending.members! };
      return save({ unitId: unit.id, campaignId: campaign.id, members: pending.members!, submitted: pending.submitted!, meetingDay: pending.day!, present });
    }
  }
}

/** The filled item-count sheet is small: one row per item. */
export const ITEM_SHEET_MAX_BYTES = 2 * 1024 * 1024;

interface PendingSheet {
  committeeId: number;
  unitId: number;
  campaignId: number;
}

/** Awaited input "the next .xlsx in private is this unit's item-count sheet". */
export const awaitingItemSheet = (p: PendingSheet): string => serializeAwaited("isheet", { c: p.committeeId, u: p.unitId, g: p.campaignId });

export function parseAwaitingItemSheet(stored: string | null): PendingSheet | null {
  try {
    const v = JSON.parse(stored ?? "") as Record<string, unknown>;
    const id = (x: unknown) => Number.isSafeInteger(x) && (x as number) > 0;
    if (v.v === 1 && v.k === "isheet" && id(v.c) && id(v.u) && id(v.g)) return { committeeId: v.c as number, unitId: v.u as number, campaignId: v.g as number };
  } catch {
    // not a sheet
  }
  return null;
}

type SheetDeps = Deps & Pick<AppDeps, "checklists" | "templateFiles">;

export type ItemSheetResult =
  | { kind: "sheet"; bytes: Uint8Array; unit: EnteredUnitRecord; campaign: CampaignRecord }
  | { kind: "saved"; unit: EnteredUnitRecord; campaign: CampaignRecord; items: number; members: number }
  | { kind: "problems"; problems: ItemSheetProblem[] }
  | { kind: "unreadable"; reason: UnreadableReason; detail?: string }
  | { kind: "tooLarge"; maxBytes: number }
  /** The unit's figures (members, submitted) must be entered first: the counts are bounded by them. */
  | { kind: "noFigures" }
  | Extract<EnterResult, { kind: "forbidden" | "notFound" | "noCampaign" }>;

/** "Bảng số biểu hiện": the sheet to fill for the unit (its current counts in it); the next .xlsx in private is read back. */
export async function itemSheet(deps: SheetDeps, actor: CommitteeActor | null, unitId: number): Promise<ItemSheetResult> {
  const found = await target(deps, actor, unitId);
  if ("kind" in found) return found;
  const figures = (await deps.committees.enteredFigures(found.campaign.id, [found.unit.id]))[0];
  if (!figures) return { kind: "noFigures" };
  const checklist = await checklistFor(deps, found.campaign.checklistCode, found.campaign.checklistVersion);
  const bytes = await deps.templateFiles.writeItemSheet({
    checklist,
    unitName: found.unit.name,
    campaignTitle: found.campaign.title,
    counts: figures.items ?? {},
  });
  await deps.users.setAwaiting(actor!.userId, awaitingItemSheet({ committeeId: actor!.committeeId, unitId: found.unit.id, campaignId: found.campaign.id }));
  return { kind: "sheet", bytes, ...found };
}

/**
 * The filled sheet sent back: read, checked (rows and columns named in every problem), and the
 * counts stored with the unit's figures. Problems keep the input pending: the officer fixes the
 * file and sends it again.
 */
export async function importItemSheet(
  deps: SheetDeps,
  actor: CommitteeActor | null,
  userId: bigint,
  awaiting: string | null,
  file: { size: number | null; download: () => Promise<Uint8Array> },
): Promise<ItemSheetResult> {
  const pending = parseAwaitingItemSheet(awaiting);
  const found = pending ? await target(deps, actor, pending.unitId) : ({ kind: "notFound" } as const);
  if (!pending || "kind" in found || found.campaign.id !== pending.campaignId) {
    await deps.users.setAwaiting(userId, null);
    return "kind" in found ? found : { kind: "noCampaign" };
  }
  const figures = (await deps.committees.enteredFigures(found.campaign.id, [found.unit.id]))[0];
  if (!figures) return { kind: "noFigures" };
  if (file.size !== null && file.size > ITEM_SHEET_MAX_BYTES) return { kind: "tooLarge", maxBytes: ITEM_SHEET_MAX_BYTES };
  const bytes = await file.download();
  if (bytes.length > ITEM_SHEET_MAX_BYTES) return { kind: "tooLarge", maxBytes: ITEM_SHEET_MAX_BYTES };
  const read = await deps.templateFiles.readItemSheet(bytes);
  if (!read.ok) return { kind: "unreadable", reason: read.unreadable, detail: read.detail };
  const checklist = await checklistFor(deps, found.campaign.checklistCode, found.campaign.checklistVersion);
  const checked = checkItemSheet(
    read.rows,
    checklistItems(checklist).map((i) => i.code),
    figures.submitted,
  );
  if (!checked.ok) return { kind: "problems", problems: checked.problems };
  await deps.committees.setEnteredFigures({ ...figures, items: checked.items, enteredByUserId: userId });
  await deps.users.setAwaiting(userId, null);
  return { kind: "saved", ...found, items: Object.keys(checked.items).length, members: Object.values(checked.items).reduce((a, b) => a + b, 0) };
}
