/** test/integration/template-codes.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("template-codes on PostgreSQL", () => import("../template-codes.test.js"));
