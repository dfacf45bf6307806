/** test/integration/text-channel.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("text-channel on PostgreSQL", () => import("../text-channel.test.js"));
