/**
 * Issue 19's arithmetic: the meeting's parsing and checks, and the committee's figures in the
 * Party's own terms (direct units started and held, meetings, attendance, item percentages,
 * collective forms apart, entered units).
 */
import { describe, expect, it } from "vitest";
import { enteredUnitFigures } from "../../src/app/committee-rollup.js";
import { buildRollup, itemPercent, type CellFigures } from "../../src/domain/committee.js";
import { checkItemSheet, parseMeetingArgs } from "../../src/domain/meeting.js";

// huyện ủy 1 → đảng ủy xã 2 (cells 20, 21), đảng ủy xã 3 (cells 30, 31, 32), đảng ủy xã 4 (no cell); cell 10 directly under 1.
const tree = [
  { id: 1, parentId: null, name: "Huyện ủy" },
  { id: 2, parentId: 1, name: "Đảng ủy xã A" },
  { id: 3, parentId: 1, name: "Đảng ủy xã B" },
  { id: 4, parentId: 1, name: "Đảng ủy xã C" },
];
const none = { committed: 0, corrected: 0, inProgress: 0, notStarted: 0, noAnswer: 0, overdue: 0 };
const codes = ["1.1", "1.2", "2.1"];

function cell(over: Partial<CellFigures> & Pick<CellFigures, "cellId" | "parentId">): CellFigures {
  return {
    name: `Chi bộ ${over.cellId}`,
    members: 10,
    submitted: 0,
    hasRound: true,
    closed: true,
    threshold: 3,
    items: [],
    remediation: none,
    meeting: null,
    ...over,
  };
}

describe("/sinhhoat's arguments", () => {
  const today = "2026-11-25";
  const opened = "2026-11-22";
  it("takes a day between the round's opening and today, and present/total", () => {
    expect(parseMeetingArgs("24/11/2026 18/20", today, opened)).toEqual({ kind: "ok", day: "2026-11-24", present: 18, total: 20 });
    expect(parseMeetingArgs("22/11/2026 0/3", today, opened)).toEqual({ kind: "ok", day: "2026-11-22", present: 0, total: 3 });
    expect(parseMeetingArgs("25/11/2026 3 / 3", today, opened)).toEqual({ kind: "usage" });
    expect(parseMeetingArgs("", today, opened)).toEqual({ kind: "none" });
  });

  it("refuses the future, before the round, impossible days, and attendance that does not add up", () => {
    expect(parseMeetingArgs("26/11/2026 1/2", today, opened)).toEqual({ kind: "badDay", reason: "future" });
    expect(parseMeetingArgs("21/11/2026 1/2", today, opened)).toEqual({ kind: "badDay", reason: "beforeRound" });
    expect(parseMeetingArgs("31/02/2026 1/2", today, opened)).toEqual({ kind: "badDay", reason: "impossible" });
    expect(parseMeetingArgs("24/11/2026 3/2", today, opened)).toEqual({ kind: "badAttendance", reason: "morePresent" });
    expect(parseMeetingArgs("24/11/2026 0/0", today, opened)).toEqual({ kind: "badAttendance", reason: "noMembers" });
    expect(parseMeetingArgs("24/11/2026 ba", today, opened)).toEqual({ kind: "badAttendance", reason: "format" });
  });
});

describe("direct units the Party's way", () => {
  it("a đảng bộ has started when any cell has, held its meeting when all have (some, none, all); meetings and attendance add up", () => {
    const r = buildRollup({
      rootId: 1,
      committees: tree,
      codes,
      cells: [
        // A: both cells met → held; one started → started.
        cell({ cellId: 20, parentId: 2, submitted: 4, meeting: { present: 9 } }),
        cell({ cellId: 21, parentId: 2, submitted: 0, meeting: { present: 7 } }),
        // B: some met (2 of 3) → not held; none submitted → not started.
        cell({ cellId: 30, parentId: 3, meeting: { present: 8 } }),
        cell({ cellId: 31, parentId: 3, meeting: { present: 6 } }),
        cell({ cellId: 32, parentId: 3 }),
        // The direct cell: started, not met.
        cell({ cellId: 10, parentId: 1, submitted: 10 }),
      ],
    });
    // Direct units: A, B, C (no cell: neither started nor held) and the cell 10.
    expect(r.direct).toEqual({ units: 4, started: 2, startedPercent: 50, held: 1, heldPercent: 25, meetings: 4, present: 30 });
  });

  it("no meeting anywhere: none held, no meetings", () => {
    const r = buildRollup({ rootId: 2, committees: tree, codes, cells: [cell({ cellId: 20, parentId: 2 }), cell({ cellId: 21, parentId: 2 })] });
    expect(r.direct).toEqual({ units: 2, started: 0, startedPercent: 0, held: 0, heldPercent: 0, meetings: 0, present: 0 });
  });

  it("every cell met: every direct unit held", () => {
    const r = buildRollup({
      rootId: 1,
      committees: tree.filter((c) => c.id !== 4),
      codes,
      cells: [
        cell({ cellId: 20, parentId: 2, meeting: { present: 5 } }),
        cell({ cellId: 30, parentId: 3, meeting: { present: 4 } }),
        cell({ cellId: 10, parentId: 1, meeting: { present: 3 } }),
      ],
    });
    expect(r.direct).toMatchObject({ units: 3, held: 3, heldPercent: 100, meetings: 3, present: 12 });
  });
});

