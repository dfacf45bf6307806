/** The year's record (issue 13): a member's own year, and a cell's year totals. */
import { describe, expect, it } from "vitest";
import { cellYearTotals, memberYearRecord, type YearForm, type YearProgress, type YearRound } from "../../src/domain/year-review.js";

const codes = ["1.1", "1.2", "2.1", "2.2"];
const rounds: YearRound[] = [
  { id: 1, title: "Đợt 6 tháng", deadlineDay: "2026-06-15" },
  { id: 2, title: "Đợt cuối năm", deadlineDay: "2026-12-10" },
  { id: 3, title: "Năm trước", deadlineDay: "2025-12-10" },
];
const forms: YearForm[] = [
  {
    roundId: 1,
    memberId: 7,
    submitted: true,
    answers: [
      { itemCode: "2.1", value: "MINOR", measure: "Tiết kiệm", targetDate: "2026-09-30" },
      { itemCode: "1.1", value: "SIGNIFICANT", measure: "Học tập", targetDate: "2026-08-31" },
      { itemCode: "1.2", value: "NONE", measure: null, targetDate: null },
    ],
  },
  { roundId: 2, memberId: 7, submitted: true, answers: [{ itemCode: "2.2", value: "MINOR", measure: "Sinh hoạt đều", targetDate: "2027-06-30" }] },
  { roundId: 3, memberId: 7, submitted: true, answers: [{ itemCode: "1.2", value: "MINOR", measure: "Cũ", targetDate: "2026-01-31" }] },
];
const progress: YearProgress[] = [
  { roundId: 1, memberId: 7, itemCode: "1.1", period: "2026-07", status: "IN_PROGRESS" },
  { roundId: 1, memberId: 7, itemCode: "1.1", period: "2026-08", status: "DONE" },
  { roundId: 1, memberId: 7, itemCode: "2.1", period: "2026-08", status: "IN_PROGRESS" },
];

describe("memberYearRecord", () => {
  const record = memberYearRecord({ year: 2026, rounds, forms, progress, codes, today: "2026-12-20" });

  it("counts the year's rounds (by deadline day) and the ones taken part in", () => {
    expect(record.rounds.map((r) => [r.id, r.tookPart])).toEqual([
      [1, true],
      [2, true],
    ]);
    expect(record.tookPart).toBe(2);
  });

  it("lists marked items in round then checklist order, with when each was corrected and what is overdue", () => {
    expect(record.items.map((i) => [i.roundId, i.itemCode, i.state, i.correctedIn])).toEqual([
      [1, "1.1", "corrected", "2026-08"],
      [1, "2.1", "overdue", null],
      [2, "2.2", "open", null],
    ]);
    expect(record).toMatchObject({ committed: 3, corrected: 1, open: 1, overdue: 1 });
  });

  it("a round not submitted is listed as not taken part, with no items", () => {
    const r = memberYearRecord({ year: 2026, rounds, forms: forms.filter((f) => f.roundId !== 2), progress, codes, today: "2026-12-20" });
    expect(r.rounds.map((x) => x.tookPart)).toEqual([true, false]);
    expect(r.items.every((i) => i.roundId === 1)).toBe(true);
  });

  it("a corrected item stays corrected only while its latest answer says so", () => {
    const reopened = [...progress, { roundId: 1, memberId: 7, itemCode: "1.1", period: "2026-09", status: "IN_PROGRESS" as const }];
    const r = memberYearRecord({ year: 2026, rounds, forms, progress: reopened, codes, today: "2026-12-20" });
    expect(r.items[0]).toMatchObject({ itemCode: "1.1", state: "overdue", correctedIn: null, latest: "IN_PROGRESS" });
  });
});

describe("cellYearTotals", () => {
  it("counts members who took part in every round of the year, and the measures, never whose", () => {
    const others: YearForm[] = [
      { roundId: 1, memberId: 8, submitted: true, answers: [] },
      { roundId: 2, memberId: 8, submitted: false, answers: [] },
      { roundId: 2, memberId: 9, submitted: true, answers: [{ itemCode: "1.1", value: "MINOR", measure: "X", targetDate: "2026-12-31" }] },
    ];
    const totals = cellYearTotals({ year: 2026, rounds, memberIds: [7, 8, 9], forms: [...forms, ...others], progress, today: "2026-12-20" });
    expect(totals).toEqual({ year: 2026, rounds: 2, members: 3, everyRound: 1, committed: 4, corrected: 1, overdue: 1 });
  });

  it("a year without rounds has nobody 'in every round'", () => {
    expect(cellYearTotals({ year: 2024, rounds, memberIds: [7], forms, progress, today: "2026-12-20" })).toMatchObject({
      rounds: 0,
      everyRound: 0,
      committed: 0,
    });
  });
});
