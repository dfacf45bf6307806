import { checklistItems, type Checklist } from "../domain/checklist.js";
import type { DocumentRenderer, Stores } from "./ports.js";

/**
 * Everything a use case may depend on: the storage ports, the report file renderer, the
 * checklists and the clock. Passed explicitly; nothing is global. A use case declares the
 * part it uses (`Pick<AppDeps, "rounds" | "clock">`), so its dependencies read off its signature.
 */
export interface AppDeps extends Stores {
  documents: DocumentRenderer;
  /** The checklist new rounds use. */
  checklist: Checklist;
  /** Every checklist version the deployment knows, by "code@version" (old rounds keep theirs). */
  checklists: ReadonlyMap<string, Checklist>;
  clock: () => Date;
  defaultTimezone: string;
  /** Random, unguessable code for a cell's join link. */
  newJoinCode: () => string;
}

export const checklistKey = (code: string, version: number): string => `${code}@${version}`;

/** The checklist a round or form was made with. */
export function checklistFor(deps: Pick<AppDeps, "checklists">, code: string, version: number): Checklist {
  const found = deps.checklists.get(checklistKey(code, version));
  if (!found) throw new Error(`Unknown checklist ${code} v${version}`);
  return found;
}

/** Position of a stored item code in its own checklist (buttons carry the position). */
export function itemIndex(deps: Pick<AppDeps, "checklists">, item: { checklistCode: string; checklistVersion: number; itemCode: string }): number {
  return checklistItems(checklistFor(deps, item.checklistCode, item.checklistVersion)).findIndex((c) => c.code === item.itemCode);
}
