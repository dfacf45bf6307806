/**
 * /mau: the checklist templates a unit can use, the one its new rounds use, downloading one as
 * XLSX and importing a file (checked, previewed, then saved as the next version of its code).
 * A template code belongs to the unit that first saved it; the built-in codes to nobody.
 */
import type { Checklist, LocalizedText } from "../domain/checklist.js";
import { canManageRounds } from "../domain/roles.js";
import { checkTemplate, TEMPLATE_LIMITS, type TemplateDraft, type TemplateProblem } from "../domain/templates.js";
import type { AppDeps } from "./deps.js";
import type { MemberWithCell } from "./ports.js";
import type { TemplateFileFormat, UnreadableReason } from "./ports/template-files.js";
import type { TemplateOwner } from "./ports/templates.js";

/** One template as /mau lists it. */
export interface TemplateEntry {
  code: string;
  version: number;
  name: LocalizedText;
  itemCount: number;
  builtIn: boolean;
}

const ownerOfCell = (member: MemberWithCell): TemplateOwner => ({ kind: "CELL", id: member.cellId });

const entryOf = (checklist: Checklist): TemplateEntry => ({
  code: checklist.code, version: checklist.version, name: checklist.title, builtIn: true,
  itemCount: checklist.groups.reduce((n, g) => n + g.items.length, 0),
});

/**
 * The code and version a unit's next round uses: its chosen template's latest version, or the
 * built-in default when it chose none (or its choice no longer exists).
 */
export async function templateForNewRounds(deps: Pick<AppDeps, "checklist" | "checklists" | "templates">, owner: TemplateOwner): Promise<{ code: string; version: number }> {
  const code = await deps.templates.chosenTemplate(owner);
  if (code) {
    const builtIn = deps.checklists.builtIns().find((c) => c.code === code);
    if (builtIn) return { code, version: builtIn.version };
    const version = await deps.templates.latestVersion(code);
    if (version !== null) return { code, version };
  }
  return { code: deps.checklist.code, version: deps.checklist.version };
}

/** The units whose templates a cell may use: its own (a committee's above it, once committees issue them). */
function visibleOwners(member: MemberWithCell): TemplateOwner[] {
  return [ownerOfCell(member)];
}

export type TemplateListResult = { kind: "list"; entries: TemplateEntry[]; chosen: { code: string; version: number } } | { kind: "forbidden" };

/** Built-in templates first, then the unit's own, each at its latest version. */
export async function listTemplates(deps: Pick<AppDeps, "checklist" | "checklists" | "templates">, actor: MemberWithCell): Promise<TemplateListResult> {
  if (!canManageRounds(actor.role)) return { kind: "forbidden" };
  const own = await deps.templates.listTemplates(visibleOwners(actor));
  const entries = [...deps.checklists.builtIns().map(entryOf), ...own.map((t) => ({ code: t.code, version: t.version, name: t.name, itemCount: t.itemCount, builtIn: false }))];
  return { kind: "list", entries, chosen: await templateForNewRounds(deps, ownerOfCell(actor)) };
}

async function visibleEntry(deps: Pick<AppDeps, "checklist" | "checklists" | "templates">, actor: MemberWithCell, code: string): Promise<TemplateEntry | null> {
  const listed = await listTemplates(deps, actor);
  return listed.kind === "list" ? listed.entries.find((e) => e.code === code) ?? null : null;
}

export type ChooseResult = { kind: "chosen"; entry: TemplateEntry } | { kind: "forbidden" } | { kind: "notFound" };

/** "Dùng cho các đợt mới": rounds opened from now on use this template; open and closed rounds keep theirs. */
export async function chooseTemplate(deps: Pick<AppDeps, "checklist" | "checklists" | "templates">, actor: MemberWithCell, code: string): Promise<ChooseResult> {
  if (!canManageRounds(actor.role)) return { kind: "forbidden" };
  const entry = await visibleEntry(deps, actor, code);
  if (!entry) return { kind: "notFound" };
  await deps.templates.chooseTemplate(ownerOfCell(actor), entry.builtIn && entry.code === deps.checklist.code ? null : entry.code);
  return { kind: "chosen", entry };
}

