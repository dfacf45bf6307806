import { checklistItems, compareCodes, type Checklist } from "../domain/checklist.js";
import type { ChecklistCatalog } from "./checklists.js";
import type { DocumentRenderer, Stores } from "./ports.js";
import type { TemplateFiles } from "./ports/template-files.js";

export { checklistKey } from "./checklists.js";

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

/** The checklist a round or form was made with. */
export async function checklistFor(deps: Pick<AppDeps, "checklists">, code: string, version: number): Promise<Checklist> {
  const found = await deps.checklists.find(code, version);
  if (!found) throw new Error(`Unknown checklist ${code} v${version}`);
  return found;
}

/** The checklists of several rounds or forms, looked up once each, for presenters that read them synchronously. */
export async function checklistsFor(deps: Pick<AppDeps, "checklists">, refs: Iterable<{ checklistCode: string; checklistVersion: number }>): Promise<(code: string, version: number) => Checklist> {
  const found = new Map<string, Checklist>();
  for (const ref of refs) {
    const key = `${ref.checklistCode}@${ref.checklistVersion}`;
    if (!found.has(key)) found.set(key, await checklistFor(deps, ref.checklistCode, ref.checklistVersion));
  }
  return (code, version) => {
    const checklist = found.get(`${code}@${version}`);
    if (!checklist) throw new Error(`Checklist ${code} v${version} was not looked up`);
    return checklist;
  };
}

/** Position of a stored item code in its own checklist (buttons carry the position). */
export function itemIndexIn(checklist: Checklist, itemCode: string): number {
  return checklistItems(checklist).findIndex((c) => c.code === itemCode);
}

/**
 * Correction items form by form, each form's in its checklist's order (the store returns them
 * in code order, which is not the checklist's: "1.10" before "1.2", "Z1" before "a1"). An item
 * whose code the checklist lacks (index -1) comes last.
 */
export function inChecklistOrder<T extends { assessmentId: number; index: number; itemCode: string }>(items: T[]): T[] {
  const position = (i: T) => (i.index < 0 ? Number.MAX_SAFE_INTEGER : i.index);
  return [...items].sort((a, b) => a.assessmentId - b.assessmentId || position(a) - position(b) || compareCodes(a.itemCode, b.itemCode));
}

/** Position of a stored item code in its own checklist (buttons carry the position). */
export async function itemIndex(deps: Pick<AppDeps, "checklists">, item: { checklistCode: string; checklistVersion: number; itemCode: string }): Promise<number> {
  return itemIndexIn(await checklistFor(deps, item.checklistCode, item.checklistVersion), item.itemCode);
}
