/**
 * The storage contract (test/contract) against the PostgreSQL implementations as production
 * composes them (Prisma's client from the twin schema through @prisma/adapter-pg, and the
 * prepared statements over pg), on a fresh database of the run's real server; and a check
 * that every column the prepared statements name exists there.
 */
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openStores } from "../../src/infra/db/index.js";
import { PG_ANSWER_PATH_SQL, PG_OUTBOX_CLAIM_SQL, PG_PROCESSED_UPDATES_SQL } from "../../src/infra/db/postgres.js";
import { committeesContract } from "../contract/committees.contract.js";
import { meetingContract } from "../contract/meeting.contract.js";
import { storesContract } from "../contract/stores.contract.js";
import { createPostgresDatabase, onPostgres, postgresAvailable } from "../support/postgres.js";

if (postgresAvailable()) {
  const postgres = async () => {
    const database = await createPostgresDatabase();
    const opened = await openStores(database.url);
    return {
      stores: opened.stores,
      async close() {
        await opened.close();
        await database.drop();
      },
    };
  };
  storesContract("PostgreSQL (Prisma adapters through @prisma/adapter-pg + prepared statements over pg)", postgres);
  committeesContract("PostgreSQL", postgres);
  meetingContract("PostgreSQL", postgres);
}

onPostgres("PostgreSQL prepared statements", () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let client: pg.Client;
  beforeAll(async () => {
    database = await createPostgresDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  it("every statement of the answer path, processed updates and the outbox claim is valid against the migrated schema", async () => {
    const statements = { ...PG_ANSWER_PATH_SQL, ...PG_PROCESSED_UPDATES_SQL, claim: PG_OUTBOX_CLAIM_SQL };
    for (const [name, sql] of Object.entries(statements)) {
      // PREPARE checks every table and column without running the statement.
      await expect(client.query(`PREPARE "check_${name}" AS ${sql}`), name).resolves.toBeDefined();
      await client.query(`DEALLOCATE "check_${name}"`);
    }
  });
});
