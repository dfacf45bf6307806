/** test/e2e/duplicate.e2e.test.ts, unchanged, with the real bot process on a fresh PostgreSQL database (de-duplication by update_id in PostgreSQL). */
import { rerunE2EOnPostgres } from "../support.js";

await rerunE2EOnPostgres("a redelivered update on PostgreSQL", () => import("../duplicate.e2e.test.js"));
