/** test/integration/committee-intents.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("committee intents on PostgreSQL", () => import("../committee-intents.test.js"));
