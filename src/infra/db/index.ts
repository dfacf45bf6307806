/**
 * Opens every storage port on one SQLite file: the Prisma adapters (one per port) and the
 * prepared statements of the answer path and the processed updates. The composition root
 * calls this once; nothing else constructs an adapter.
 */
import type { Stores } from "../../app/ports.js";
import { SqliteAnswerPath } from "./answer-path.js";
import { PrismaAssessments } from "./assessments.js";
import { PrismaAuditLog } from "./audit.js";
import { PrismaCells } from "./cells.js";
import { openDatabase, type Db } from "./client.js";
import { PrismaMembers } from "./members.js";
import { PrismaOutbox } from "./outbox.js";
import { SqliteProcessedUpdates } from "./processed-updates.js";
import { PrismaProgress } from "./progress.js";
import { PrismaReportQueries } from "./reports.js";
import { PrismaRounds } from "./rounds.js";
import { openStatements } from "./sqlite.js";
import { PrismaUsers } from "./users.js";

export interface OpenStores {
  stores: Stores;
  /** The Prisma client (tests and benches read the database directly through it). */
  db: Db;
  close(): Promise<void>;
}

export async function openStores(url: string): Promise<OpenStores> {
  const db = await openDatabase(url);
  const statements = openStatements(url);
  const stores: Stores = {
    answerPath: new SqliteAnswerPath(statements),
    updates: new SqliteProcessedUpdates(statements),
    users: new PrismaUsers(db),
    cells: new PrismaCells(db),
    members: new PrismaMembers(db),
    rounds: new PrismaRounds(db),
    assessments: new PrismaAssessments(db),
    progress: new PrismaProgress(db),
    outbox: new PrismaOutbox(db),
    reports: new PrismaReportQueries(db),
    audit: new PrismaAuditLog(db),
  };
  return {
    stores, db,
    async close() {
      statements.close();
      await db.$disconnect();
    },
  };
}
