/**
 * /mau: the checklist templates a unit can use, the one its new rounds use, downloading one as
 * XLSX and importing a file (checked, previewed, then saved as the next version of its code).
 * A unit is a cell (its secretary and deputy act for it) or a committee (its officers act for
 * it: bí thư, phó bí thư, cán bộ văn phòng). A template code belongs to the unit that first
 * saved it; the built-in codes to nobody. A cell sees its own templates and those of every
 * committee above it; a committee its own and those above it.
 */
import type { Checklist, LocalizedText } from "../domain/checklist.js";
import { isCommitteeOfficer, parentMap } from "../domain/committee.js";
import { canManageRounds } from "../domain/roles.js";
import { checkTemplate, TEMPLATE_LIMITS, type TemplateDraft, type TemplateProblem } from "../domain/templates.js";
import type { Caller } from "./caller.js";
import type { AppDeps } from "./deps.js";
import type { MemberWithCell } from "./ports.js";
import type { TemplateFileFormat, UnreadableReason } from "./ports/template-files.js";
import type { TemplateOwner } from "./ports/templates.js";
import { serializeAwaited } from "./awaited-input.js";

/** One template as /mau lists it. */
export interface TemplateEntry {
  code: string;
  version: number;
  name: LocalizedText;
  itemCount: number;
  builtIn: boolean;
  /** The unit that issued it (null for a built-in one); `ownerName` is that unit's name. */
  owner: TemplateOwner | null;
  ownerName: string;
  /** The acting unit's own template (it may delete it). */
  own: boolean;
}

/** Someone acting in /mau for one unit, with the units whose templates that unit may use. */
export interface TemplateActor {
  owner: TemplateOwner;
  unitName: string;
  userId: bigint;
  /** The unit itself first, then the committees above it, nearest first. */
  visible: { owner: TemplateOwner; name: string }[];
}

type UnitDeps = Pick<AppDeps, "committees">;

const sameOwner = (a: TemplateOwner | null, b: TemplateOwner | null): boolean => a !== null && b !== null && a.kind === b.kind && a.id === b.id;

/** The committees above a unit (the committee `parentId` and its ancestors), nearest first. */
async function committeesAbove(deps: UnitDeps, parentId: number | null): Promise<{ owner: TemplateOwner; name: string }[]> {
  if (parentId === null) return [];
  const tree = await deps.committees.committeeTree();
  const parents = parentMap(tree);
  const names = new Map(tree.map((n) => [n.id, n.name]));
  const above: { owner: TemplateOwner; name: string }[] = [];
  // The tree has no loops (linking refuses them); the bound guards against bad data anyway.
  for (let id: number | null | undefined = parentId; id !== null && id !== undefined && above.length < tree.length; id = parents.get(id)) {
    above.push({ owner: { kind: "COMMITTEE", id }, name: names.get(id) ?? "" });
  }
  return above;
}

/** The cell's secretary or deputy acting for the cell; null for anyone else. */
export async function cellTemplateActor(deps: UnitDeps, member: MemberWithCell): Promise<TemplateActor | null> {
  if (!canManageRounds(member.role)) return null;
  const owner: TemplateOwner = { kind: "CELL", id: member.cellId };
  return {
    owner,
    unitName: member.cell.name,
    userId: member.userId,
    visible: [{ owner, name: member.cell.name }, ...(await committeesAbove(deps, await deps.committees.cellParent(member.cellId)))],
  };
}

/**
 * Every unit the person may manage templates for: their cell (secretary, deputy), then each
 * committee where they are an officer. Empty: /mau is not theirs.
 */
export async function templateActors(deps: UnitDeps, userId: bigint, member: MemberWithCell | null): Promise<TemplateActor[]> {
  const actors: TemplateActor[] = [];
  const cell = member && (await cellTemplateActor(deps, member));
  if (cell) actors.push(cell);
  for (const entry of await deps.committees.rostersOf(userId)) {
    if (!isCommitteeOfficer(entry.role)) continue;
    const owner: TemplateOwner = { kind: "COMMITTEE", id: entry.committeeId };
    actors.push({
      owner,
      unitName: entry.committee.name,
      userId,
      visible: [{ owner, name: entry.committee.name }, ...(await committeesAbove(deps, entry.committee.parentCommitteeId))],
    });
  }
  return actors;
}

/** A member passed where an actor is expected (the cell's own screens, tests): their cell's actor, or null (not an officer). */
async function actorOf(deps: UnitDeps, actor: MemberWithCell | TemplateActor): Promise<TemplateActor | null> {
  return "visible" in actor ? actor : cellTemplateActor(deps, actor);
}

