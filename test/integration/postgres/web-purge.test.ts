/** test/integration/web-purge.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("web purge on PostgreSQL", () => import("../web-purge.test.js"));
