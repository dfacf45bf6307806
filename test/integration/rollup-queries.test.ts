/**
 * The roll-up's aggregate queries (src/infra/db/committee-reports.ts) against a naive count
 * over the same rows, on random trees: members who left before or after the round opened,
 * drafts, collective forms, cells without a campaign round, rounds of another campaign and the
 * cell's own, marked answers with and without measures, target dates on both sides of today,
 * and monthly correction answers. The queries are shaped for speed (grouped passes, no
 * per-cell subqueries); this holds them to the plain rule.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnswerValue, ItemAnswer } from "../../src/domain/assessment.js";
import type { RemediationSummary } from "../../src/domain/report.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";

let database: TestDatabase;

beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database.close();
});

function random(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

const CODES = ["1.1", "1.2", "2.1", "2.2", "3.4"];
const PERIODS = ["2026-10", "2026-11", "2026-12"];
const day = (n: number) => new Date(Date.UTC(2026, 9, 1) + n * 86_400_000);

interface Tree {
  campaignId: number;
  cellIds: number[];
  members: { id: number; cellId: number; leftAt: Date | null }[];
  rounds: { id: number; cellId: number; campaignId: number | null; openedAt: Date }[];
  forms: { id: number; roundId: number; memberId: number; collective: boolean; submitted: boolean }[];
  answers: { assessmentId: number; itemCode: string; value: string; measure: string | null; targetDate: string | null }[];
  progress: { assessmentId: number; itemCode: string; period: string; status: string }[];
}

/** A random tree under one committee, written with the ORM; ids are the tree's own (offset per seed). */
async function randomTree(seed: number): Promise<Tree> {
  const rnd = random(seed);
  const edits = random(seed + 7);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const db = database.db;
  const base = seed * 1000;
  const at = day(0);
  await db.user.create({ data: { id: BigInt(base), firstName: "Bí thư", createdAt: at, updatedAt: at } });
  await db.committee.create({
    data: { id: base, name: `Đảng ủy ${seed}`, groupChannel: "telegram", groupAddress: String(-base), joinCode: `c${base}`, createdAt: at },
  });
  const campaigns = [base + 1, base + 2];
  for (const id of campaigns) {
    await db.campaign.create({
      data: {
        id,
        committeeId: base,
        title: "Đợt",
        deadline: day(40),
        deadlineDay: "2026-11-10",
        checklistCode: "nq04-xii",
        checklistVersion: 1,
        openedByUserId: BigInt(base),
        openedAt: day(10),
        closedAt: day(40),
      },
    });
  }
  const tree: Tree = { campaignId: campaigns[0]!, cellIds: [], members: [], rounds: [], forms: [], answers: [], progress: [] };
  let memberId = base;
  let roundId = base;
  let formId = base;
  for (let c = 1; c <= 12; c++) {
    const cellId = base + c;
    await db.cell.create({
      data: {
        id: cellId,
        name: `Chi bộ ${cellId}`,
        groupChannel: "telegram",
        groupAddress: String(-cellId),
        joinCode: `cell${cellId}`,
        parentCommitteeId: base,
        createdAt: at,
      },
    });
    const members: Tree["members"] = [];
    for (let m = Math.floor(rnd() * 9); m > 0; m--) {
      memberId++;
      const leftAt = rnd() < 0.3 ? day(Math.floor(rnd() * 40)) : null; // before or after the round opened (day 10)
      await db.user.create({ data: { id: BigInt(memberId), firstName: `Đảng viên ${memberId}`, createdAt: at, updatedAt: at } });
      await db.member.create({
        data: {
          id: memberId,
          cellId,
          userId: BigInt(memberId),
          fullName: `Nguyễn ${memberId}`,
          role: members.length === 0 ? "SECRETARY" : "MEMBER",
          joinedAt: at,
          leftAt,
        },
      });
      members.push({ id: memberId, cellId, leftAt });
    }
    tree.members.push(...members);
    // The campaign's round (most cells), another campaign's, the cell's own.
    const rounds = [rnd() < 0.8 ? campaigns[0]! : null, rnd() < 0.5 ? campaigns[1]! : null, rnd() < 0.3 ? -1 : null].filter((x) => x !== null);
    if (rnd() < 0.85) tree.cellIds.push(cellId);
    for (const campaign of rounds) {
      if (members.length === 0) continue;
      roundId++;
      const openedAt = day(8 + Math.floor(rnd() * 5));
      await db.round.create({
        data: {
          id: roundId,
          cellId,
          title: "Đợt",
          deadline: day(40),
          deadlineDay: "2026-11-10",
          checklistCode: "nq04-xii",
          checklistVersion: 1,
          openedByMemberId: members[0]!.id,
          openedAt,
          closedAt: day(40),
          campaignId: campaign === -1 ? null : campaign,
        },
      });
      tree.rounds.push({ id: roundId, cellId, campaignId: campaign === -1 ? null : campaign, openedAt });
      const filers = members.filter(() => rnd() < 0.85).map((m) => ({ memberId: m.id, collective: false }));
      if (rnd() < 0.4) filers.push({ memberId: members[0]!.id, collective: true });
      for (const filer of filers) {
        formId++;
        const submitted = rnd() < 0.8;
        await db.assessment.create({
          data: {
            id: formId,
            roundId,
            memberId: filer.memberId,
            checklistCode: "nq04-xii",
            checklistVersion: 1,
            cursor: "{}",
            status: submitted ? "SUBMITTED" : "DRAFT",
            submittedAt: submitted ? day(20) : null,
            collective: filer.collective,
            createdAt: at,
            updatedAt: at,
          },
        });
        tree.forms.push({ id: formId, roundId, memberId: filer.memberId, collective: filer.collective, submitted });
        if (!submitted) continue;
        const answers: Record<string, ItemAnswer> = {};
        for (const itemCode of CODES) {
          const value = pick<AnswerValue>(["NONE", "NONE", "MINOR", "SIGNIFICANT"]);
          const measure = value === "NONE" ? null : pick([null, "", "Sửa ngay"]);
          const targetDate = value === "NONE" ? null : pick([null, "2026-11-15", "2026-12-31", "2027-03-01"]);
          answers[itemCode] = { value, measure, targetDate };
          tree.answers.push({ assessmentId: formId, itemCode, value, measure, targetDate });
          for (const period of PERIODS) {
            if (rnd() < 0.35) {
              const status = pick(["DONE", "IN_PROGRESS", "NOT_STARTED"]);
              await db.correctionProgress.create({ data: { assessmentId: formId, itemCode, period, status, answeredAt: at } });
              tree.progress.push({ assessmentId: formId, itemCode, period, status });
            }
          }
        }
        // Filed through the answer path's own write (as a submission files them), some forms
        // twice: first with other measures (set where the final one is empty or missing,
        // cleared where it is set) and some other levels, then edited and submitted again
        // with the final answers.
        if (edits() < 0.3) await file(formId, withOtherMeasures(answers, edits), day(15));
        await file(formId, answers, day(20));
      }
    }
  }
  return tree;
}