describe("item percentages and the collective forms", () => {
  it("each item is a share of the members who submitted in the counted cells, rounded to a whole percent", () => {
    const r = buildRollup({
      rootId: 1,
      committees: tree,
      codes,
      cells: [
        cell({ cellId: 20, parentId: 2, submitted: 4, items: [{ itemCode: "1.1", value: "MINOR", count: 1 }], collective: true }),
        cell({
          cellId: 21,
          parentId: 2,
          submitted: 3,
          items: [
            { itemCode: "1.1", value: "SIGNIFICANT", count: 1 },
            { itemCode: "1.2", value: "MINOR", count: 3 },
          ],
        }),
        // Too few forms: neither its items nor its members count for the percentages.
        cell({ cellId: 30, parentId: 3, submitted: 2, items: [{ itemCode: "2.1", value: "MINOR", count: 2 }], collective: true }),
      ],
    });
    expect(r.countedMembers).toBe(7);
    expect(r.items.map((i) => [i.code, i.total, itemPercent(r, i)])).toEqual([
      ["1.2", 3, 43],
      ["1.1", 2, 29],
    ]);
    // Collective forms: a line of their own, never among the members.
    expect(r.collectives).toBe(2);
    expect(r.submitted).toBe(9);
  });
});

describe("units not on the bot", () => {
  it("entered figures count like a cell's, marked as entered; items only under the cells' rule", () => {
    const units = [
      { id: 1, committeeId: 1, name: "Chi bộ Trường học" },
      { id: 2, committeeId: 2, name: "Chi bộ Ấp 3" },
      { id: 3, committeeId: 1, name: "Chi bộ Chưa nhập" },
    ];
    const entered = enteredUnitFigures(
      units,
      [
        { unitId: 1, campaignId: 9, members: 12, submitted: 10, meetingDay: "2026-11-24", present: 11, items: { "1.1": 4, "2.1": 0 } },
        { unitId: 2, campaignId: 9, members: 5, submitted: 2, meetingDay: null, present: null, items: { "1.2": 1 } },
      ],
      true,
    );
    const r = buildRollup({
      rootId: 1,
      committees: tree,
      codes,
      cells: [cell({ cellId: 1, parentId: 2, submitted: 5, meeting: { present: 6 }, items: [{ itemCode: "1.1", value: "MINOR", count: 1 }] }), ...entered],
    });
    // Direct units: A (cell 1 + entered Ấp 3: started, not all met), B, C, Trường học (started, met), Chưa nhập (nothing entered).
    expect(r.direct).toEqual({ units: 5, started: 2, startedPercent: 40, held: 1, heldPercent: 20, meetings: 2, present: 17 });
    expect(r).toMatchObject({ members: 27, submitted: 17, hasEntered: true });
    expect(r.units.find((u) => u.name === "Chi bộ Trường học")).toMatchObject({ entered: true, members: 12, submitted: 10, percent: 83 });
    // Ấp 3 has 2 forms: its entered item does not count; Trường học's does, as a total without level.
    expect(r.countedMembers).toBe(15);
    expect(r.items).toEqual([{ code: "1.1", minor: 1, significant: 0, total: 5 }]);
    expect(itemPercent(r, r.items[0]!)).toBe(33);
    expect(r.notStarted).toContain("Chi bộ Chưa nhập");
  });
});

describe("the item-count sheet", () => {
  it("takes each item's count (empty: 0), and names every problem by row and column", () => {
    expect(
      checkItemSheet(
        [
          { row: 2, code: "1.1", count: "3" },
          { row: 3, code: "1.2", count: "" },
          { row: 4, code: "", count: "" },
        ],
        codes,
        5,
      ),
    ).toEqual({ ok: true, items: { "1.1": 3 } });
    expect(
      checkItemSheet(
        [
          { row: 2, code: "1.1", count: "6" },
          { row: 3, code: "1.1", count: "1" },
          { row: 4, code: "7.7", count: "1" },
          { row: 5, code: "2.1", count: "2,5" },
          { row: 6, code: "1.2", count: null },
        ],
        codes,
        5,
      ),
    ).toEqual({
      ok: false,
      problems: [
        { row: 2, column: "count", kind: "moreThanSubmitted", value: 6, submitted: 5 },
        { row: 3, column: "code", kind: "duplicate", value: "1.1", firstRow: 2 },
        { row: 4, column: "code", kind: "unknownCode", value: "7.7" },
        { row: 5, column: "count", kind: "notNumber", value: "2,5" },
        { row: 6, column: "count", kind: "formula" },
      ],
    });
  });
});
