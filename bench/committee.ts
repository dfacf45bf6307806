/**
 * The committee benchmark: a province tree on SQLite (1 root → N district committees → M cells
 * each, K members per cell, 27 answers per member), a closed campaign over all of it. Times the
 * `/tonghop` data + text for the root and for one district, the root's DOCX and XLSX, and
 * opening a new campaign at the root (a round and an announcement in every cell). The data is
 * written with prepared inserts in one transaction (see bench/reports.ts), then read through the
 * real app and stores.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { committeeActor } from "../src/app/committee.js";
import { openCampaign } from "../src/app/committee-campaigns.js";
import { committeeDocument } from "../src/app/committee-documents.js";
import { committeeRollup } from "../src/app/committee-rollup.js";
import { createCommitteeRenderer, renderRollup } from "../src/bot/presenters/committee.js";
import { parseConfig } from "../src/config.js";
import { composeApp } from "../src/infra/compose.js";
import { encodeTime } from "../src/infra/db/time.js";
import { renderCommitteeDocx, renderCommitteeXlsx } from "../src/infra/renderers/committee.js";

export interface CommitteeBenchOptions {
  districts: number;
  cellsPerDistrict: number;
  membersPerCell: number;
  runs: number;
}

export interface Timing {
  label: string;
  medianMs: number;
  p90Ms: number;
  runs: number;
}

export interface CommitteeBenchResult {
  cells: number;
  members: number;
  answers: number;
  generateMs: number;
  timings: Timing[];
  /** Opening a campaign at the root, once (it writes). */
  open: { ms: number; rounds: number; announcements: number };
  check: { rootMembers: number; rootSubmitted: number; rootItems: number; districtMembers: number; docxBytes: number; xlsxBytes: number };
}

/**
 * Every filed form's Assessment.markedItems from its filed answers, as the answer path writes it
 * when filing (markFiled) and the migration backfills it: for trees written straight into the
 * tables.
 */
export function markedItemsSql(engine: "sqlite" | "postgresql"): string {
  return engine === "postgresql"
    ? `UPDATE "Assessment" a SET "markedItems" = f."marked" FROM (
         SELECT "assessmentId", string_agg("value" || ' ' || "itemCode", ',' ORDER BY "itemCode") AS "marked"
         FROM "FiledAnswer" WHERE "value" IN ('MINOR', 'SIGNIFICANT') GROUP BY "assessmentId"
       ) f WHERE f."assessmentId" = a."id"`
    : `UPDATE "Assessment" SET "markedItems" = COALESCE((
         SELECT group_concat(m."marked", ',') FROM (
           SELECT f."value" || ' ' || f."itemCode" AS "marked" FROM "FiledAnswer" f
           WHERE f."assessmentId" = "Assessment"."id" AND f."value" IN ('MINOR', 'SIGNIFICANT') ORDER BY f."itemCode"
         ) m
       ), '')`;
}

const CODES = ["1", "2", "3"].flatMap((g) => ["1", "2", "3", "4", "5", "6", "7", "8", "9"].map((i) => `${g}.${i}`));