/** The form's answers filed by the answer path (AnswerPath.saveAssessment with `file`): Answer rows, then FiledAnswer. */
async function file(assessmentId: number, answers: Record<string, ItemAnswer>, at: Date): Promise<void> {
  const saved = await database.stores.answerPath.saveAssessment({ assessmentId, cursor: "{}", status: "SUBMITTED", editing: false, answers, file: { at } }, at);
  expect(saved).toBe(true);
}

/** Other measures on the marked answers, and other levels on some answers (a marked item the final filing drops, and one it adds). */
function withOtherMeasures(answers: Record<string, ItemAnswer>, rnd: () => number): Record<string, ItemAnswer> {
  const other = (measure: string | null) => (measure ? (rnd() < 0.5 ? null : "") : "Sẽ sửa");
  const level = (value: AnswerValue): AnswerValue => (rnd() < 0.7 ? value : value === "NONE" ? "SIGNIFICANT" : value === "MINOR" ? "NONE" : "MINOR");
  return Object.fromEntries(
    Object.entries(answers).map(([code, a]) => {
      const value = level(a.value);
      return [code, value === "NONE" ? { value, measure: null, targetDate: null } : { value, measure: other(a.measure), targetDate: "2026-11-01" }];
    }),
  );
}

/** The cell report's rule, row by row. */
function naiveParticipation(t: Tree) {
  return t.cellIds
    .map((cellId) => {
      const round = t.rounds.find((r) => r.cellId === cellId && r.campaignId === t.campaignId) ?? null;
      const filed = (memberId: number) =>
        round !== null && t.forms.some((f) => f.roundId === round.id && f.memberId === memberId && !f.collective && f.submitted);
      const counted = (m: Tree["members"][number]) => m.leftAt === null || (round !== null && m.leftAt >= round.openedAt);
      const members = t.members.filter((m) => m.cellId === cellId && (m.leftAt === null || (counted(m) && filed(m.id)))).length;
      const submitted =
        round === null
          ? 0
          : t.forms.filter((f) => f.roundId === round.id && !f.collective && f.submitted && counted(t.members.find((m) => m.id === f.memberId)!)).length;
      return { cellId, roundId: round?.id ?? null, members, submitted };
    })
    .sort((a, b) => a.cellId - b.cellId);
}

type Row = { cellId: number; itemCode: string; value: string; count: number; remediation: RemediationSummary };

