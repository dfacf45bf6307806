import { checklistItems, type Checklist } from "../domain/checklist.js";
import type { Store } from "./ports.js";

/** Everything a use case may depend on. Passed explicitly; nothing is global. */
export interface AppDeps {
  store: Store;
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
export function checklistFor(deps: AppDeps, code: string, version: number): Checklist {
  const found = deps.checklists.get(checklistKey(code, version));
  if (!found) throw new Error(`Unknown checklist ${code} v${version}`);
  return found;
}

/** Position of a stored item code in its own checklist (buttons carry the position). */
export function itemIndex(deps: AppDeps, item: { checklistCode: string; checklistVersion: number; itemCode: string }): number {
  return checklistItems(checklistFor(deps, item.checklistCode, item.checklistVersion)).findIndex((c) => c.code === item.itemCode);
}
