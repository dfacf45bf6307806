/**
 * Report files for the group (DOCX, XLSX, chart), the secretary's private detailed view with
 * its audit log, the round picker and the report settings (place, higher body).
 */
import { dayInZone } from "../domain/calendar.js";
import { checklistItems } from "../domain/checklist.js";
import { canManageRoles, canManageRounds, canSeeReport } from "../domain/roles.js";
import { normalizeName, TITLE_MAX_LENGTH } from "../domain/names.js";
import { MIN_GROUP_THRESHOLD } from "../domain/report.js";
import type { Caller } from "./caller.js";
import { checklistFor } from "./checklists.js";
import type { AppDeps } from "./deps.js";
import type { DetailInput, DocumentLocale, GroupRows, ReportDocumentInput } from "./documents.js";
import type { AuditEntry, CellSettings, MemberWithCell, ReportFileKind, RoundRecord } from "./ports.js";
import { roundReport, type RoundReport } from "./report.js";
import { changeTimezone, type ZoneChangeResult } from "./cell-time.js";
import { cellMarks, conclusionSwitch, levelSetting, settingWords, type UnitMarks } from "./papers.js";

export type DocumentResult = { kind: "document"; input: ReportDocumentInput; report: RoundReport } | { kind: "forbidden" } | { kind: "noRound" };

/** The data of a round's report files. Aggregates only: never who marked what. */
export async function reportDocument(
  deps: Pick<AppDeps, "answerPath" | "cells" | "checklists" | "clock" | "committees" | "members" | "progress" | "reports" | "rounds">,
  actor: MemberWithCell,
  roundId: number,
  locale: DocumentLocale,
): Promise<DocumentResult> {
  const result = await roundReport(deps, actor, roundId);
  if (result.kind !== "report") return result;
  const { report } = result;
  const [settings, secretary, roundNumber, conclusions, texts] = await Promise.all([
    deps.cells.cellSettings(actor.cellId),
    deps.members.secretaryOf(actor.cellId),
    deps.rounds.roundNumber(report.round),
    deps.rounds.roundConclusions(report.round.id),
    deps.rounds.roundTexts(report.round.id),
  ]);
  const {
    marks: { higherBody, ...marks },
  } = await cellMarks(deps, actor.cell, settings);
  const counts = new Map(report.data.items.map((i) => [i.code, i]));
  const previous = new Map(report.trend?.changes.map((c) => [c.code, c.previous]) ?? []);
  const groups: GroupRows[] = report.checklist.groups.map((group) => ({
    number: group.number,
    title: group.title[locale],
    shortTitle: group.shortTitle[locale],
    items: group.items.map((item) => {
      const c = counts.get(item.code);
      return {
        code: item.code,
        short: item.short[locale],
        minor: c?.minor ?? 0,
        significant: c?.significant ?? 0,
        total: c?.total ?? 0,
        previousTotal: report.trend ? (previous.get(item.code) ?? 0) : null,
      };
    }),
  }));
  const unreachable = new Set(report.unreachableIds);
  const shortOf = new Map(checklistItems(report.checklist).map((i) => [i.code, i.short[locale]]));
  const input: ReportDocumentInput = {
    locale,
    cellName: actor.cell.name,
    place: settings.place,
    higherBody,
    marks,
    roundNumber,
    // The number the secretary set for this round's report; any other round's stays blank.
    documentNumber: settings.reportNumberRoundId === report.round.id ? settings.reportNumber : "",
    conclusion21: settings.conclusion21,
    conclusions,
    meeting: report.meeting,
    assessment: texts.assessment,
    direction: texts.direction,
    roundTitle: report.round.title,
    deadlineDay: report.round.deadlineDay,
    secretaryName: secretary?.fullName ?? "",
    issuedDay: dayInZone(report.generatedAt, actor.cell.timezone),
    period: report.period,
    data: report.data,
    groups,
    firstFollowUpDay: report.followUpAsked ? null : report.nextFollowUpDay,
    trend: report.trend && {
      previousRoundTitle: report.trend.previous.title,
      previousDeadlineDay: report.trend.previous.deadlineDay,
      previousSubmitted: report.trend.previousData.submitted,
      previousTotal: report.trend.previousData.total,
      previousCommitted: report.trend.previousCommitted,
      previousCorrected: report.trend.previousCorrected,
      previousCorrectedPercent: report.trend.previousCorrectedPercent,
    },
    participation: report.members.map((m) => ({ name: m.fullName, submitted: m.submitted, reachable: !unreachable.has(m.id) })),
    collective:
      report.collective.status === "none"
        ? null
        : {
            submitted: report.collective.status === "submitted",
            items: report.collective.items.map((i) => ({
              code: i.code,
              short: shortOf.get(i.code) ?? i.code,
              level: i.value,
              measure: i.measure,
              targetDate: i.targetDate,
              progress: i.progress,
            })),
          },
  };
  return { kind: "document", input, report };
}