export type DownloadResult = { kind: "file"; bytes: Uint8Array; fileName: string; entry: TemplateEntry } | { kind: "forbidden" } | { kind: "notFound" };

/** "Tải về (XLSX)": the template's latest version in the layout the import reads back. */
export async function downloadTemplate(deps: Pick<AppDeps, "checklist" | "checklists" | "templateFiles" | "templates">, actor: MemberWithCell, code: string): Promise<DownloadResult> {
  if (!canManageRounds(actor.role)) return { kind: "forbidden" };
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
  deps: Pick<AppDeps, "checklists" | "clock" | "templateFiles" | "templates">, actor: MemberWithCell, file: IncomingFile,
): Promise<ImportResult> {
  if (!canManageRounds(actor.role)) return { kind: "forbidden" };
  const format = formatOf(file.fileName);
  if (!format) return { kind: "unsupported" };
  if (file.size !== null && file.size > TEMPLATE_LIMITS.fileBytes) return { kind: "tooLarge", maxBytes: TEMPLATE_LIMITS.fileBytes };
  const bytes = await file.download();
  if (bytes.length > TEMPLATE_LIMITS.fileBytes) return { kind: "tooLarge", maxBytes: TEMPLATE_LIMITS.fileBytes };
  const read = await deps.templateFiles.read(bytes, format);
  if (!read.ok) return "unreadable" in read ? { kind: "unreadable", reason: read.unreadable, ...(read.detail ? { detail: read.detail } : {}) } : { kind: "problems", problems: read.problems, format };
  const checked = checkTemplate(read.input);
  if (!checked.ok) return { kind: "problems", problems: checked.problems, format };
  const { draft } = checked;
  const owner = ownerOfCell(actor);
  const codeOwner = await deps.templates.codeOwner(draft.code);
  const builtIn = deps.checklists.isBuiltIn(draft.code);
  if (builtIn || (codeOwner && (codeOwner.kind !== owner.kind || codeOwner.id !== owner.id))) {
    return { kind: "problems", format, problems: [{ sheet: "info", row: read.input.infoRows.code ?? null, field: "code", kind: "codeTaken", value: draft.code, builtIn }] };
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
export async function saveTemplate(deps: Pick<AppDeps, "clock" | "templates">, actor: MemberWithCell, draftId: number): Promise<SaveResult> {
  if (!canManageRounds(actor.role)) return { kind: "forbidden" };
  const found = await deps.templates.findDraft(draftId);
  if (!found || found.owner.kind !== "CELL" || found.owner.id !== actor.cellId || found.importedByUserId !== actor.userId) return { kind: "notFound" };
  const published = await deps.templates.publishDraft(draftId, deps.clock());
  if (!published.ok) return published.reason === "codeTaken" ? { kind: "codeTaken", code: found.draft.code } : { kind: "notFound" };
  return { kind: "saved", code: found.draft.code, version: published.version, name: found.draft.name, itemCount: found.draft.itemCount };
}

export type DeleteResult = { kind: "deleted"; code: string } | { kind: "inUse"; code: string } | { kind: "forbidden" } | { kind: "notFound" };

/** "Xóa mẫu": only the unit's own template, and only while no round was opened on any of its versions. */
export async function deleteTemplate(deps: Pick<AppDeps, "templates">, actor: MemberWithCell, code: string): Promise<DeleteResult> {
  if (!canManageRounds(actor.role)) return { kind: "forbidden" };
  const owner = await deps.templates.codeOwner(code);
  if (!owner || owner.kind !== "CELL" || owner.id !== actor.cellId) return { kind: "notFound" };
  if (await deps.templates.templateInUse(code)) return { kind: "inUse", code };
  await deps.templates.deleteTemplate(code);
  return { kind: "deleted", code };
}
