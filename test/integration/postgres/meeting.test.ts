/** test/integration/meeting.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("meeting on PostgreSQL", () => import("../meeting.test.js"));
