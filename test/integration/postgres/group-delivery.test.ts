/** test/integration/group-delivery.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("group-delivery on PostgreSQL", () => import("../group-delivery.test.js"));