export type FileResult =
  | { kind: "file"; bytes: Uint8Array; roundNumber: number; report: RoundReport; toGroup: boolean; higherBodySet: boolean }
  | { kind: "forbidden" }
  | { kind: "noRound" };

/**
 * One of a round's report files, drawn. `toGroup`: whether it may go to the group (the
 * group summary's rule: closed round, enough forms); otherwise only to the officer privately.
 */
export async function reportFile(
  deps: Parameters<typeof reportDocument>[0] & Pick<AppDeps, "documents">,
  actor: MemberWithCell,
  roundId: number,
  kind: ReportFileKind,
  locale: DocumentLocale,
): Promise<FileResult> {
  const result = await reportDocument(deps, actor, roundId, locale);
  if (result.kind !== "document") return result;
  const bytes = await deps.documents.reportFile(kind, result.input, locale);
  return {
    kind: "file",
    bytes,
    roundNumber: result.input.roundNumber,
    report: result.report,
    toGroup: result.report.itemsPublic,
    higherBodySet: result.input.higherBody.trim() !== "",
  };
}

export interface ReportFileTarget {
  roundId: number;
  file: ReportFileKind;
  /** The cell the web page names (the web's rule: the caller's own cell). */
  cellId?: number;
}

export type ReportFileAnswer = (Extract<FileResult, { kind: "file" }> & { member: MemberWithCell }) | { kind: "forbidden" } | { kind: "noRound" };

/**
 * One of a round's report files, for a caller who may see the cell's report: in a chat an
 * officer of their own cell (secretary, deputy, committee member); on the web its secretary or
 * deputy, for the cell the page names. The caller's membership comes with the file (where the
 * group is, the cell's name for the caption).
 */
export async function reportFileFor(
  deps: Parameters<typeof reportFile>[0],
  caller: Caller,
  target: ReportFileTarget,
  locale: DocumentLocale,
): Promise<ReportFileAnswer> {
  const member = await deps.answerPath.findActiveMembership(caller.userId);
  const allowed = member !== null && (caller.from.kind === "web" ? member.cellId === target.cellId && canManageRounds(member.role) : canSeeReport(member.role));
  if (!allowed) return { kind: "forbidden" };
  const result = await reportFile(deps, member, target.roundId, target.file, locale);
  return result.kind === "file" ? { ...result, member } : result;
}

export type DetailResult = { kind: "detail"; input: DetailInput; round: RoundRecord } | { kind: "forbidden" } | { kind: "noRound" };

/** The private detailed spreadsheet (logged as DETAIL_XLSX), with the round's number for its name. */
export async function detailFile(
  deps: Parameters<typeof memberDetail>[0] & Pick<AppDeps, "documents" | "rounds">,
  actor: MemberWithCell,
  roundId: number,
  locale: DocumentLocale,
): Promise<{ kind: "file"; bytes: Uint8Array; roundNumber: number } | { kind: "forbidden" } | { kind: "noRound" }> {
  const result = await memberDetail(deps, actor, roundId, locale, "DETAIL_XLSX");
  if (result.kind !== "detail") return result;
  const [bytes, roundNumber] = await Promise.all([deps.documents.detailXlsx(result.input, locale), deps.rounds.roundNumber(result.round)]);
  return { kind: "file", bytes, roundNumber };
}

/**
 * Each member's marked items, measures, dates and progress: for the secretary and deputy, in
 * private chat only (the bot layer enforces the chat). Every call is written to the audit log.
 */
