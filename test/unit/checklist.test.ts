import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it, expect } from "vitest";
import { checklistItems, checklistProblems, itemCodes, type Checklist } from "../../src/domain/checklist.js";
import { DEFAULT_CHECKLIST, loadChecklistFile, loadChecklists } from "../../src/infra/checklists.js";
import { localesDir } from "../../src/infra/i18n/index.js";

const all = loadChecklists();
const checklist = all.get("nq04-xii@1")!;

/** The design note listing each item as "1.1 [V] …" (verbatim) or "1.5 [T] …" (theme only). */
const DESIGN_NOTE = path.resolve(localesDir, "../../shared/domain/checklist-nq04-xii.md");

const EXPECTED_CODES = ["1", "2", "3"].flatMap((g) => ["1", "2", "3", "4", "5", "6", "7", "8", "9"].map((i) => `${g}.${i}`));
const NOT_VERBATIM = ["1.5", "1.6", "1.7", "1.8", "1.9", "2.1", "2.2", "2.3", "2.4", "2.5", "2.8", "3.6", "3.7", "3.8"];

describe("the shipped checklist", () => {
  it("is the default nq04-xii version 1", () => {
    expect(DEFAULT_CHECKLIST).toEqual({ code: "nq04-xii", version: 1 });
    expect([...all.keys()]).toContain("nq04-xii@1");
    expect(checklist.code).toBe("nq04-xii");
    expect(checklist.version).toBe(1);
  });

  it("has 27 items in 3 groups of 9, numbered 1–3", () => {
    expect(checklist.groups.map((g) => g.number)).toEqual([1, 2, 3]);
    expect(checklist.groups.map((g) => g.items.length)).toEqual([9, 9, 9]);
    expect(checklistItems(checklist)).toHaveLength(27);
  });

  it("has the codes 1.1..3.9 in order, each in its own group", () => {
    expect(itemCodes(checklist)).toEqual(EXPECTED_CODES);
    for (const group of checklist.groups) {
      for (const item of group.items) expect(item.code.startsWith(`${group.number}.`), item.code).toBe(true);
    }
  });

  it("positions items by their index in the whole list", () => {
    const items = checklistItems(checklist);
    expect(items.map((i) => i.index)).toEqual(Array.from({ length: 27 }, (_, i) => i));
    expect(items[9]?.code).toBe("2.1");
    expect(items[9]?.group.number).toBe(2);
  });

  it("marks 1.5–1.9, 2.1–2.5, 2.8 and 3.6–3.8 as not verbatim and the rest as verbatim", () => {
    const notVerbatim = checklistItems(checklist).filter((i) => !i.verbatim).map((i) => i.code);
    expect(notVerbatim).toEqual(NOT_VERBATIM);
  });

  it.skipIf(!existsSync(DESIGN_NOTE))("agrees with the [V]/[T] markers of the design note", () => {
    const markers = new Map(
      [...readFileSync(DESIGN_NOTE, "utf8").matchAll(/^(\d\.\d) \[([VT])\]/gm)].map((m) => [m[1]!, m[2] === "V"] as const),
    );
    expect([...markers.keys()]).toEqual(EXPECTED_CODES);
    const shipped = new Map(checklistItems(checklist).map((i) => [i.code, i.verbatim] as const));
    expect(shipped).toEqual(markers);
  });

  it("has Vietnamese and English text and short labels for every item and group", () => {
    for (const item of checklistItems(checklist)) {
      for (const lang of ["vi", "en"] as const) {
        expect(item.text[lang].trim().length, `${item.code} ${lang} text`).toBeGreaterThan(10);
        expect(item.short[lang].trim().length, `${item.code} ${lang} short`).toBeGreaterThan(0);
      }
      expect(item.text.vi, item.code).not.toBe(item.text.en);
    }
    for (const group of checklist.groups) {
      expect(group.title.vi.trim()).not.toBe("");
      expect(group.title.en.trim()).not.toBe("");
      expect(group.shortTitle.vi.trim()).not.toBe("");
      expect(group.shortTitle.en.trim()).not.toBe("");
    }
  });

  it("has no problems", () => {
    expect(checklistProblems(checklist)).toEqual([]);
  });

  it("can be loaded on its own by file name", () => {
    const file = path.join(localesDir, "checklists", "nq04-xii.v1.json");
    expect(loadChecklistFile(file)).toEqual(checklist);
  });
});

describe("checklistProblems", () => {
  const doctored = (): Checklist => structuredClone(checklist);

  it("finds a duplicate item code", () => {
    const copy = doctored();
    copy.groups[1]!.items[0]!.code = "1.1";
    expect(checklistProblems(copy)).toEqual(["duplicate item code 1.1"]);
  });

  it("finds a missing text and a blank short label", () => {
    const copy = doctored();
    copy.groups[2]!.items[3]!.text.en = "";
    copy.groups[0]!.items[0]!.short.vi = "   ";
    expect(checklistProblems(copy)).toEqual(["item 1.1 has no vi short label", "item 3.4 has no en text"]);
  });

  it("finds a missing code, a bad version and an empty list", () => {
    const copy = doctored();
    copy.code = "";
    copy.version = 0;
    copy.groups = [];
    expect(checklistProblems(copy)).toEqual(["missing code", "version must be a positive integer", "no items"]);
  });
});
