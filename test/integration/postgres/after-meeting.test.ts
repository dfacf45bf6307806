/** test/integration/after-meeting.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("after-meeting on PostgreSQL", () => import("../after-meeting.test.js"));
