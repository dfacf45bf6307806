/** test/integration/web.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("web on PostgreSQL", () => import("../web.test.js"));