export async function memberDetail(
  deps: Pick<AppDeps, "answerPath" | "audit" | "checklists" | "clock" | "progress" | "reports" | "rounds">,
  actor: MemberWithCell,
  roundId: number | null,
  locale: DocumentLocale,
  action: "DETAIL_VIEW" | "DETAIL_XLSX",
): Promise<DetailResult> {
  if (!canManageRounds(actor.role)) return { kind: "forbidden" };
  const round = roundId === null ? await deps.rounds.findLatestRound(actor.cellId) : await deps.answerPath.findRound(roundId);
  if (!round || round.cellId !== actor.cellId) return { kind: "noRound" };
  const now = deps.clock();
  await deps.audit.addAudit({ cellId: actor.cellId, actorMemberId: actor.id, action, roundId: round.id, at: now });
  const items = new Map(checklistItems(await checklistFor(deps, round.checklistCode, round.checklistVersion)).map((i) => [i.code, i]));
  const rows = await deps.reports.detailRows(round.id, actor.cellId);
  const progress = await deps.progress.progressFor(rows.flatMap((r) => (r.assessmentId === null ? [] : [r.assessmentId])));
  const latest = new Map<string, { status: "DONE" | "IN_PROGRESS" | "NOT_STARTED"; period: string }>();
  for (const p of progress) latest.set(`${p.assessmentId}:${p.itemCode}`, { status: p.status, period: p.period });
  const order = [...items.keys()];
  return {
    kind: "detail",
    round,
    input: {
      locale,
      cellName: actor.cell.name,
      roundTitle: round.title,
      deadlineDay: round.deadlineDay,
      issuedDay: dayInZone(now, actor.cell.timezone),
      members: rows.map((r) => ({
        name: r.fullName,
        submitted: r.submitted,
        items: r.answers
          .slice()
          .sort((a, b) => order.indexOf(a.itemCode) - order.indexOf(b.itemCode))
          .map((a) => {
            const p = r.assessmentId === null ? undefined : latest.get(`${r.assessmentId}:${a.itemCode}`);
            return {
              code: a.itemCode,
              short: items.get(a.itemCode)?.short[locale] ?? a.itemCode,
              level: a.value as "MINOR" | "SIGNIFICANT",
              measure: a.measure,
              targetDate: a.targetDate,
              progress: p?.status ?? null,
              progressPeriod: p?.period ?? null,
            };
          }),
      })),
    },
  };
}

export type AuditResult = { kind: "audit"; entries: AuditEntry[] } | { kind: "forbidden" };

/** `/baocao nhatky`: who looked at individual answers, for the secretary. */
export async function auditLog(deps: Pick<AppDeps, "audit">, actor: MemberWithCell): Promise<AuditResult> {
  if (!canManageRoles(actor.role)) return { kind: "forbidden" };
  return { kind: "audit", entries: await deps.audit.listAudit(actor.cellId, 30) };
}

/** The last few rounds, for the round picker under /baocao. */
export async function recentRounds(deps: Pick<AppDeps, "rounds">, actor: MemberWithCell, limit = 5): Promise<RoundRecord[] | null> {
  if (!canSeeReport(actor.role)) return null;
  return deps.rounds.recentRounds(actor.cellId, limit);
}

/** The settings as stored, and what the cell's papers print from them, the link and the name. */
export type SettingsResult =
  | ({ kind: "shown"; settings: CellSettings } & UnitMarks)
  | ({ kind: "changed"; settings: CellSettings } & UnitMarks)
  | { kind: "badSuffix" }
  | { kind: "badSignOff" }
  | { kind: "forbidden" }
  | { kind: "usage" }
  | { kind: "tooLong" }
  | { kind: "badThreshold" }
  | { kind: "badNumber" }
  | { kind: "badConclusion" }
  | { kind: "noRound" }
  | ZoneChangeResult;

/** The most forms a cell may require before item figures reach its group. */
export const MAX_GROUP_THRESHOLD = 500;

