/** test/integration/committee.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("committee on PostgreSQL", () => import("../committee.test.js"));
