/** test/integration/zalo-groups.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("zalo-groups on PostgreSQL", () => import("../zalo-groups.test.js"));
