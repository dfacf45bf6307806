/**
 * Where a round's checklist comes from: the built-in files (locales/checklists) or a template a
 * unit imported (the templates port). Saved template versions never change, so what was read
 * once is kept in a small cache: the answer path asks for its form's checklist on every press.
 */
import { checklistItems, compareCodes, type Checklist } from "../domain/checklist.js";
import type { TemplatesRepository } from "./ports/templates.js";

export const checklistKey = (code: string, version: number): string => `${code}@${version}`;

/** Every checklist the deployment knows, built in or imported. */
export interface ChecklistCatalog {
  /** The checklist `code` version `version`, or null when there is none. */
  find(code: string, version: number): Promise<Checklist | null>;
  /** The built-in checklists, latest version of each code. */
  builtIns(): Checklist[];
  /** True when the code is a built-in one (no unit may import under it). */
  isBuiltIn(code: string): boolean;
  /** A built-in checklist by code and version, without a look-up (tests and benches). */
  builtIn(code: string, version: number): Checklist | undefined;
}

/** The catalog over the shipped files and the templates port; keeps up to `cacheSize` imported checklists. */
export function checklistCatalog(
  shipped: ReadonlyMap<string, Checklist>,
  templates: Pick<TemplatesRepository, "findChecklist"> | null,
  cacheSize = 100,
): ChecklistCatalog {
  const cache = new Map<string, Checklist>();
  const latest = new Map<string, Checklist>();
  for (const c of shipped.values()) if ((latest.get(c.code)?.version ?? 0) < c.version) latest.set(c.code, c);
  return {
    async find(code, version) {
      const key = checklistKey(code, version);
      const known = shipped.get(key) ?? cache.get(key);
      if (known) return known;
      const loaded = templates ? await templates.findChecklist(code, version) : null;
      if (!loaded) return null;
      if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!);
      cache.set(key, loaded);
      return loaded;
    },
    builtIns: () => [...latest.values()],
    isBuiltIn: (code) => latest.has(code),
    builtIn: (code, version) => shipped.get(checklistKey(code, version)),
  };
}

/** The part of the app's dependencies (AppDeps) the checklist look-ups use. */
interface ChecklistDeps {
  checklists: ChecklistCatalog;
}

/** The checklist a round or form was made with. */
export async function checklistFor(deps: ChecklistDeps, code: string, version: number): Promise<Checklist> {
  const found = await deps.checklists.find(code, version);
  if (!found) throw new Error(`Unknown checklist ${code} v${version}`);
  return found;
}

/** The checklists of several rounds or forms, looked up once each, for presenters that read them synchronously. */
export async function checklistsFor(
  deps: ChecklistDeps,
  refs: Iterable<{ checklistCode: string; checklistVersion: number }>,
): Promise<(code: string, version: number) => Checklist> {
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

/** Position of a stored item code in its own checklist (buttons carry the position). */
export async function itemIndex(deps: ChecklistDeps, item: { checklistCode: string; checklistVersion: number; itemCode: string }): Promise<number> {
  return itemIndexIn(await checklistFor(deps, item.checklistCode, item.checklistVersion), item.itemCode);
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
