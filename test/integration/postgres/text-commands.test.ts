/** test/integration/text-commands.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("text-commands on PostgreSQL", () => import("../text-commands.test.js"));
