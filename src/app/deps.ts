import type { Checklist } from "../domain/checklist.js";
import type { ChecklistCatalog } from "./checklists.js";
import type { DocumentRenderer, Stores } from "./ports.js";
import type { TemplateFiles } from "./ports/template-files.js";

/**
 * Everything a use case may depend on: the storage ports, the report file renderer, the
 * checklists and the clock. Passed explicitly; nothing is global. A use case declares the
 * part it uses (`Pick<AppDeps, "rounds" | "clock">`), so its dependencies read off its signature.
 */
export interface AppDeps extends Stores {
  documents: DocumentRenderer;
  /** Reads a template file a user sent and writes one for download (/mau). */
  templateFiles: TemplateFiles;
  /** The built-in checklist new rounds use when their unit chose no template. */
  checklist: Checklist;
  /** Every checklist version the deployment knows, built in or imported (old rounds keep theirs). */
  checklists: ChecklistCatalog;
  clock: () => Date;
  defaultTimezone: string;
  /** Random, unguessable code for a cell's join link. */
  newJoinCode: () => string;
}
