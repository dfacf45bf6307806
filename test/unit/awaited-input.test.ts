/**
 * The awaited-input registry (issue 18): every kind any use case writes has exactly one
 * typed-text handler, whatever order the features hand theirs in; a kind without one (or with
 * two) fails when the bot is built, not when a person types.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AWAITED_KINDS, commandCancels, kindOf, parseAwaited, serializeAwaited } from "../../src/app/awaited-input.js";
import { awaitedTextRegistry, passText, type AwaitedTextHandlers } from "../../src/bot/awaited-text.js";
import { telegramTextRegistry } from "../../src/bot/index.js";

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Every kind written in src/app, however it is written: serializeAwaited("x", …) or a literal {"v":1,"k":"x"}. */
function kindsWrittenInApp(): Set<string> {
  const kinds = new Set<string>();
  for (const file of filesUnder(join(__dirname, "../../src/app"))) {
    const source = readFileSync(file, "utf8");
    for (const m of source.matchAll(/serializeAwaited\(\s*"([^"]+)"/g)) kinds.add(m[1]!);
    for (const m of source.matchAll(/\bk:\s*"([^"]+)"/g)) kinds.add(m[1]!);
  }
  return kinds;
}

describe("the awaited kinds", () => {
  it("every kind written anywhere in src/app is a known kind with a Telegram typed-text handler", () => {
    const written = kindsWrittenInApp();
    expect(written.size).toBeGreaterThanOrEqual(11);
    const registry = telegramTextRegistry();
    for (const kind of written) {
      expect(Object.keys(AWAITED_KINDS), `kind "${kind}"`).toContain(kind);
      expect(typeof registry[kind as keyof typeof AWAITED_KINDS], `handler of "${kind}"`).toBe("function");
    }
  });

  it("reads and writes the versioned JSON as the use cases always did", () => {
    expect(serializeAwaited("name")).toBe('{"v":1,"k":"name"}');
    expect(serializeAwaited("note", { a: 3, i: 1, p: "2026-11" })).toBe('{"v":1,"k":"note","a":3,"i":1,"p":"2026-11"}');
    expect(kindOf('{"v":1,"k":"meeting","r":4,"s":"d"}')).toBe("meeting");
    expect(parseAwaited('{"v":1,"k":"rosterName","e":9}')).toEqual({ v: 1, k: "rosterName", e: 9 });
    for (const stored of [null, "", "name", "{}", '{"v":2,"k":"name"}', '{"v":1,"k":"unknown"}', "[1]"]) expect(kindOf(stored)).toBeNull();
  });

  it("a command drops the kinds that say so, and leaves the name, a note and awaited files waiting", () => {
    const dropped = Object.keys(AWAITED_KINDS).filter((k) => commandCancels(serializeAwaited(k as keyof typeof AWAITED_KINDS)));
    expect(dropped.sort()).toEqual(["conclusions", "ctext", "enter", "meeting", "renameMember", "rosterName", "rtext"]);
  });
});

describe("the typed-text registry", () => {
  const all = (): AwaitedTextHandlers => Object.fromEntries(Object.keys(AWAITED_KINDS).map((k) => [k, async () => k]));

  it("gives each kind the same handler whatever order the features are registered in", async () => {
    const kinds = Object.keys(AWAITED_KINDS) as (keyof typeof AWAITED_KINDS)[];
    const handlers = all();
    const features: AwaitedTextHandlers[] = kinds.map((k) => ({ [k]: handlers[k] }));
    const forward = awaitedTextRegistry(features);
    const backward = awaitedTextRegistry([...features].reverse());
    const shuffled = awaitedTextRegistry([...features].sort((a, b) => Object.keys(a)[0]!.localeCompare(Object.keys(b)[0]!)));
    for (const kind of kinds) {
      expect(forward[kind]).toBe(handlers[kind]);
      expect(backward[kind]).toBe(handlers[kind]);
      expect(shuffled[kind]).toBe(handlers[kind]);
    }
  });

  it("fails at start-up when a kind has no handler", () => {
    const { meeting: _meeting, ...rest } = all();
    expect(() => awaitedTextRegistry([rest])).toThrow("awaited input without a typed-text handler: meeting");
  });

  it("fails at start-up when two features claim the same kind", () => {
    expect(() => awaitedTextRegistry([all(), { note: passText }])).toThrow('awaited input "note" has two typed-text handlers');
  });
});
