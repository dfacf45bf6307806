/** Latency figures and a small driver that feeds updates sequentially or with bounded concurrency. */
import { performance } from "node:perf_hooks";

export interface Figures {
  updates: number;
  wallMs: number;
  perSecond: number;
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function summarize(latencies: Float64Array, wallMs: number): Figures {
  const sorted = Float64Array.from(latencies).sort();
  const total = sorted.reduce((sum, v) => sum + v, 0);
  return {
    updates: sorted.length,
    wallMs,
    perSecond: sorted.length / (wallMs / 1000),
    meanMs: total / Math.max(1, sorted.length),
    p50Ms: percentile(sorted, 50),
    p90Ms: percentile(sorted, 90),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/**
 * Feeds `items` to `handle`, at most `concurrency` in flight (1 = sequential, each awaited
 * before the next), taking them in order. Latency is from calling `handle` to its promise
 * settling, with performance.now().
 */
export async function drive<T>(items: readonly T[], handle: (item: T) => Promise<unknown>, concurrency = 1): Promise<Figures> {
  const latencies = new Float64Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      const t0 = performance.now();
      await handle(items[i]!);
      latencies[i] = performance.now() - t0;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return summarize(latencies, performance.now() - start);
}

/** Left-aligned first column, right-aligned others. */
export function table(rows: string[][], widths: number[]): string {
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[i] ?? 10)))
        .join("")
        .trimEnd(),
    )
    .join("\n");
}

export const fmt = (value: number, digits = 2): string => (Number.isFinite(value) ? value.toFixed(digits) : "—");
