import { describe, it, expect } from "vitest";
import { buildReport, percent, type FiledAnswerRow, type ProgressValue, type ReportInput, type ReportMember } from "../../src/domain/report.js";
import type { AnswerValue } from "../../src/domain/assessment.js";

const CODES = ["1.1", "1.2", "1.3", "2.1", "2.2", "3.1"] as const;
const TODAY = "2026-11-22";

const member = (id: number, fullName: string, submitted = true): ReportMember => ({ id, fullName, submitted });
const row = (memberId: number, itemCode: string, value: AnswerValue, measure: string | null = null, targetDate: string | null = null): FiledAnswerRow => ({
  memberId,
  itemCode,
  value,
  measure,
  targetDate,
});

function input(partial: Partial<ReportInput>): ReportInput {
  return { members: [], filed: [], codes: CODES, today: TODAY, ...partial };
}

describe("percent", () => {
  it.each([
    [2, 3, 67],
    [1, 3, 33],
    [0, 0, 0],
    [3, 3, 100],
    [0, 5, 0],
    [1, 8, 13], // 12.5 rounds half up
    [1, 200, 1], // 0.5 rounds half up
  ])("%i of %i is %i%%", (part, whole, expected) => {
    expect(percent(part, whole)).toBe(expected);
  });
});

