/** test/integration/collective.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("collective on PostgreSQL", () => import("../collective.test.js"));
