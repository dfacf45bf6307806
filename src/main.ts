/**
 * The process entry: reads the environment (the only place that does), starts the bot through
 * the composition root (src/root.ts), and stops it on SIGINT/SIGTERM.
 */
import { existsSync } from "node:fs";
import { parseConfig } from "./config.js";
import { startApp, StartError } from "./root.js";

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const parsed = parseConfig(process.env);
  if (!parsed.ok) {
    console.error(parsed.error);
    process.exit(1);
  }
  let running;
  try {
    running = await startApp(parsed.config);
  } catch (error) {
    if (!(error instanceof StartError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.logger.info({ signal }, "stopping");
    await running.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(`Start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
