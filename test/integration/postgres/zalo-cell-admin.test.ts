/** test/integration/zalo-cell-admin.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("zalo-cell-admin on PostgreSQL", () => import("../zalo-cell-admin.test.js"));