function random(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

/**
 * The campaign before the measured one (an id below it: the latest campaign is the highest id),
 * closed, over the same cells: the web page computes its change from it, as in production.
 */
export const PREVIOUS_CAMPAIGN_ID = 0;
export const PREVIOUS_CAMPAIGN_TITLE = "Đợt tự soi giữa năm";

/**
 * Root committee 1 (officer: user 1), districts 2…N+1 (officer of district 2: user 2), a closed
 * campaign 1, and a closed previous campaign (PREVIOUS_CAMPAIGN_ID) over the same cells with its
 * own rounds (ids after the cells'), forms (ids after the members') and filed answers.
 */
export function generate(file: string, o: CommitteeBenchOptions): { cells: number; members: number; answers: number } {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const now = encodeTime(new Date());
  const past = encodeTime(new Date(Date.now() - 86_400_000));
  // The previous campaign (the web page's "change from the previous campaign"), half a year earlier.
  const earlier = encodeTime(new Date(Date.now() - 183 * 86_400_000));
  const cells = o.districts * o.cellsPerDistrict;
  const members = cells * o.membersPerCell;
  const rnd = random(7);
  const ins = {
    user: db.prepare(`INSERT INTO "User" ("id", "firstName", "createdAt", "updatedAt") VALUES (?, ?, ?, ?)`),
    committee: db.prepare(
      `INSERT INTO "Committee" ("id", "name", "groupChannel", "groupAddress", "joinCode", "parentCommitteeId", "createdAt") VALUES (?, ?, 'telegram', CAST(? AS TEXT), ?, ?, ?)`,
    ),
    officer: db.prepare(`INSERT INTO "CommitteeMember" ("committeeId", "userId", "fullName", "role", "joinedAt") VALUES (?, ?, ?, 'SECRETARY', ?)`),
    campaign: db.prepare(
      `INSERT INTO "Campaign" ("id", "committeeId", "title", "deadline", "deadlineDay", "checklistCode", "checklistVersion", "openedByUserId", "openedAt", "closedAt") VALUES (?, 1, ?, ?, ?, 'nq04-xii', 1, 1, ?, ?)`,
    ),
    cell: db.prepare(
      `INSERT INTO "Cell" ("id", "name", "groupChannel", "groupAddress", "groupTitle", "joinCode", "parentCommitteeId", "createdAt") VALUES (?, ?, 'telegram', CAST(? AS TEXT), '', ?, ?, ?)`,
    ),
    member: db.prepare(`INSERT INTO "Member" ("id", "cellId", "userId", "fullName", "role", "nameConfirmed", "joinedAt") VALUES (?, ?, ?, ?, ?, 1, ?)`),
    round: db.prepare(
      `INSERT INTO "Round" ("id", "cellId", "title", "deadline", "deadlineDay", "checklistCode", "checklistVersion", "openedByMemberId", "openedAt", "closedAt", "campaignId") VALUES (?, ?, ?, ?, ?, 'nq04-xii', 1, ?, ?, ?, ?)`,
    ),
    assessment: db.prepare(
      `INSERT INTO "Assessment" ("id", "roundId", "memberId", "checklistCode", "checklistVersion", "cursor", "status", "submittedAt", "createdAt", "updatedAt") VALUES (?, ?, ?, 'nq04-xii', 1, '{"v":1,"s":{"kind":"submitted"}}', ?, ?, ?, ?)`,
    ),
    answer: db.prepare(`INSERT INTO "Answer" ("assessmentId", "itemCode", "value", "measure", "targetDate", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)`),
    // hasMeasure as the answer path writes it (copyFiled): the measure neither null nor empty.
    filed: db.prepare(`INSERT INTO "FiledAnswer" ("assessmentId", "itemCode", "value", "measure", "targetDate", "hasMeasure") VALUES (?, ?, ?, ?, ?, ?)`),
  };
  let memberId = 100; // users 1…100 are committee officers
  let cellId = 0;
  let answers = 0;
  db.transaction(() => {
    ins.committee.run(1, "Tỉnh ủy Bench", -5_000_000, "root", null, now);
    ins.user.run(1, "Bí thư tỉnh", now, now);
    ins.officer.run(1, 1, "Bí thư tỉnh", now);
    ins.campaign.run(PREVIOUS_CAMPAIGN_ID, PREVIOUS_CAMPAIGN_TITLE, earlier, "2026-05-31", earlier, earlier);
    ins.campaign.run(1, "Đợt sinh hoạt chính trị", past, "2026-11-30", past, past);
    for (let d = 0; d < o.districts; d++) {
      const committeeId = d + 2;
      ins.committee.run(committeeId, `Huyện ủy số ${d + 1}`, -5_000_000 - committeeId, `district${committeeId}`, 1, now);
      ins.user.run(committeeId, `Bí thư huyện ${d + 1}`, now, now);
      ins.officer.run(committeeId, committeeId, `Bí thư huyện ${d + 1}`, now);
      for (let c = 0; c < o.cellsPerDistrict; c++) {
        cellId++;
        ins.cell.run(cellId, `Chi bộ ${cellId}`, -6_000_000 - cellId, `cbench${cellId}`, committeeId, now);
        ins.round.run(cellId, cellId, "Đợt sinh hoạt chính trị", past, "2026-11-30", memberId + 1, past, past, 1);
        ins.round.run(cells + cellId, cellId, PREVIOUS_CAMPAIGN_TITLE, earlier, "2026-05-31", memberId + 1, earlier, earlier, PREVIOUS_CAMPAIGN_ID);
        for (let m = 0; m < o.membersPerCell; m++) {
          memberId++;
          ins.user.run(memberId, `Đảng viên ${memberId}`, now, now);
          ins.member.run(memberId, cellId, memberId, `Nguyễn Văn ${memberId}`, m === 0 ? "SECRETARY" : "MEMBER", past);
          const submitted = rnd() < 0.95;
          ins.assessment.run(memberId, cellId, memberId, submitted ? "SUBMITTED" : "DRAFT", submitted ? past : null, past, past);
          // The member's form of the previous campaign (its own round), filed when submitted.
          const submittedBefore = rnd() < 0.9;
          ins.assessment.run(
            members + memberId,
            cells + cellId,
            memberId,
            submittedBefore ? "SUBMITTED" : "DRAFT",
            submittedBefore ? earlier : null,
            earlier,
            earlier,
          );
          for (const code of CODES) {
            if (!submittedBefore) break;
            const r = rnd();
            const value = r < 0.85 ? "NONE" : r < 0.96 ? "MINOR" : "SIGNIFICANT";
            ins.filed.run(
              members + memberId,
              code,
              value,
              value === "NONE" ? null : `Biện pháp khắc phục ${code}`,
              value === "NONE" ? null : "2026-09-30",
              value === "NONE" ? 0 : 1,
            );
          }
          for (const code of CODES) {
            const r = rnd();
            const value = r < 0.9 ? "NONE" : r < 0.97 ? "MINOR" : "SIGNIFICANT";
            const measure = value === "NONE" ? null : `Biện pháp khắc phục ${code}`;
            const date = value === "NONE" ? null : "2027-06-30";
            ins.answer.run(memberId, code, value, measure, date, past);
            if (submitted) ins.filed.run(memberId, code, value, measure, date, measure ? 1 : 0);
            answers++;
          }
        }
      }
    }
  })();
  db.exec(markedItemsSql("sqlite"));
  db.close();
  return { cells: cellId, members: memberId - 100, answers };
}

async function time(label: string, runs: number, fn: () => Promise<unknown>): Promise<Timing> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return {
    label,
    medianMs: samples[Math.floor(samples.length / 2)]!,
    p90Ms: samples[Math.min(samples.length - 1, Math.ceil(samples.length * 0.9) - 1)]!,
    runs,
  };
}

