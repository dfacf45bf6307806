/**
 * The web's pages on the committee bench's province tree (bench/committee.ts: root → 20
 * districts → 100 cells each, 50 members per cell: 2,000 cells, 100,000 members): the root
 * committee's page and a cell's page, through the real Fastify server and plugin (inject: the
 * server's own time, no network), signed in as the root's bí thư and a cell's secretary. The tree
 * holds a previous campaign, so the root page computes its change from it as in production.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { committeeActor } from "../src/app/committee.js";
import { committeeRollup } from "../src/app/committee-rollup.js";
import { requestWebLink, signInWithLink } from "../src/app/web-sign-in.js";
import { parseConfig } from "../src/config.js";
import { composeApp } from "../src/infra/compose.js";
import { createLogger } from "../src/infra/logger.js";
import { createServer } from "../src/server/index.js";
import { webPlugin } from "../src/web/index.js";
import { generate, PREVIOUS_CAMPAIGN_TITLE, type CommitteeBenchOptions, type Timing } from "./committee.js";

export interface WebBenchResult {
  cells: number;
  members: number;
  timings: Timing[];
  /** The pages answered 200 with the expected figures (the root's with its change from the previous campaign). */
  check: { rootOk: boolean; cellOk: boolean };
}

/** Targets of the issue: the root committee page under 1 s, a cell page under 100 ms. */
export const WEB_TARGETS = { rootMs: 1000, cellMs: 100 };

/**
 * `database`: a database already holding the province tree of these options (bench/postgres.ts
 * passes its PostgreSQL one); by default a new SQLite file, filled by bench/committee.ts.
 */
export async function runWebBench(
  options: CommitteeBenchOptions,
  progress: (line: string) => void = () => {},
  database?: { url: string },
): Promise<WebBenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), "tusoi-bench-web-"));
  const file = path.join(dir, "bot.db");
  const parsed = parseConfig({ BOT_TOKEN: "123456:ABCdefGhIJKlmnOPQRstuvWXyz_0123456", DATABASE_URL: database?.url ?? `file:${file}` });
  if (!parsed.ok) throw new Error(parsed.error);
  let cells = options.districts * options.cellsPerDistrict;
  let members = cells * options.membersPerCell;
  if (!database) {
    const setup = await composeApp(parsed.config);
    await setup.close();
    ({ cells, members } = generate(file, options));
    progress(`web: ${cells} cells, ${members} members generated`);
  }
  const runtime = await composeApp(parsed.config, { migrate: false });
  const server = createServer({ logger: createLogger("silent", []), healthy: async () => true });
  try {
    const { app, i18n } = runtime;
    await server.register(webPlugin({ app, i18n, defaultLocale: "vi", publicUrl: "http://127.0.0.1:8080", signInLimitPerMinute: 1000 }));
    await server.ready();
    const cookieFor = async (userId: bigint) => {
      const link = await requestWebLink(app, userId);
      if (link.kind !== "link") throw new Error(`no link for ${userId}`);
      const signed = await signInWithLink(app, link.token);
      if (signed.kind !== "signedIn") throw new Error(signed.state);
      return `tusoi_session=${signed.sessionId}`;
    };
    const rootCookie = await cookieFor(1n);
    const cellCookie = await cookieFor(101n); // the first cell's secretary (bench/committee.ts)
    const page = async (url: string, cookie: string) => {
      const response = await server.inject({ method: "GET", url, headers: { cookie } });
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`);
      return response.body;
    };
    const time = async (label: string, url: string, cookie: string): Promise<Timing> => timeOf(label, () => page(url, cookie));
    const timeOf = async (label: string, fn: () => Promise<unknown>): Promise<Timing> => {
      await fn();
      const samples: number[] = [];
      for (let i = 0; i < options.runs; i++) {
        const start = performance.now();
        await fn();
        samples.push(performance.now() - start);
      }
      samples.sort((a, b) => a - b);
      return {
        label,
        medianMs: samples[Math.floor(samples.length / 2)]!,
        p90Ms: samples[Math.min(samples.length - 1, Math.ceil(samples.length * 0.9) - 1)]!,
        runs: options.runs,
      };
    };
    const timings = [
      await time(`root committee page /c/1 (${cells} cells)`, "/c/1", rootCookie),
      await time(`cell page /cell/1 (${options.membersPerCell} members)`, "/cell/1", cellCookie),
      // For scale: the roll-up alone (what /tonghop computes), the bulk of the root page's time.
      await timeOf(`  of which the roll-up alone (committeeRollup, as /tonghop)`, async () =>
        committeeRollup(app, (await committeeActor(app, (await app.committees.findCommittee(1))!, 1n))!),
      ),
    ];
    if (process.env.BENCH_WEB_PROFILE === "1") {
      // Each port call of one root page, timed (calls run concurrently, so they overlap): where the page's time goes.
      const calls: { name: string; ms: number }[] = [];
      const deps = app as unknown as Record<string, object>;
      const saved = new Map<string, object>();
      for (const port of ["committeeReports", "committees", "campaigns", "answerPath", "web"]) {
        const target = deps[port];
        if (!target) continue;
        saved.set(port, target);
        deps[port] = new Proxy(target, {
          get(obj, key, receiver) {
            const value = Reflect.get(obj, key, receiver) as unknown;
            if (typeof value !== "function") return value;
            return (...args: unknown[]) => {
              const start = performance.now();
              const result = (value as (...a: unknown[]) => unknown).apply(obj, args);
              void Promise.resolve(result).then(() => calls.push({ name: `${port}.${String(key)}`, ms: performance.now() - start }));
              return result;
            };
          },
        });
      }
      const start = performance.now();
      await page("/c/1", rootCookie);
      const total = performance.now() - start;
      for (const [port, target] of saved) deps[port] = target;
      progress(`web profile: root page ${total.toFixed(0)} ms; port calls (overlapping): ${calls.map((c) => `${c.name} ${c.ms.toFixed(0)}`).join(", ")}`);
    }
    const rootBody = await page("/c/1", rootCookie);
    const cellBody = await page("/cell/1", cellCookie);
    return {
      cells,
      members,
      timings,
      check: {
        rootOk: rootBody.includes(`Đảng viên đã nộp: `) && rootBody.includes(`/${members} (`) && rootBody.includes(PREVIOUS_CAMPAIGN_TITLE),
        cellOk: cellBody.includes(`/${options.membersPerCell} đảng viên (`),
      },
    };
  } finally {
    await server.close();
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