const entryOf = (checklist: Checklist): TemplateEntry => ({
  code: checklist.code,
  version: checklist.version,
  name: checklist.title,
  builtIn: true,
  owner: null,
  ownerName: "",
  own: false,
  itemCount: checklist.groups.reduce((n, g) => n + g.items.length, 0),
});

/**
 * The code and version a unit's next round uses: its chosen template's latest version, or the
 * built-in default when it chose none (or its choice no longer exists).
 */
export async function templateForNewRounds(
  deps: Pick<AppDeps, "checklist" | "checklists" | "templates">,
  owner: TemplateOwner,
): Promise<{ code: string; version: number }> {
  const code = await deps.templates.chosenTemplate(owner);
  if (code) {
    const builtIn = deps.checklists.builtIns().find((c) => c.code === code);
    if (builtIn) return { code, version: builtIn.version };
    const version = await deps.templates.latestVersion(code);
    if (version !== null) return { code, version };
  }
  return { code: deps.checklist.code, version: deps.checklist.version };
}

export type TemplateListResult =
  { kind: "list"; entries: TemplateEntry[]; chosen: { code: string; version: number }; actor: TemplateActor } | { kind: "forbidden" };

type ListDeps = Pick<AppDeps, "checklist" | "checklists" | "committees" | "templates">;

/** Built-in templates first, then the unit's own, then those of the committees above it, each at its latest version. */
export async function listTemplates(deps: ListDeps, actorOrMember: MemberWithCell | TemplateActor): Promise<TemplateListResult> {
  const actor = await actorOf(deps, actorOrMember);
  if (!actor) return { kind: "forbidden" };
  const saved = await deps.templates.listTemplates(actor.visible.map((v) => v.owner));
  const rank = (owner: TemplateOwner) => actor.visible.findIndex((v) => sameOwner(v.owner, owner));
  const entries = [
    ...deps.checklists.builtIns().map(entryOf),
    ...saved
      .filter((t) => rank(t.owner) >= 0)
      .sort((a, b) => rank(a.owner) - rank(b.owner))
      .map((t) => ({
        code: t.code,
        version: t.version,
        name: t.name,
        itemCount: t.itemCount,
        builtIn: false,
        owner: t.owner,
        ownerName: actor.visible[rank(t.owner)]!.name,
        own: sameOwner(t.owner, actor.owner),
      })),
  ];
  return { kind: "list", entries, chosen: await templateForNewRounds(deps, actor.owner), actor };
}

async function visibleEntry(deps: ListDeps, actor: TemplateActor, code: string): Promise<TemplateEntry | null> {
  const listed = await listTemplates(deps, actor);
  return listed.kind === "list" ? (listed.entries.find((e) => e.code === code) ?? null) : null;
}

export type ChooseResult = { kind: "chosen"; entry: TemplateEntry; actor: TemplateActor } | { kind: "forbidden" } | { kind: "notFound" };

/**
 * "Dùng cho các đợt mới": rounds opened from now on use this template (a committee's: its
 * campaigns); open and closed rounds keep theirs.
 */
export async function chooseTemplate(deps: ListDeps, actorOrMember: MemberWithCell | TemplateActor, code: string): Promise<ChooseResult> {
  const actor = await actorOf(deps, actorOrMember);
  if (!actor) return { kind: "forbidden" };
  const entry = await visibleEntry(deps, actor, code);
  if (!entry) return { kind: "notFound" };
  await deps.templates.chooseTemplate(actor.owner, entry.builtIn && entry.code === deps.checklist.code ? null : entry.code);
  return { kind: "chosen", entry, actor };
}

export type DownloadResult = { kind: "file"; bytes: Uint8Array; fileName: string; entry: TemplateEntry } | { kind: "forbidden" } | { kind: "notFound" };

/** "Tải về (XLSX)": the template's latest version in the layout the import reads back. */
export async function downloadTemplate(
  deps: ListDeps & Pick<AppDeps, "templateFiles">,
  actorOrMember: MemberWithCell | TemplateActor,
  code: string,
): Promise<DownloadResult> {
  const actor = await actorOf(deps, actorOrMember);
  if (!actor) return { kind: "forbidden" };
  const entry = await visibleEntry(deps, actor, code);
  const checklist = entry && (await deps.checklists.find(entry.code, entry.version));
  if (!entry || !checklist) return { kind: "notFound" };
  return { kind: "file", bytes: await deps.templateFiles.writeXlsx(checklist), fileName: `mau-${entry.code}-v${entry.version}.xlsx`, entry };
}

/** A file as the channel received it. */
export interface IncomingFile {
  fileName: string;
  /** The size the channel announced, checked before anything is downloaded. */
  size: number | null;
  download(): Promise<Uint8Array>;
}

