/** test/integration/text-several-answers.test.ts, unchanged, on PostgreSQL (freshDatabase() on the run's server). */
import { rerunOnPostgres } from "../../support/db.js";

await rerunOnPostgres("text-several-answers on PostgreSQL", () => import("../text-several-answers.test.js"));
