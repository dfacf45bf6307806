/**
 * Chromium for the browser tests: Debian's `chromium` package, driven by playwright-core
 * (which downloads no browser of its own). When it is missing and we run as root,
 * `apt-get install -y chromium` is run once, as test/support/postgres-server.ts does for
 * PostgreSQL. When it cannot be had, the browser tests are skipped with the reason, except on
 * CI (CI=true), where they fail.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium"];

/** Flags for a quiet, headless run in a container (Playwright gives each launch a fresh user-data-dir). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export type ChromiumResult = { ok: true; path: string } | { ok: false; reason: string };

const find = (): string | null =>
  process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : (CANDIDATES.find((p) => existsSync(p)) ?? null);

let cached: ChromiumResult | null = null;

/** Finds Chromium, installing Debian's package when missing and root. Never throws. */
export function ensureChromium(log: (line: string) => void = (line) => console.log(line)): ChromiumResult {
  if (cached) return cached;
  let found = find();
  if (!found && process.getuid?.() === 0 && spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status === 0) {
    log("Chromium is not installed: apt-get install -y chromium (Debian's package) …");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const install = () => spawnSync("apt-get", ["install", "-y", "-q", "--no-install-recommends", "chromium"], { env, stdio: "ignore", timeout: 600_000 });
    if (install().status !== 0) {
      spawnSync("apt-get", ["update", "-q"], { env, stdio: "ignore", timeout: 300_000 });
      install();
    }
    found = find();
  }
  cached = found
    ? { ok: true, path: found }
    : { ok: false, reason: "Chromium was not found (/usr/bin/chromium) and could not be installed (apt-get install -y chromium needs root)" };
  return cached;
}

/** Launches the found Chromium headless. */
export async function launchChromium(executablePath: string): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}
