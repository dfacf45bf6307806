/** Checklist templates a unit imported (DESIGN.md §7): drafts checked and previewed, saved versions, each unit's choice. */
import type { Checklist, LocalizedText } from "../../domain/checklist.js";
import type { TemplateDraft } from "../../domain/templates.js";

/** The unit a template belongs to, or whose choice it is: a cell, or a committee. */
export interface TemplateOwner {
  kind: "CELL" | "COMMITTEE";
  id: number;
}

/** A saved template version as a list shows it. */
export interface TemplateSummary {
  code: string;
  version: number;
  name: LocalizedText;
  itemCount: number;
  owner: TemplateOwner;
  savedAt: Date;
}

/** A checked file waiting for the importer's "Lưu mẫu". */
export interface TemplateDraftRecord {
  id: number;
  owner: TemplateOwner;
  importedByUserId: bigint;
  draft: TemplateDraft;
  /** The version it was saved as; null until saved. */
  savedVersion: number | null;
}

export type PublishResult = { ok: true; version: number } | { ok: false; reason: "codeTaken"; owner: TemplateOwner } | { ok: false; reason: "notFound" };

export interface TemplatesRepository {
  /** Keeps a clean file's template until it is saved (nothing is visible to anyone meanwhile). */
  createDraft(input: { owner: TemplateOwner; importedByUserId: bigint; draft: TemplateDraft }, now: Date): Promise<number>;
  findDraft(id: number): Promise<TemplateDraftRecord | null>;
  /**
   * Saves a draft as the next version of its code (1 for a new code), in one transaction;
   * refused when the code's saved versions belong to another unit. Saving twice returns the
   * version of the first save.
   */
  publishDraft(id: number, now: Date): Promise<PublishResult>;
  /** A saved version as a checklist (saved versions never change). */
  findChecklist(code: string, version: number): Promise<Checklist | null>;
  /** The unit whose code it is, or null when no version is saved. */
  codeOwner(code: string): Promise<TemplateOwner | null>;
  /** The latest saved version of every code these units own. */
  listTemplates(owners: TemplateOwner[]): Promise<TemplateSummary[]>;
  /** The latest saved version of a code. */
  latestVersion(code: string): Promise<number | null>;
  /** The code of the template a unit's new rounds use (null: the built-in default). */
  chosenTemplate(owner: TemplateOwner): Promise<string | null>;
  chooseTemplate(owner: TemplateOwner, code: string | null): Promise<void>;
  /** Whether any round was opened on some version of the code (it cannot be deleted then). */
  templateInUse(code: string): Promise<boolean>;
  /** Deletes every version of a code nobody used. */
  deleteTemplate(code: string): Promise<void>;
}
