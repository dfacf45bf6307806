/** test/integration/conversation.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("conversation on PostgreSQL", () => import("../conversation.test.js"));
