/** test/integration/committee-templates.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("committee templates on PostgreSQL", () => import("../committee-templates.test.js"));
