/** test/integration/templates.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("templates on PostgreSQL", () => import("../templates.test.js"));