describe("buildReport", () => {
  it("counts MINOR and SIGNIFICANT per item and ignores NONE", () => {
    const report = buildReport(
      input({
        members: [member(1, "An"), member(2, "Bình"), member(3, "Cường")],
        filed: [
          row(1, "1.2", "MINOR"),
          row(1, "1.1", "NONE"),
          row(1, "2.1", "SIGNIFICANT"),
          row(2, "1.2", "SIGNIFICANT"),
          row(2, "1.1", "NONE"),
          row(3, "1.2", "MINOR"),
          row(3, "1.1", "NONE"),
        ],
      }),
    );
    expect(report.items).toEqual([
      { code: "1.2", minor: 2, significant: 1, total: 3 },
      { code: "2.1", minor: 0, significant: 1, total: 1 },
    ]);
    expect(report.items.find((i) => i.code === "1.1")).toBeUndefined();
  });

  it("ignores answers of members who did not submit", () => {
    const report = buildReport(
      input({
        members: [member(1, "An"), member(2, "Bình", false)],
        filed: [row(1, "1.1", "MINOR"), row(2, "1.1", "SIGNIFICANT", "Biện pháp", "2026-01-01"), row(2, "3.1", "MINOR")],
      }),
    );
    expect(report.items).toEqual([{ code: "1.1", minor: 1, significant: 0, total: 1 }]);
    expect(report.remediation.committed).toBe(0);
    expect(report.remediation.overdue).toBe(0);
    expect(report.submitted).toBe(1);
  });

  it("ignores answers of someone who is not among the members", () => {
    const report = buildReport(
      input({
        members: [member(1, "An"), member(2, "Bình")],
        filed: [row(1, "1.3", "MINOR"), row(99, "1.3", "SIGNIFICANT", "Biện pháp", "2020-01-01"), row(99, "2.2", "MINOR")],
      }),
    );
    expect(report.items).toEqual([{ code: "1.3", minor: 1, significant: 0, total: 1 }]);
    expect(report.total).toBe(2);
    expect(report.submitted).toBe(2);
    expect(report.cleanForms).toBe(1);
    expect(report.remediation).toEqual({ committed: 0, corrected: 0, inProgress: 0, notStarted: 0, noAnswer: 0, overdue: 0 });
  });

  it("sorts the most frequent items first and ties in checklist order", () => {
    const members = [1, 2, 3, 4].map((id) => member(id, `Người ${id}`));
    const report = buildReport(
      input({
        members,
        filed: [
          // 3.1 ×1, 2.2 ×2, 1.3 ×2, 1.1 ×1, 2.1 ×3 — listed out of checklist order on purpose
          row(1, "3.1", "MINOR"),
          row(1, "2.2", "MINOR"),
          row(2, "2.2", "SIGNIFICANT"),
          row(3, "1.3", "MINOR"),
          row(4, "1.3", "MINOR"),
          row(4, "1.1", "SIGNIFICANT"),
          row(1, "2.1", "MINOR"),
          row(2, "2.1", "MINOR"),
          row(3, "2.1", "SIGNIFICANT"),
        ],
      }),
    );
    expect(report.items.map((i) => [i.code, i.total])).toEqual([
      ["2.1", 3],
      ["1.3", 2],
      ["2.2", 2],
      ["1.1", 1],
      ["3.1", 1],
    ]);
  });

  it.each([
    [2, 3, 67],
    [1, 3, 33],
    [3, 3, 100],
  ])("percent of submitted members: %i of %i is %i", (submitted, total, expected) => {
    const members = Array.from({ length: total }, (_, i) => member(i + 1, `Người ${i + 1}`, i < submitted));
    const report = buildReport(input({ members }));
    expect(report.submitted).toBe(submitted);
    expect(report.total).toBe(total);
    expect(report.percent).toBe(expected);
  });

  it("lists pending names in Vietnamese alphabetical order", () => {
    const collator = new Intl.Collator("vi");
    // Check the runtime's Vietnamese order first: Á < B < D < Đ < N.
    expect(["Đặng Văn Hải", "Bùi Thị Lan", "Nguyễn Văn An", "Ánh Dương", "Dương Minh"].sort(collator.compare)).toEqual([
      "Ánh Dương",
      "Bùi Thị Lan",
      "Dương Minh",
      "Đặng Văn Hải",
      "Nguyễn Văn An",
    ]);
    const report = buildReport(
      input({
        members: [
          member(1, "Đặng Văn Hải", false),
          member(2, "Bùi Thị Lan", false),
          member(3, "Nguyễn Văn An", false),
          member(4, "Trần Thị Đã Nộp", true),
          member(5, "Ánh Dương", false),
          member(6, "Dương Minh", false),
        ],
      }),
    );
    expect(report.pendingNames).toEqual(["Ánh Dương", "Bùi Thị Lan", "Dương Minh", "Đặng Văn Hải", "Nguyễn Văn An"]);
  });

  it("reports an empty cell as zeros", () => {
    const report = buildReport(input({}));
    expect(report).toEqual({
      total: 0,
      submitted: 0,
      percent: 0,
      pendingNames: [],
      items: [],
      cleanForms: 0,
      remediation: { committed: 0, corrected: 0, inProgress: 0, notStarted: 0, noAnswer: 0, overdue: 0 },
    });
  });

  it("reports a cell where nobody submitted", () => {
    const report = buildReport(input({ members: [member(1, "Bùi", false), member(2, "An", false)] }));
    expect(report.total).toBe(2);
    expect(report.submitted).toBe(0);
    expect(report.percent).toBe(0);
    expect(report.pendingNames).toEqual(["An", "Bùi"]);
    expect(report.items).toEqual([]);
    expect(report.cleanForms).toBe(0);
  });

  it("reports a cell where everyone submitted with no pending names", () => {
    const report = buildReport(input({ members: [member(1, "An"), member(2, "Bình")], filed: [row(1, "1.1", "NONE"), row(2, "1.1", "NONE")] }));
    expect(report.submitted).toBe(2);
    expect(report.percent).toBe(100);
    expect(report.pendingNames).toEqual([]);
  });

  it("counts clean forms: submitted members who marked nothing", () => {
    const report = buildReport(
      input({
        members: [member(1, "An"), member(2, "Bình"), member(3, "Cường"), member(4, "Dũng", false)],
        filed: [
          row(1, "1.1", "NONE"),
          row(1, "1.2", "NONE"),
          row(2, "1.1", "MINOR"),
          row(2, "1.2", "SIGNIFICANT"),
          // member 3 filed no rows at all: still a clean form
          row(4, "1.1", "NONE"),
        ],
      }),
    );
    expect(report.cleanForms).toBe(2);
  });

  it("summarises remediation: committed, progress and overdue", () => {
    const progress = new Map<string, ProgressValue>([
      ["1:1.1", "DONE"],
      ["1:1.2", "IN_PROGRESS"],
      ["2:1.1", "NOT_STARTED"],
      ["2:2.1", "DONE"],
    ]);
    const report = buildReport(
      input({
        members: [member(1, "An"), member(2, "Bình")],
        progress,
        answeredThisPeriod: new Set(["1:1.2", "2:1.1"]),
        filed: [
          row(1, "1.1", "MINOR", "Biện pháp 1", "2026-01-01"), // DONE, past date: not overdue
          row(1, "1.2", "SIGNIFICANT", "Biện pháp 2", "2026-11-21"), // IN_PROGRESS, yesterday: overdue
          row(1, "1.3", "MINOR", "Biện pháp 3", "2026-11-22"), // no progress, today: not overdue
          row(2, "1.1", "MINOR", "Biện pháp 4", "2026-10-01"), // NOT_STARTED, past: overdue
          row(2, "2.1", "SIGNIFICANT", "Biện pháp 5", "2027-01-01"), // DONE, future
          row(2, "2.2", "MINOR", null, "2026-01-01"), // no measure: not committed, not overdue
          row(2, "3.1", "NONE", null, null),
        ],
      }),
    );
    expect(report.remediation).toEqual({ committed: 5, corrected: 2, inProgress: 1, notStarted: 1, noAnswer: 1, overdue: 2 });
  });

  it("counts every committed item as unanswered when there is no follow-up yet", () => {
    const report = buildReport(
      input({
        members: [member(1, "An")],
        filed: [row(1, "1.1", "MINOR", "Biện pháp", "2026-11-01"), row(1, "1.2", "MINOR", "Biện pháp", "2026-12-01")],
      }),
    );
    expect(report.remediation).toEqual({ committed: 2, corrected: 0, inProgress: 0, notStarted: 0, noAnswer: 2, overdue: 1 });
  });
});
