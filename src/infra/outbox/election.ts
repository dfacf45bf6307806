/**
 * One sender for all instances on one PostgreSQL database (README, "Deploying at scale").
 *
 * Telegram's limits (30 messages/s overall, 1/s per private chat, 20/min per group) belong to
 * the bot token, not to a process. Rather than share a budget through the database (every
 * send would cost a round trip, and the per-chat limits would need sharing too), the instances
 * elect one sender: whoever holds the session advisory lock SENDER_LOCK_KEY on its own
 * connection sends, with the one Pacer that already keeps every limit exactly. The others
 * still enqueue (idempotently) and tick the scheduler; their wake-ups reach the sender as a
 * NOTIFY. When the sender dies (even `kill -9`), its connection closes, PostgreSQL releases
 * the lock, and another instance takes it at its next try (every `retryMs`, default 2 s). The
 * rows the dead one had claimed are the new sender's at once (onElected: OutboxSender.takeOver):
 * only the lock holder claims, so whoever held them has lost the lock and stands down (its
 * sender checks before each call), and nobody waits out their 2-minute lease.
 */
import pg from "pg";

export const SENDER_LOCK_KEY = 7_546_130_002;
const CHANNEL = "tusoi_outbox";

export interface SenderElectionOptions {
  retryMs?: number;
  /**
   * Called once each time this instance becomes the sender, before its first wake-up: the old
   * sender is gone (its lock went with its connection), so its claims can be taken over now.
   */
  onElected?(): Promise<unknown> | void;
  /** Called when this instance becomes the sender, and on every wake-up while it is. */
  onWake(): void;
  onError?(error: unknown): void;
}

export class SenderElection {
  private client: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  leading = false;

  constructor(
    private readonly url: string,
    private readonly options: SenderElectionOptions,
  ) {}

  async start(): Promise<void> {
    await this.attempt();
    this.timer = setInterval(() => void this.attempt(), this.options.retryMs ?? 2_000);
    this.timer.unref();
  }

  private async attempt(): Promise<void> {
    if (this.stopped || this.leading) return;
    try {
      if (!this.client) {
        const client = new pg.Client({ connectionString: this.url, application_name: "tusoi-sender-election" });
        // A lost connection is a lost lock: stand down and try again later.
        client.on("error", (error) => this.lost(client, error));
        client.on("end", () => this.lost(client));
        client.on("notification", () => {
          if (this.leading) this.options.onWake();
        });
        await client.connect();
        await client.query(`LISTEN ${CHANNEL}`);
        this.client = client;
      }
      const { rows } = await this.client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [SENDER_LOCK_KEY]);
      if (rows[0]?.ok && !this.stopped) {
        this.leading = true;
        try {
          await this.options.onElected?.();
        } catch (error) {
          // The old claims then go when their lease runs out, as before.
          this.options.onError?.(error);
        }
        this.options.onWake();
      }
    } catch (error) {
      this.options.onError?.(error);
      if (this.client) this.lost(this.client, error);
    }
  }

  private lost(client: pg.Client, error?: unknown): void {
    if (this.client !== client) return;
    if (error) this.options.onError?.(error);
    this.client = null;
    this.leading = false;
    client.end().catch(() => {});
  }

  /** Wakes the sender, wherever it runs (a NOTIFY on this instance's election connection). */
  async wake(): Promise<void> {
    if (this.leading) this.options.onWake();
    else await this.client?.query(`NOTIFY ${CHANNEL}`).catch((error: unknown) => this.options.onError?.(error));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    const client = this.client;
    this.client = null;
    this.leading = false;
    // Closing the connection releases the lock at once: another instance takes over.
    await client?.end().catch(() => {});
  }
}