export async function runCommitteeBench(options: CommitteeBenchOptions, progress: (line: string) => void = () => {}): Promise<CommitteeBenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), "tusoi-bench-committee-"));
  const file = path.join(dir, "bot.db");
  const parsed = parseConfig({ BOT_TOKEN: "123456:ABCdefGhIJKlmnOPQRstuvWXyz_0123456", DATABASE_URL: `file:${file}` });
  if (!parsed.ok) throw new Error(parsed.error);
  const setup = await composeApp(parsed.config);
  await setup.close();
  const started = performance.now();
  const { cells, members, answers } = generate(file, options);
  const generateMs = performance.now() - started;
  progress(`committee: ${cells} cells, ${members} members, ${answers} answers generated in ${(generateMs / 1000).toFixed(1)} s`);

  const runtime = await composeApp(parsed.config, { migrate: false });
  try {
    const { app, i18n } = runtime;
    const t = i18n.t("vi");
    const root = (await committeeActor(app, (await app.committees.findCommittee(1))!, 1n))!;
    const district = (await committeeActor(app, (await app.committees.findCommittee(2))!, 2n))!;
    const rollupText = async (actor: typeof root) => {
      const r = await committeeRollup(app, actor);
      if (r.kind !== "rollup") throw new Error(r.kind);
      return { text: renderRollup(r.rollup, t, "vi"), data: r.rollup.data };
    };
    const timings: Timing[] = [];
    timings.push(await time(`/tonghop data + text, root (${cells} cells)`, options.runs, () => rollupText(root)));
    timings.push(await time(`/tonghop data + text, one district (${options.cellsPerDistrict} cells)`, options.runs, () => rollupText(district)));
    const doc = await committeeDocument(app, root, 1, "vi");
    if (doc.kind !== "document") throw new Error(doc.kind);
    let docxBytes = 0;
    let xlsxBytes = 0;
    const fileRuns = Math.max(2, Math.floor(options.runs / 3));
    timings.push(
      await time(`DOCX, root (data + file)`, fileRuns, async () => {
        const d = await committeeDocument(app, root, 1, "vi");
        if (d.kind === "document") docxBytes = (await renderCommitteeDocx(d.input, t)).length;
      }),
    );
    timings.push(
      await time(`XLSX, root (data + file, ${cells} cell rows)`, fileRuns, async () => {
        const d = await committeeDocument(app, root, 1, "vi");
        if (d.kind === "document") xlsxBytes = (await renderCommitteeXlsx(d.input, t)).length;
      }),
    );
    const rootData = (await rollupText(root)).data;
    const districtData = (await rollupText(district)).data;

    const renderer = createCommitteeRenderer(i18n, "vi", "bench_bot");
    const start = performance.now();
    // A deadline within the 12 months a typed deadline may reach (TYPED_DAY_HORIZON_MONTHS): 90 days on.
    const due = new Date(Date.now() + 90 * 86_400_000);
    const dueDay = `${String(due.getUTCDate()).padStart(2, "0")}/${String(due.getUTCMonth() + 1).padStart(2, "0")}/${due.getUTCFullYear()}`;
    const opened = await openCampaign(app, root, `${dueDay} Đợt bench`, () => "x", renderer);
    const openMs = performance.now() - start;
    if (opened.kind !== "opened") throw new Error(opened.kind);
    const db = new Database(file, { readonly: true });
    const announcements = (db.prepare(`SELECT COUNT(*) AS n FROM "Outbox" WHERE "kind" = 'ROUND_OPENED'`).get() as { n: number }).n;
    db.close();
    return {
      cells,
      members,
      answers,
      generateMs,
      timings,
      open: { ms: openMs, rounds: opened.rounds, announcements },
      check: {
        rootMembers: rootData.members,
        rootSubmitted: rootData.submitted,
        rootItems: rootData.items.length,
        districtMembers: districtData.members,
        docxBytes,
        xlsxBytes,
      },
    };
  } finally {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
