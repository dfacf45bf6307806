/**
 * A second bot process for the outbox race test: opens the same database, drains the outbox
 * with a recording transport, and prints one JSON line per message it sent.
 * Usage: node --import tsx drain-process.ts <databaseUrl> <worker>
 */
import { openStores } from "../../../src/infra/db/index.js";
import { Pacer } from "../../../src/infra/outbox/pacer.js";
import { OutboxSender } from "../../../src/infra/outbox/sender.js";
import { telegramSender } from "../../../src/bot/outbound.js";

const [url, worker] = process.argv.slice(2) as [string, string];
const opened = await openStores(url);
const sender = new OutboxSender(
  opened.stores.outbox,
  [
    telegramSender({
      call: async (_method, params) => {
        await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 6));
        process.stdout.write(`${JSON.stringify({ sent: String(params.text) })}\n`);
        return { kind: "sent", messageId: 50_000 + Number(params.chat_id) };
      },
      botUsername: "tusoi_test_bot",
      pacer: new Pacer({ perSecond: 1000, privateChatIntervalMs: 0, groupChatIntervalMs: 0 }),
    }),
  ],
  undefined,
  { worker, batchSize: 10, concurrency: 4, waitForRetriesMs: 0 },
);
// Tell the test we are connected, so both senders start racing at the same time.
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
await sender.drain();
await opened.close();
