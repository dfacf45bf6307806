/** test/integration/zalo-committee.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("zalo-committee on PostgreSQL", () => import("../zalo-committee.test.js"));
