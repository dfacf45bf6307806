/**
 * What the use cases need from the outside, one small port per aggregate (ports/*.ts), and
 * the plain records they exchange. Implemented in infra (db/, renderers/); tests may provide
 * their own. `Stores` is every storage port, as the composition root builds them.
 */
import type { AnswerPath } from "./ports/answer-path.js";
import type { AssessmentsRepository } from "./ports/assessments.js";
import type { AuditLog } from "./ports/audit.js";
import type { CellsRepository } from "./ports/cells.js";
import type { CampaignsRepository, CommitteeReports, CommitteesRepository } from "./ports/committees.js";
import type { MembersRepository } from "./ports/members.js";
import type { OutboxRepository } from "./ports/outbox.js";
import type { ProcessedUpdates } from "./ports/processed-updates.js";
import type { ProgressRepository } from "./ports/progress.js";
import type { ReportQueries } from "./ports/reports.js";
import type { RoundsRepository } from "./ports/rounds.js";
import type { TemplatesRepository } from "./ports/templates.js";
import type { UsersRepository } from "./ports/users.js";
import type { WebAccessRepository } from "./ports/web.js";

export type * from "./ports/records.js";
export type * from "./ports/templates.js";
export type * from "./ports/committees.js";
export type {
  AnswerPath,
  AssessmentsRepository,
  AuditLog,
  CellsRepository,
  MembersRepository,
  OutboxRepository,
  ProcessedUpdates,
  ProgressRepository,
  ReportQueries,
  RoundsRepository,
  UsersRepository,
  WebAccessRepository,
};
export type { WebLoginTokenRecord, WebSessionRecord } from "./ports/web.js";
export type { DocumentRenderer, ReportFileKind } from "./ports/documents.js";
export type { ReportTextKey, ReportTexts } from "./ports/rounds.js";

/** Every storage port, by the name use cases reach it under (`deps.rounds.findLatestRound`). */
export interface Stores {
  answerPath: AnswerPath;
  updates: ProcessedUpdates;
  users: UsersRepository;
  cells: CellsRepository;
  members: MembersRepository;
  rounds: RoundsRepository;
  assessments: AssessmentsRepository;
  progress: ProgressRepository;
  outbox: OutboxRepository;
  reports: ReportQueries;
  audit: AuditLog;
  templates: TemplatesRepository;
  committees: CommitteesRepository;
  campaigns: CampaignsRepository;
  committeeReports: CommitteeReports;
  web: WebAccessRepository;
}
