/** Loads checklist templates from locales/checklists/*.json and validates them. */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { checklistProblems, ITEM_CODE, type Checklist } from "../domain/checklist.js";
import { checklistKey } from "../app/checklists.js";
import { localesDir } from "./i18n/index.js";

const text = z.object({ vi: z.string().min(1), en: z.string().min(1) });
const schema = z.object({
  code: z.string().min(1),
  version: z.number().int().positive(),
  title: text,
  source: text,
  /** Where the official wording of which items was checked (kept in the file for readers; not shown). */
  sources: z.array(z.object({ items: z.string(), source: z.string() })).optional(),
  groups: z
    .array(
      z.object({
        number: z.number().int().positive(),
        title: text,
        shortTitle: text,
        items: z.array(z.object({ code: z.string().regex(ITEM_CODE), verbatim: z.boolean(), text, short: text })).min(1),
      }),
    )
    .min(1),
});

/** The built-in checklist new rounds use when their unit chose no template (rounds on version 1 keep it). */
export const DEFAULT_CHECKLIST = { code: "nq04-xii", version: 2 } as const;

export function loadChecklistFile(file: string): Checklist {
  const checklist = schema.parse(JSON.parse(readFileSync(file, "utf8")));
  const problems = checklistProblems(checklist);
  if (problems.length > 0) throw new Error(`Checklist ${file}: ${problems.join("; ")}`);
  return checklist;
}

/** Every checklist template shipped, by "code@version". */
export function loadChecklists(dir = path.join(localesDir, "checklists")): Map<string, Checklist> {
  const all = new Map<string, Checklist>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const checklist = loadChecklistFile(path.join(dir, file));
    all.set(checklistKey(checklist.code, checklist.version), checklist);
  }
  return all;
}
