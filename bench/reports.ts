/**
 * Report benchmarks: /baocao data + text for one 60-member cell among 200 cells × 50 members
 * (10,000 members, 270,000 answers), and the DOCX, XLSX and chart for that cell (the
 * committee's roll-up over a province tree is bench/committee.ts). The data is written with prepared inserts straight into a
 * migrated SQLite file (fast to generate), then read through the real app and store.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { reportDocument } from "../src/app/report-files.js";
import { roundReport } from "../src/app/report.js";
import { renderReport } from "../src/bot/presenters/report.js";
import { parseConfig } from "../src/config.js";
import { composeApp } from "../src/infra/compose.js";
import { encodeTime } from "../src/infra/db/time.js";
import { renderChartPng } from "../src/infra/renderers/chart.js";
import { renderReportDocx } from "../src/infra/renderers/docx.js";
import { renderReportXlsx } from "../src/infra/renderers/xlsx.js";

export interface ReportsBenchOptions {
  cells: number;
  membersPerCell: number;
  bigCellMembers: number;
  runs: number;
}

export interface Timing {
  label: string;
  medianMs: number;
  p90Ms: number;
  runs: number;
}

export interface ReportsBenchResult {
  members: number;
  answers: number;
  generateMs: number;
  timings: Timing[];
  /** Sanity figures, so the bench cannot silently measure empty reports. */
  check: { cellSubmitted: number; cellTotal: number; docxBytes: number; xlsxBytes: number; pngBytes: number };
}

const CODES = ["1", "2", "3"].flatMap((g) => ["1", "2", "3", "4", "5", "6", "7", "8", "9"].map((i) => `${g}.${i}`));

