/** test/integration/use-cases.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("use-cases on PostgreSQL", () => import("../use-cases.test.js"));
