/** test/integration/text-cleaning.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("text-cleaning on PostgreSQL", () => import("../text-cleaning.test.js"));