function naiveMarked(t: Tree, today: string, period: string): Row[] {
  const rows = new Map<string, Row>();
  for (const round of t.rounds.filter((r) => r.campaignId === t.campaignId && t.cellIds.includes(r.cellId))) {
    for (const form of t.forms.filter((f) => f.roundId === round.id && !f.collective && f.submitted)) {
      const m = t.members.find((x) => x.id === form.memberId)!;
      if (m.leftAt !== null && m.leftAt < round.openedAt) continue;
      for (const a of t.answers.filter((x) => x.assessmentId === form.id && (x.value === "MINOR" || x.value === "SIGNIFICANT"))) {
        const answers = t.progress
          .filter((p) => p.assessmentId === a.assessmentId && p.itemCode === a.itemCode)
          .sort((x, y) => x.period.localeCompare(y.period));
        const latest = answers.at(-1)?.status ?? null;
        const current = answers.find((p) => p.period === period)?.status ?? null;
        const key = `${round.cellId}|${a.itemCode}|${a.value}`;
        const row = rows.get(key) ?? {
          cellId: round.cellId,
          itemCode: a.itemCode,
          value: a.value,
          count: 0,
          remediation: { committed: 0, corrected: 0, inProgress: 0, notStarted: 0, noAnswer: 0, overdue: 0 },
        };
        rows.set(key, row);
        row.count++;
        if (!a.measure) continue;
        const r = row.remediation;
        r.committed++;
        if (latest === "DONE") {
          r.corrected++;
          continue;
        }
        if (current === "IN_PROGRESS") r.inProgress++;
        if (current === "NOT_STARTED") r.notStarted++;
        if (current === null) r.noAnswer++;
        if (a.targetDate !== null && a.targetDate < today) r.overdue++;
      }
    }
  }
  return [...rows.values()];
}

const order = <T extends { itemCode: string; value: string; cellId?: number }>(rows: T[]) =>
  [...rows].sort((a, b) => (a.cellId ?? 0) - (b.cellId ?? 0) || a.itemCode.localeCompare(b.itemCode) || a.value.localeCompare(b.value));

describe("the roll-up's queries equal a naive count on random trees", () => {
  for (const seed of [3, 17, 29]) {
    it(`tree ${seed}: participation, items per cell, totals`, async () => {
      const t = await randomTree(seed);
      const reports = database.stores.committeeReports;
      const participation = await reports.campaignParticipation(t.campaignId, t.cellIds);
      expect(
        participation.map((p) => ({ cellId: p.cellId, roundId: p.roundId, members: p.members, submitted: p.submitted })).sort((a, b) => a.cellId - b.cellId),
      ).toEqual(naiveParticipation(t));
      expect(naiveParticipation(t).some((p) => p.roundId === null)).toBe(true);

      for (const [today, period] of [
        ["2026-12-10", "2026-12"],
        ["2027-01-05", "2026-11"],
      ] as const) {
        const naive = naiveMarked(t, today, period);
        expect(naive.length).toBeGreaterThan(10);
        expect(order(await reports.campaignItems(t.campaignId, t.cellIds, today, period))).toEqual(order(naive));
        const totals = await reports.campaignTotals(t.campaignId, t.cellIds, today, period);
        const byItem = new Map<string, { itemCode: string; value: string; count: number }>();
        const sum = { committed: 0, corrected: 0, inProgress: 0, notStarted: 0, noAnswer: 0, overdue: 0 };
        for (const row of naive) {
          const key = `${row.itemCode}|${row.value}`;
          const item = byItem.get(key) ?? { itemCode: row.itemCode, value: row.value, count: 0 };
          byItem.set(key, item);
          item.count += row.count;
          for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += row.remediation[k];
        }
        expect(order(totals.items)).toEqual(order([...byItem.values()]));
        expect(totals.remediation).toEqual(sum);
      }
    });
  }
});

describe("an earlier campaign's members per item (the web page's change) equal a naive count", () => {
  for (const seed of [5, 23]) {
    it(`tree ${seed}: campaignItemCounts, no correction figures`, async () => {
      const t = await randomTree(seed);
      const byItem = new Map<string, { itemCode: string; value: string; count: number }>();
      for (const row of naiveMarked(t, "2026-12-10", "2026-12")) {
        const key = `${row.itemCode}|${row.value}`;
        const item = byItem.get(key) ?? { itemCode: row.itemCode, value: row.value, count: 0 };
        byItem.set(key, item);
        item.count += row.count;
      }
      expect(byItem.size).toBeGreaterThan(3);
      expect(order(await database.stores.committeeReports.campaignItemCounts(t.campaignId, t.cellIds))).toEqual(order([...byItem.values()]));
      expect(await database.stores.committeeReports.campaignItemCounts(t.campaignId, [])).toEqual([]);
    });
  }
});
