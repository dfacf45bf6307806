import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it, expect } from "vitest";
import { checklistItems, checklistProblems, itemCodes, type Checklist } from "../../src/domain/checklist.js";
import { DEFAULT_CHECKLIST, loadChecklistFile, loadChecklists } from "../../src/infra/checklists.js";
import { localesDir } from "../../src/infra/i18n/index.js";

const all = loadChecklists();
const checklist = all.get("nq04-xii@2")!;
const version1 = all.get("nq04-xii@1")!;

/** The design note; its table "Status after the December 2026 check" says which items are verbatim. */
const DESIGN_NOTE = path.resolve(localesDir, "../../shared/domain/checklist-nq04-xii.md");

const EXPECTED_CODES = ["1", "2", "3"].flatMap((g) => ["1", "2", "3", "4", "5", "6", "7", "8", "9"].map((i) => `${g}.${i}`));
const NOT_VERBATIM = ["1.5", "1.7", "1.8", "1.9", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "2.9", "3.6", "3.7"];

/** "1.1–1.4, 3.1–3.5, 3.9" → every code it names. */
function codesOf(cell: string): string[] {
  return cell.split(",").flatMap((part) => {
    const range = /^(\d)\.(\d)[–-]\d\.(\d)$/.exec(part.trim());
    if (range) return Array.from({ length: Number(range[3]) - Number(range[2]) + 1 }, (_, i) => `${range[1]}.${Number(range[2]) + i}`);
    return [part.trim()];
  });
}

/** The note's status table: item code → whether the next version ships it as verbatim. */
function statusTable(note: string): Map<string, boolean> {
  const section = note.slice(note.indexOf("## Status after the December 2026 check"));
  const table = new Map<string, boolean>();
  for (const line of section.split("\n").filter((l) => /^\| \d/.test(l))) {
    const [, items, , ship] = line.split("|").map((c) => c.trim());
    for (const code of codesOf(items!)) table.set(code, ship!.includes("`verbatim: true`"));
  }
  return table;
}

describe("the shipped checklist", () => {
  it("is the default nq04-xii version 2, with version 1 still shipped for the rounds made on it", () => {
    expect(DEFAULT_CHECKLIST).toEqual({ code: "nq04-xii", version: 2 });
    expect([...all.keys()]).toEqual(expect.arrayContaining(["nq04-xii@1", "nq04-xii@2"]));
    expect(checklist.code).toBe("nq04-xii");
    expect(checklist.version).toBe(2);
  });

  it("keeps version 1's item codes, so answers given on it stay valid", () => {
    expect(itemCodes(checklist)).toEqual(itemCodes(version1));
  });

  it("ships the official wording the note gives with its source (1.5, 1.6, 3.7, 3.8)", () => {
    const text = new Map(checklistItems(checklist).map((i) => [i.code, i.text.vi]));
    expect(text.get("1.5")).toMatch(
      /^Trong tự phê bình còn giấu giếm, không dám nhận khuyết điểm; khi có khuyết điểm thì thiếu thành khẩn, không tự giác nhận kỷ luật\. Trong phê bình thì nể nang/,
    );
    expect(text.get("1.6")).toContain("nói và làm không nhất quán giữa khi đương chức với lúc về nghỉ hưu");
    expect(text.get("3.7")).toMatch(/^Đưa thông tin sai lệch, xuyên tạc đường lối, chính sách đối ngoại/);
    expect(text.get("3.8")).toMatch(/^Phủ nhận vai trò lãnh đạo của Đảng đối với báo chí, văn học – nghệ thuật\./);
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

  it("marks 1.5, 1.7–1.9, 2.1–2.9 and 3.6–3.7 as not verbatim and the rest as verbatim", () => {
    const notVerbatim = checklistItems(checklist)
      .filter((i) => !i.verbatim)
      .map((i) => i.code);
    expect(notVerbatim).toEqual(NOT_VERBATIM);
  });

  it.skipIf(!existsSync(DESIGN_NOTE))('agrees with the note\'s table "Status after the December 2026 check"', () => {
    const table = statusTable(readFileSync(DESIGN_NOTE, "utf8"));
    expect([...table.keys()].sort()).toEqual(EXPECTED_CODES);
    const shipped = new Map(checklistItems(checklist).map((i) => [i.code, i.verbatim] as const));
    expect(new Map([...shipped].sort())).toEqual(new Map([...table].sort()));
  });

  it("lists its sources in the data file", () => {
    const raw = JSON.parse(readFileSync(path.join(localesDir, "checklists", "nq04-xii.v2.json"), "utf8")) as { sources?: { items: string }[] };
    expect(raw.sources?.map((s) => s.items).join(" ")).toContain("2.6, 2.7, 2.9");
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
    const file = path.join(localesDir, "checklists", "nq04-xii.v2.json");
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
