/** test/integration/outbox.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("outbox on PostgreSQL", () => import("../outbox.test.js"));
