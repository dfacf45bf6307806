/** test/integration/text-member-commands.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("text-member-commands on PostgreSQL", () => import("../text-member-commands.test.js"));