/** Deterministic pseudo-random numbers (the same data every run). */
function random(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

function generate(file: string, options: ReportsBenchOptions): { members: number; answers: number; bigCellSecretary: number } {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const now = encodeTime(new Date());
  const rnd = random(42);
  const ins = {
    user: db.prepare(`INSERT INTO "User" ("id", "firstName", "createdAt", "updatedAt") VALUES (?, ?, ?, ?)`),
    cell: db.prepare(
      `INSERT INTO "Cell" ("id", "name", "groupChannel", "groupAddress", "groupTitle", "joinCode", "createdAt") VALUES (?, ?, 'telegram', CAST(? AS TEXT), ?, ?, ?)`,
    ),
    member: db.prepare(`INSERT INTO "Member" ("id", "cellId", "userId", "fullName", "role", "nameConfirmed", "joinedAt") VALUES (?, ?, ?, ?, ?, 1, ?)`),
    round: db.prepare(
      `INSERT INTO "Round" ("id", "cellId", "title", "deadline", "deadlineDay", "checklistCode", "checklistVersion", "openedByMemberId", "openedAt") VALUES (?, ?, ?, ?, ?, 'nq04-xii', 1, ?, ?)`,
    ),
    assessment: db.prepare(
      `INSERT INTO "Assessment" ("id", "roundId", "memberId", "checklistCode", "checklistVersion", "cursor", "status", "submittedAt", "createdAt", "updatedAt") VALUES (?, ?, ?, 'nq04-xii', 1, '{"v":1,"s":{"kind":"submitted"}}', ?, ?, ?, ?)`,
    ),
    answer: db.prepare(`INSERT INTO "Answer" ("assessmentId", "itemCode", "value", "measure", "targetDate", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)`),
    // hasMeasure as the answer path writes it (copyFiled): the measure neither null nor empty.
    filed: db.prepare(`INSERT INTO "FiledAnswer" ("assessmentId", "itemCode", "value", "measure", "targetDate", "hasMeasure") VALUES (?, ?, ?, ?, ?, ?)`),
  };
  const deadline = encodeTime(new Date(Date.now() + 14 * 86_400_000));
  let memberId = 0;
  let answers = 0;
  let bigCellSecretary = 0;
  db.transaction(() => {
    const cellSizes = [options.bigCellMembers, ...Array.from({ length: options.cells }, () => options.membersPerCell)];
    cellSizes.forEach((size, c) => {
      const cellId = c + 1;
      ins.cell.run(cellId, `Chi bộ số ${cellId}`, -1_000_000 - cellId, `Nhóm ${cellId}`, `bench${cellId}`, now);
      ins.round.run(cellId, cellId, "Đợt tự soi cuối năm", deadline, "2026-12-31", memberId + 1, now);
      for (let m = 0; m < size; m++) {
        memberId++;
        if (m === 0 && c === 0) bigCellSecretary = memberId;
        ins.user.run(memberId, `Đảng viên ${memberId}`, now, now);
        ins.member.run(memberId, cellId, memberId, `Nguyễn Văn ${memberId}`, m === 0 ? "SECRETARY" : "MEMBER", now);
        const submitted = rnd() < 0.95;
        ins.assessment.run(memberId, cellId, memberId, submitted ? "SUBMITTED" : "DRAFT", submitted ? now : null, now, now);
        for (const code of CODES) {
          const r = rnd();
          const value = r < 0.9 ? "NONE" : r < 0.97 ? "MINOR" : "SIGNIFICANT";
          const measure = value === "NONE" ? null : `Biện pháp khắc phục ${code}`;
          const date = value === "NONE" ? null : "2027-06-30";
          ins.answer.run(memberId, code, value, measure, date, now);
          if (submitted) ins.filed.run(memberId, code, value, measure, date, measure ? 1 : 0);
          answers++;
        }
      }
    });
  })();
  db.close();
  return { members: memberId, answers, bigCellSecretary };
}

async function time(label: string, runs: number, fn: () => Promise<unknown> | unknown): Promise<Timing> {
  await fn(); // warm-up
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

export async function runReportsBench(options: ReportsBenchOptions): Promise<ReportsBenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), "tusoi-bench-reports-"));
  const file = path.join(dir, "bot.db");
  const parsed = parseConfig({ BOT_TOKEN: "123456:ABCdefGhIJKlmnOPQRstuvWXyz_0123456", DATABASE_URL: `file:${file}` });
  if (!parsed.ok) throw new Error(parsed.error);
  // Migrate an empty file first (composeApp runs `prisma migrate deploy`), then fill it.
  const setup = await composeApp(parsed.config);
  await setup.close();
  const started = performance.now();
  const { members, answers, bigCellSecretary } = generate(file, options);
  const generateMs = performance.now() - started;

  const runtime = await composeApp(parsed.config, { migrate: false });
  try {
    const { app, i18n } = runtime;
    const t = i18n.t("vi");
    const secretary = (await app.members.findMember(bigCellSecretary))!;
    const timings: Timing[] = [];
    timings.push(
      await time(`/baocao data + text, one cell of ${options.bigCellMembers}`, options.runs, async () => {
        const r = await roundReport(app, secretary);
        if (r.kind !== "report") throw new Error(r.kind);
        return renderReport(r.report, t, "vi", "private");
      }),
    );
    const doc = await reportDocument(app, secretary, 1, "vi");
    if (doc.kind !== "document") throw new Error(doc.kind);
    let docxBytes = 0;
    let xlsxBytes = 0;
    let pngBytes = 0;
    timings.push(
      await time(
        `DOCX, one cell of ${options.bigCellMembers}`,
        Math.max(3, Math.floor(options.runs / 3)),
        async () => (docxBytes = (await renderReportDocx(doc.input, t)).length),
      ),
    );
    timings.push(
      await time(
        `XLSX, one cell of ${options.bigCellMembers}`,
        Math.max(3, Math.floor(options.runs / 3)),
        async () => (xlsxBytes = (await renderReportXlsx(doc.input, t)).length),
      ),
    );
    timings.push(
      await time(
        `chart PNG, one cell of ${options.bigCellMembers}`,
        Math.max(3, Math.floor(options.runs / 3)),
        () => (pngBytes = renderChartPng(doc.input, t).length),
      ),
    );

    const cell = await roundReport(app, secretary);
    return {
      members,
      answers,
      generateMs,
      timings,
      check: {
        cellSubmitted: cell.kind === "report" ? cell.report.data.submitted : 0,
        cellTotal: cell.kind === "report" ? cell.report.data.total : 0,
        docxBytes,
        xlsxBytes,
        pngBytes,
      },
    };
  } finally {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
