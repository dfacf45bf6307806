/** test/integration/reports.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("reports on PostgreSQL", () => import("../reports.test.js"));
