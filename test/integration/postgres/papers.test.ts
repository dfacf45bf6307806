/** test/integration/papers.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("papers on PostgreSQL", () => import("../papers.test.js"));
