/** test/e2e/loop.e2e.test.ts, unchanged, with the real bot process on a fresh PostgreSQL database (migrated by the bot at start-up). */
import { rerunE2EOnPostgres } from "../support.js";

await rerunE2EOnPostgres("the whole loop on PostgreSQL", () => import("../loop.e2e.test.js"));
