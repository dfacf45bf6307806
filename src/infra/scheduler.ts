/**
 * node-cron is only the clock: every tick asks the app what is due now (computed from the
 * database) and then drains the outbox. Several processes may tick on the same database:
 * enqueueing is idempotent by key and claims are atomic, so nothing is sent twice; no leader
 * election (node-cron's coordination hook) is needed.
 */
import cron, { type ScheduledTask } from "node-cron";
import type { Logger } from "pino";
import type { AppDeps } from "../app/deps.js";
import type { MessageRenderer } from "../app/notifications.js";
import { runDueWork } from "../app/scheduler.js";
import type { OutboxSender } from "./outbox/sender.js";

export interface Scheduler {
  /** One tick: enqueue what is due, then send. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

export function startScheduler(options: { cronExpression: string; app: AppDeps; renderer: MessageRenderer; sender: OutboxSender; logger: Logger }): Scheduler {
  const { app, renderer, sender, logger } = options;
  let running: Promise<void> | null = null;

  const tick = (): Promise<void> => {
    // A slow tick (a big fan-out) is never overlapped by the next one.
    running ??= (async () => {
      try {
        const result = await runDueWork(app, renderer, app.clock());
        if (result.enqueued > 0 || result.closedRounds > 0) logger.info(result, "scheduler: due work enqueued");
        await sender.drain();
      } catch (error) {
        logger.error({ err: error }, "scheduler tick failed");
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const task: ScheduledTask = cron.schedule(options.cronExpression, () => tick(), { name: "due-work", noOverlap: true });
  // Catch up at start-up instead of waiting for the first tick.
  void tick();
  return {
    tick,
    async stop() {
      await task.stop();
      await task.destroy();
      await sender.stop();
      await running;
    },
  };
}