export type ImportResult =
  | { kind: "preview"; draftId: number; draft: TemplateDraft; version: number }
  | { kind: "problems"; problems: TemplateProblem[]; format: TemplateFileFormat }
  | { kind: "unreadable"; reason: UnreadableReason; detail?: string }
  | { kind: "tooLarge"; maxBytes: number }
  | { kind: "unsupported" }
  | { kind: "forbidden" };

/** The format a file name says, or null for anything else. */
export function formatOf(fileName: string): TemplateFileFormat | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".xlsx")) return "xlsx";
  if (lower.endsWith(".json")) return "json";
  return null;
}

/**
 * A file sent to the bot: read, every rule checked, the code's owner checked; a clean file is
 * kept as a draft for the preview. Nothing anyone can see changes until it is saved.
 */
export async function importTemplateFile(
  deps: Pick<AppDeps, "checklists" | "clock" | "committees" | "templateFiles" | "templates">,
  actorOrMember: MemberWithCell | TemplateActor,
  file: IncomingFile,
): Promise<ImportResult> {
  const actor = await actorOf(deps, actorOrMember);
  if (!actor) return { kind: "forbidden" };
  const format = formatOf(file.fileName);
  if (!format) return { kind: "unsupported" };
  if (file.size !== null && file.size > TEMPLATE_LIMITS.fileBytes) return { kind: "tooLarge", maxBytes: TEMPLATE_LIMITS.fileBytes };
  const bytes = await file.download();
  if (bytes.length > TEMPLATE_LIMITS.fileBytes) return { kind: "tooLarge", maxBytes: TEMPLATE_LIMITS.fileBytes };
  const read = await deps.templateFiles.read(bytes, format);
  if (!read.ok)
    return "unreadable" in read
      ? { kind: "unreadable", reason: read.unreadable, ...(read.detail ? { detail: read.detail } : {}) }
      : { kind: "problems", problems: read.problems, format };
  const checked = checkTemplate(read.input);
  if (!checked.ok) return { kind: "problems", problems: checked.problems, format };
  const { draft } = checked;
  const { owner } = actor;
  const codeOwner = await deps.templates.codeOwner(draft.code);
  const builtIn = deps.checklists.isBuiltIn(draft.code);
  if (builtIn || (codeOwner && (codeOwner.kind !== owner.kind || codeOwner.id !== owner.id))) {
    return {
      kind: "problems",
      format,
      problems: [{ sheet: "info", row: read.input.infoRows.code ?? null, field: "code", kind: "codeTaken", value: draft.code, builtIn }],
    };
  }
  const draftId = await deps.templates.createDraft({ owner, importedByUserId: actor.userId, draft }, deps.clock());
  return { kind: "preview", draftId, draft, version: ((await deps.templates.latestVersion(draft.code)) ?? 0) + 1 };
}

export type SaveResult =
  | { kind: "saved"; code: string; version: number; name: LocalizedText; itemCount: number }
  | { kind: "codeTaken"; code: string }
  | { kind: "forbidden" }
  | { kind: "notFound" };

/** "Lưu mẫu" under a preview: the draft becomes the next version of its code (pressed twice: saved once). */
export async function saveTemplate(
  deps: Pick<AppDeps, "clock" | "committees" | "templates">,
  actorOrMember: MemberWithCell | TemplateActor,
  draftId: number,
): Promise<SaveResult> {
  const actor = await actorOf(deps, actorOrMember);
  if (!actor) return { kind: "forbidden" };
  const found = await deps.templates.findDraft(draftId);
  if (!found || !sameOwner(found.owner, actor.owner) || found.importedByUserId !== actor.userId) return { kind: "notFound" };
  const published = await deps.templates.publishDraft(draftId, deps.clock());
  if (!published.ok) return published.reason === "codeTaken" ? { kind: "codeTaken", code: found.draft.code } : { kind: "notFound" };
  return { kind: "saved", code: found.draft.code, version: published.version, name: found.draft.name, itemCount: found.draft.itemCount };
}

export type DeleteResult = { kind: "deleted"; code: string } | { kind: "inUse"; code: string } | { kind: "forbidden" } | { kind: "notFound" };

/** "Xóa mẫu": only the unit's own template, and only while no round was opened on any of its versions. */
export async function deleteTemplate(
  deps: Pick<AppDeps, "committees" | "templates">,
  actorOrMember: MemberWithCell | TemplateActor,
  code: string,
): Promise<DeleteResult> {
  const actor = await actorOf(deps, actorOrMember);
  if (!actor) return { kind: "forbidden" };
  const owner = await deps.templates.codeOwner(code);
  if (!sameOwner(owner, actor.owner)) return { kind: "notFound" };
  if (await deps.templates.templateInUse(code)) return { kind: "inUse", code };
  await deps.templates.deleteTemplate(code);
  return { kind: "deleted", code };
}

