/**
 * Spawns the real bot as a child process (default `node --import tsx src/main.ts`
 * in the repository root) and manages its lifecycle for e2e tests.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root (/work/main): three levels above test/e2e/harness. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

export interface StartBotOptions {
  /** Working directory. Default: the repository root. */
  cwd?: string;
  /** Environment overrides, merged over process.env (a value of undefined removes the variable). */
  env?: Record<string, string | undefined>;
  /** Command and args, as an array or a space-separated string. Default: node --import tsx src/main.ts */
  command?: string[] | string;
  /** Resolve once the combined stdout+stderr matches this. Default /polling|started/i. */
  readyPattern?: RegExp;
  /** Reject (and kill the process) if not ready within this time. Default 20000 ms. */
  timeoutMs?: number;
  /** Also write the bot's output to this process's stderr (default: env E2E_BOT_LOGS=1). */
  echo?: boolean;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface BotProcess {
  readonly pid: number | undefined;
  readonly child: ChildProcess;
  /** Combined stdout+stderr captured so far (last 2 MB). */
  output(): string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the output once it matches `pattern` (checked on all output so far and new output). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Settles when the process exits. */
  readonly exited: Promise<ExitInfo>;
  isRunning(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs` (default 5000); resolves on exit. */
  stop(graceMs?: number): Promise<ExitInfo>;
  /** SIGKILL; resolves on exit. */
  kill(): Promise<ExitInfo>;
}

const MAX_BUFFER = 2 * 1024 * 1024;

function tail(s: string): string {
  return s.length > MAX_BUFFER ? s.slice(s.length - MAX_BUFFER) : s;
}

function nonGlobal(re: RegExp): RegExp {
  return new RegExp(re.source, re.flags.replace(/[gy]/g, ""));
}

/**
 * Spawns the bot and resolves when `readyPattern` shows up in its output.
 * Rejects with the captured output if it exits first or `timeoutMs` passes (the process is then killed).
 */
export async function startBot(options: StartBotOptions = {}): Promise<BotProcess> {
  const cwd = options.cwd ?? REPO_ROOT;
  const command =
    options.command === undefined
      ? [process.execPath, "--import", "tsx", "src/main.ts"]
      : Array.isArray(options.command)
        ? options.command
        : options.command.split(/\s+/).filter(Boolean);
  const [file, ...args] = command;
  if (!file) throw new Error("startBot: empty command");
  const exe = file === "node" ? process.execPath : file;
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" };
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const echo = options.echo ?? process.env.E2E_BOT_LOGS === "1";
  const readyPattern = nonGlobal(options.readyPattern ?? /polling|started/i);
  // A bound on waiting for the bot to be ready, not a measure: tsx compiles the whole bot at start, which a loaded machine can take half a minute over.
  const timeoutMs = options.timeoutMs ?? 60_000;

  const child = spawn(exe, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let stdoutBuf = "";
  let stderrBuf = "";
  const listeners = new Set<() => void>();
  const onData = (which: "stdout" | "stderr") => (chunk: Buffer) => {
    const s = chunk.toString("utf8");
    out = tail(out + s);
    if (which === "stdout") stdoutBuf = tail(stdoutBuf + s);
    else stderrBuf = tail(stderrBuf + s);
    if (echo) process.stderr.write(`[bot ${child.pid}] ${s}`);
    for (const l of [...listeners]) l();
  };
  child.stdout?.on("data", onData("stdout"));
  child.stderr?.on("data", onData("stderr"));

  let running = true;
  let exitInfo: ExitInfo | undefined;
  // Never leave an orphan bot behind if the test runner exits.
  const killOnExit = (): void => {
    if (running) child.kill("SIGKILL");
  };
  process.once("exit", killOnExit);
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once("exit", (code, signal) => {
      running = false;
      exitInfo = { code, signal };
      process.off("exit", killOnExit);
      for (const l of [...listeners]) l();
      resolve(exitInfo);
    });
    child.once("error", (err) => {
      out = tail(`${out}\n[spawn error] ${String(err)}\n`);
      if (running) {
        running = false;
        exitInfo = { code: null, signal: null };
        process.off("exit", killOnExit);
        for (const l of [...listeners]) l();
        resolve(exitInfo);
      }
    });
  });

  const waitForOutput = (pattern: RegExp, waitMs = timeoutMs): Promise<string> => {
    const re = nonGlobal(pattern);
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (re.test(out)) {
          done();
          resolve(out);
        } else if (!running) {
          done();
          reject(
            new Error(
              `bot process exited (code ${String(exitInfo?.code)}, signal ${String(exitInfo?.signal)}) before output matched ${String(re)}.\n--- bot output ---\n${out}`,
            ),
          );
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${waitMs} ms waiting for bot output ${String(re)}.\n--- bot output ---\n${out}`));
      }, waitMs);
      const done = (): void => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });
  };

  const signalAndWait = async (signal: NodeJS.Signals, graceMs: number): Promise<ExitInfo> => {
    if (!running) return exited;
    child.kill(signal);
    if (signal === "SIGKILL") return exited;
    const timer = setTimeout(() => {
      if (running) child.kill("SIGKILL");
    }, graceMs);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };

  const proc: BotProcess = {
    pid: child.pid,
    child,
    output: () => out,
    stdout: () => stdoutBuf,
    stderr: () => stderrBuf,
    waitForOutput,
    exited,
    isRunning: () => running,
    stop: (graceMs = 5000) => signalAndWait("SIGTERM", graceMs),
    kill: () => signalAndWait("SIGKILL", 0),
  };

  try {
    await waitForOutput(readyPattern, timeoutMs);
  } catch (err) {
    await proc.kill();
    throw err;
  }
  return proc;
}
