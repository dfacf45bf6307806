import { describe, expect, it } from "vitest";
import { buildRollup, parentMap, planAttach, subtreeFollowUp, subtreeIds, type CellFigures } from "../../src/domain/committee.js";

// tỉnh ủy 1 → huyện ủy 2, 3 → đảng ủy xã 4 (under 2)
const tree = [
  { id: 1, parentId: null, name: "Tỉnh ủy" },
  { id: 2, parentId: 1, name: "Huyện ủy Châu Phú" },
  { id: 3, parentId: 1, name: "Huyện ủy Tri Tôn" },
  { id: 4, parentId: 2, name: "Đảng ủy xã Bình Mỹ" },
  { id: 9, parentId: null, name: "Tỉnh ủy khác" },
];
const parents = parentMap(tree);
const none = { committed: 0, corrected: 0, inProgress: 0, notStarted: 0, noAnswer: 0, overdue: 0 };
const codes = ["1.1", "1.2", "2.1"];

function cell(over: Partial<CellFigures> & Pick<CellFigures, "cellId" | "parentId">): CellFigures {
  return { name: `Chi bộ ${over.cellId}`, members: 0, submitted: 0, hasRound: true, closed: true, threshold: 3, items: [], remediation: none, ...over };
}

describe("the committee tree", () => {
  it("subtree holds the committee and everything below it, at any depth, and nothing beside it", () => {
    expect(subtreeIds(tree, 1).sort()).toEqual([1, 2, 3, 4]);
    expect(subtreeIds(tree, 2).sort()).toEqual([2, 4]);
    expect(subtreeIds(tree, 4)).toEqual([4]);
  });

  it("attaches a unit without a parent, and says already when it is there", () => {
    expect(planAttach(parents, { kind: "cell", id: 50, parentId: null }, 4)).toEqual({ kind: "attach" });
    expect(planAttach(parents, { kind: "cell", id: 50, parentId: 4 }, 4)).toEqual({ kind: "already" });
  });

  it("moving a unit under another committee is a move from its current parent", () => {
    expect(planAttach(parents, { kind: "cell", id: 50, parentId: 4 }, 3)).toEqual({ kind: "move", fromId: 4 });
    expect(planAttach(parents, { kind: "committee", id: 4, parentId: 2 }, 3)).toEqual({ kind: "move", fromId: 2 });
  });

  it("refuses a link that would make a loop: under itself or anything below it", () => {
    expect(planAttach(parents, { kind: "committee", id: 2, parentId: 1 }, 2)).toEqual({ kind: "loop" });
    expect(planAttach(parents, { kind: "committee", id: 2, parentId: 1 }, 4)).toEqual({ kind: "loop" });
    expect(planAttach(parents, { kind: "committee", id: 1, parentId: null }, 4)).toEqual({ kind: "loop" });
    // A committee outside the tree can go under any committee.
    expect(planAttach(parents, { kind: "committee", id: 9, parentId: null }, 4)).toEqual({ kind: "attach" });
  });
});

describe("the roll-up's numbers", () => {
  it("adds nested levels up and gives one line per direct unit, lowest share first", () => {
    const r = buildRollup({
      rootId: 1,
      committees: tree,
      codes,
      cells: [
        cell({ cellId: 10, parentId: 1, name: "Chi bộ Văn phòng", members: 10, submitted: 10 }),
        cell({ cellId: 20, parentId: 2, members: 20, submitted: 5 }),
        cell({ cellId: 40, parentId: 4, members: 30, submitted: 15 }),
        cell({ cellId: 30, parentId: 3, members: 5, submitted: 0, hasRound: false, closed: false }),
        cell({ cellId: 90, parentId: 9, members: 99, submitted: 99 }),
      ],
    });
    expect(r).toMatchObject({ cells: 4, started: 3, startedPercent: 75, complete: 1, members: 65, submitted: 30, percent: 46 });
    expect(r.units.map((u) => [u.name, u.submitted, u.members, u.percent])).toEqual([
      ["Huyện ủy Tri Tôn", 0, 5, 0],
      ["Huyện ủy Châu Phú", 20, 50, 40],
      ["Chi bộ Văn phòng", 10, 10, 100],
    ]);
    expect(r.notStarted).toEqual(["Chi bộ 30"]);
  });

  it("an empty unit shows 0/0, is neither started nor complete, and sorts first", () => {
    const r = buildRollup({
      rootId: 2,
      committees: tree,
      codes,
      cells: [cell({ cellId: 20, parentId: 2, members: 4, submitted: 4 }), cell({ cellId: 41, parentId: 4, members: 0 })],
    });
    expect(r).toMatchObject({ cells: 2, started: 1, complete: 1, members: 4, submitted: 4 });
    expect(r.units[0]).toMatchObject({ name: "Đảng ủy xã Bình Mỹ", members: 0, submitted: 0, percent: 0 });
  });

  it("counts items and corrections only from closed cells with at least their threshold of forms", () => {
    const marks = (n: number) => [
      { itemCode: "1.2", value: "MINOR", count: n },
      { itemCode: "2.1", value: "SIGNIFICANT", count: 1 },
    ];
    const fixes = { ...none, committed: 2, corrected: 1, overdue: 1 };
    const r = buildRollup({
      rootId: 1,
      committees: tree,
      codes,
      cells: [
        cell({ cellId: 10, parentId: 1, members: 3, submitted: 3, items: marks(2), remediation: fixes }),
        cell({ cellId: 11, parentId: 1, members: 5, submitted: 2, items: marks(1), remediation: fixes }), // too few forms
        cell({ cellId: 12, parentId: 2, members: 5, submitted: 4, closed: false, items: marks(4), remediation: fixes }), // still open
        cell({ cellId: 13, parentId: 4, members: 9, submitted: 4, threshold: 5, items: marks(3), remediation: fixes }), // below its own setting
        cell({ cellId: 14, parentId: 4, members: 6, submitted: 6, items: marks(3), remediation: fixes }),
      ],
    });
    expect(r.itemCells).toBe(2);
    expect(r.items).toEqual([
      { code: "1.2", minor: 5, significant: 0, total: 5 },
      { code: "2.1", minor: 0, significant: 2, total: 2 },
    ]);
    expect(r.remediation).toEqual({ ...none, committed: 4, corrected: 2, overdue: 2 });
    // Participation still counts every cell.
    expect(r).toMatchObject({ members: 28, submitted: 19 });
  });

  it("a member who left is whatever the cell counted: the roll-up adds the cells' own figures", () => {
    // The cell counted 4 members (3 current + 1 who left after submitting) and 4 forms.
    const r = buildRollup({ rootId: 4, committees: tree, codes, cells: [cell({ cellId: 40, parentId: 4, members: 4, submitted: 4 })] });
    expect(r).toMatchObject({ members: 4, submitted: 4, complete: 1, percent: 100 });
  });
});

describe("subtreeFollowUp (cells with different follow-up days)", () => {
  it("shows the month's figures once one counted cell was asked, else the earliest day one will be", () => {
    expect(
      subtreeFollowUp([
        { asked: false, nextDay: "2026-12-10" },
        { asked: false, nextDay: "2026-12-05" },
      ]),
    ).toEqual({ asked: false, firstDay: "2026-12-05" });
    expect(
      subtreeFollowUp([
        { asked: false, nextDay: "2026-12-10" },
        { asked: true, nextDay: "2027-01-05" },
      ]),
    ).toEqual({ asked: true, firstDay: null });
    expect(subtreeFollowUp([])).toEqual({ asked: false, firstDay: null });
  });
});
