/** test/integration/scheduler.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("scheduler on PostgreSQL", () => import("../scheduler.test.js"));
