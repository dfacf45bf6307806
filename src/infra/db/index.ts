/**
 * Opens every storage port on one database, SQLite (`file:…`, the default) or PostgreSQL
 * (`postgresql://…`): the Prisma adapters (one per port, the same on both engines) and each
 * engine's own prepared statements for the answer path, the processed updates and the outbox
 * claim (sqlite-engine.ts, postgres.ts). The composition root calls this once; nothing else
 * constructs an adapter.
 */
import type { Stores } from "../../app/ports.js";
import { PrismaAssessments } from "./assessments.js";
import { PrismaAuditLog } from "./audit.js";
import { PrismaCampaigns } from "./campaigns.js";
import { PrismaCells } from "./cells.js";
import type { Db } from "./client.js";
import { engineOf } from "./engine.js";
import { PrismaCommitteeReports } from "./committee-reports.js";
import { PrismaCommittees } from "./committees.js";
import { PrismaMembers } from "./members.js";
import { PrismaProgress } from "./progress.js";
import { PrismaReportQueries } from "./reports.js";
import { PrismaRounds } from "./rounds.js";
import { PrismaTemplates } from "./templates.js";
import { openPostgres } from "./postgres.js";
import { openSqlite } from "./sqlite-engine.js";
import { PrismaUsers } from "./users.js";
import { PrismaWebAccess } from "./web.js";

export interface OpenStores {
  stores: Stores;
  /** The Prisma client (tests and benches read the database directly through it). */
  db: Db;
  close(): Promise<void>;
}

export async function openStores(url: string): Promise<OpenStores> {
  const kind = engineOf(url) === "postgresql" ? "postgresql" : "sqlite";
  const engine = kind === "postgresql" ? await openPostgres(url) : await openSqlite(url);
  const { db } = engine;
  const stores: Stores = {
    answerPath: engine.answerPath,
    updates: engine.updates,
    users: new PrismaUsers(db),
    cells: new PrismaCells(db),
    members: new PrismaMembers(db),
    rounds: new PrismaRounds(db),
    assessments: new PrismaAssessments(db),
    progress: new PrismaProgress(db),
    outbox: engine.outbox,
    reports: new PrismaReportQueries(db),
    audit: new PrismaAuditLog(db),
    templates: new PrismaTemplates(db),
    committees: new PrismaCommittees(db),
    campaigns: new PrismaCampaigns(db),
    committeeReports: new PrismaCommitteeReports(db, kind, engine.firstColumn),
    web: new PrismaWebAccess(db),
  };
  return {
    stores,
    db,
    close: () => engine.close(),
  };
}
