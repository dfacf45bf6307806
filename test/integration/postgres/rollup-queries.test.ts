/** test/integration/rollup-queries.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("roll-up queries on PostgreSQL", () => import("../rollup-queries.test.js"));