/**
 * `/caidat`: shows the report settings; `/caidat diadanh <địa danh>` and
 * `/caidat captren <cấp ủy cấp trên>` set them (secretary). "-" clears a value.
 * `/caidat so <n>` numbers the latest round's report ("Số <n>-BC/CB"; "-" leaves it blank);
 * `/caidat kl21 bat|tat` says whether the round is held under Kết luận 21-KL/TW too;
 * `/caidat sohieu <CB|ĐU|…>` and `/caidat kyten <tập thể>` set the number's suffix and the
 * sign-off when the guess from the cell's name is not the cell's ("-": the guess again).
 */
export async function reportSettings(
  deps: Pick<AppDeps, "cells" | "clock" | "committees" | "rounds">,
  actor: MemberWithCell,
  args: string,
): Promise<SettingsResult> {
  const result = await changeSettings(deps, actor, args);
  if (result.kind !== "shown" && result.kind !== "changed") return result;
  return { ...result, ...(await cellMarks(deps, actor.cell, result.settings)) };
}

type Change = { kind: "shown"; settings: CellSettings } | { kind: "changed"; settings: CellSettings } | Exclude<SettingsResult, { settings: CellSettings }>;

async function changeSettings(deps: Pick<AppDeps, "cells" | "clock" | "rounds">, actor: MemberWithCell, args: string): Promise<Change> {
  const [stored, latest] = await Promise.all([deps.cells.cellSettings(actor.cellId), deps.rounds.findLatestRound(actor.cellId)]);
  // A number belongs to one round's report: shown only while that round is the latest.
  const current = latest && stored.reportNumberRoundId === latest.id ? stored : { ...stored, reportNumber: "" };
  const [key, ...rest] = settingWords(args);
  if (!key) return { kind: "shown", settings: current };
  if (!canManageRoles(actor.role)) return { kind: "forbidden" };
  const option = key.normalize("NFC").toLowerCase();
  const arg = rest.join(" ").normalize("NFC").toLowerCase();
  if (["muigio", "múigiờ", "múi", "timezone", "tz"].includes(option)) return changeTimezone(deps, actor, rest.join(" "));
  if (["so", "số", "number"].includes(option)) {
    if (arg !== "-" && !/^\d{1,6}$/.test(arg)) return { kind: "badNumber" };
    const number = arg === "-" ? "" : arg;
    if (!latest && number) return { kind: "noRound" };
    const change = { reportNumber: number, reportNumberRoundId: number ? latest!.id : null };
    await deps.cells.setCellSettings(actor.cellId, change);
    return { kind: "changed", settings: { ...current, ...change } };
  }
  if (option === "kl21") {
    const on = conclusionSwitch(arg);
    if (on === null) return { kind: "badConclusion" };
    await deps.cells.setCellSettings(actor.cellId, { conclusion21: on });
    return { kind: "changed", settings: { ...current, conclusion21: on } };
  }
  const level = levelSetting(option, rest.join(" "));
  if (level) {
    if ("kind" in level) return level;
    await deps.cells.setCellSettings(actor.cellId, level);
    return { kind: "changed", settings: { ...current, ...level } };
  }
  if (["nguong", "ngưỡng", "threshold"].includes(key.toLowerCase())) {
    // Never below 3 (MIN_GROUP_THRESHOLD): with fewer forms the figures are one person's answers.
    const n = /^\d{1,3}$/.test(rest.join(" ")) ? Number(rest.join(" ")) : NaN;
    if (!(n >= MIN_GROUP_THRESHOLD && n <= MAX_GROUP_THRESHOLD)) return { kind: "badThreshold" };
    await deps.cells.setCellSettings(actor.cellId, { reportThreshold: n });
    return { kind: "changed", settings: { ...current, reportThreshold: n } };
  }
  const field = ({ diadanh: "place", place: "place", captren: "higherBody", higher: "higherBody" } as const)[key.toLowerCase() as "place"];
  if (!field || rest.length === 0) return { kind: "usage" };
  let value = "";
  if (rest.join(" ") !== "-") {
    const checked = normalizeName(rest.join(" "), TITLE_MAX_LENGTH);
    if (!checked.ok) return checked.reason === "tooLong" ? { kind: "tooLong" } : { kind: "usage" };
    value = checked.value;
  }
  await deps.cells.setCellSettings(actor.cellId, { [field]: value });
  return { kind: "changed", settings: { ...current, [field]: value } };
}
