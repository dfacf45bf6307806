/** test/integration/text-screen-store.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("text-screen-store on PostgreSQL", () => import("../text-screen-store.test.js"));