/** Awaited input after "Nhập mẫu mới": the next file is a template for this unit. */
export function awaitingTemplateFile(owner: TemplateOwner): string {
  return serializeAwaited("template", { u: owner.kind === "CELL" ? `c${owner.id}` : `k${owner.id}` });
}

export function parseAwaitingTemplateFile(stored: string | null): TemplateOwner | null {
  try {
    const v = JSON.parse(stored ?? "") as { v?: number; k?: string; u?: string };
    const m = v.v === 1 && v.k === "template" ? /^([ck])([1-9]\d{0,9})$/.exec(v.u ?? "") : null;
    if (m) return { kind: m[1] === "c" ? "CELL" : "COMMITTEE", id: Number(m[2]) };
  } catch {
    // not a template file awaited
  }
  return null;
}

/** "Nhập mẫu mới" under a unit's list: the next file the person sends is that unit's template. */
export async function expectTemplateFile(deps: Pick<AppDeps, "users">, actor: TemplateActor): Promise<void> {
  await deps.users.setAwaiting(actor.userId, awaitingTemplateFile(actor.owner));
}

/**
 * The unit a file sent in private chat is imported for: the one whose "Nhập mẫu mới" was
 * pressed last; else the person's cell; else their only committee. Several committees and no
 * choice: "ambiguous" (the person presses "Nhập mẫu mới" under the right list first).
 */
export function actorForFile(actors: TemplateActor[], awaiting: string | null): TemplateActor | "ambiguous" | null {
  const awaited = parseAwaitingTemplateFile(awaiting);
  const chosen = awaited && actors.find((a) => sameOwner(a.owner, awaited));
  if (chosen) return chosen;
  const cell = actors.find((a) => a.owner.kind === "CELL");
  if (cell) return cell;
  if (actors.length === 1) return actors[0]!;
  return actors.length === 0 ? null : "ambiguous";
}

/** After a file was read as a template: the awaited "Nhập mẫu mới" is done. */
export async function fileHandled(deps: Pick<AppDeps, "users">, userId: bigint, awaiting: string | null): Promise<void> {
  if (parseAwaitingTemplateFile(awaiting)) await deps.users.setAwaiting(userId, null);
}

/** The actor a /mau button acts for: the unit it names, or the presser's cell for a button without one. */
export function actorForButton(actors: TemplateActor[], unit: TemplateOwner | undefined): TemplateActor | null {
  return actors.find((a) => (unit ? sameOwner(a.owner, unit) : a.owner.kind === "CELL")) ?? null;
}

/** What a /mau button asks, for the unit it names (none: the caller's cell, as buttons sent before units). */
export type TemplateIntent = ({ action: "use" | "download" | "delete"; code: string } | { action: "save"; id: number } | { action: "import" }) & {
  unit?: TemplateOwner;
};

export type TemplateIntentResult =
  /** Asked elsewhere than the caller's own private chat: templates are handled there only. */
  | { kind: "privateOnly" }
  /** The unit named is not one the caller manages now (a forged or stale button). */
  | { kind: "forbidden" }
  | { kind: "importExpected"; actor: TemplateActor }
  | { kind: "use"; actor: TemplateActor; result: ChooseResult }
  | { kind: "download"; actor: TemplateActor; result: DownloadResult }
  | { kind: "delete"; actor: TemplateActor; result: DeleteResult }
  | { kind: "save"; actor: TemplateActor; result: SaveResult };

/**
 * A template action, for a caller who manages the unit it names (their cell as secretary or
 * deputy, a committee as officer), asked in their own private chat or on the web.
 */
export async function templateAction(
  deps: UnitDeps & ListDeps & Pick<AppDeps, "answerPath" | "clock" | "templateFiles" | "users">,
  caller: Caller,
  intent: TemplateIntent,
): Promise<TemplateIntentResult> {
  if (caller.from.kind !== "private" && caller.from.kind !== "web") return { kind: "privateOnly" };
  const member = await deps.answerPath.findActiveMembership(caller.userId);
  const actor = actorForButton(await templateActors(deps, caller.userId, member), intent.unit);
  if (!actor) return { kind: "forbidden" };
  switch (intent.action) {
    case "import":
      await expectTemplateFile(deps, actor);
      return { kind: "importExpected", actor };
    case "use":
      return { kind: "use", actor, result: await chooseTemplate(deps, actor, intent.code) };
    case "download":
      return { kind: "download", actor, result: await downloadTemplate(deps, actor, intent.code) };
    case "delete":
      return { kind: "delete", actor, result: await deleteTemplate(deps, actor, intent.code) };
    case "save":
      return { kind: "save", actor, result: await saveTemplate(deps, actor, intent.id) };
  }
}
