/**
 * Issue 20's configuration: ZALO_BOT_TOKEN turns Zalo on, BOT_TOKEN becomes optional with it,
 * ZALO_WEBHOOK_SECRET with PUBLIC_URL and PORT selects the webhook (else long polling), the
 * Zalo pace, and where files sent as links live and how the links are signed.
 */
import { describe, expect, it } from "vitest";
import { parseConfig, type Config, type ConfigResult } from "../../src/config.js";

const TG = "123456:ABCdefGhIJKlmnOPQRstuvWXyz_0123456";
const ZALO = "2749131474717219387:hGfKqnXeMiUUjhVtSTuRjJdk";
const SECRET = "zalo-webhook-secret-0123";

function config(env: Record<string, string>): Config {
  const r = parseConfig(env, "/srv/bot");
  if (!r.ok) throw new Error(r.error);
  return r.config;
}
function errorOf(result: ConfigResult): string {
  if (result.ok) throw new Error("expected a configuration error");
  return result.error;
}

describe("parseConfig: Zalo", () => {
  it("runs Zalo alone with ZALO_BOT_TOKEN: no BOT_TOKEN needed, long polling, the default API root and a pace of 1 a second", () => {
    const c = config({ ZALO_BOT_TOKEN: ZALO });
    expect(c.botToken).toBeNull();
    expect(c.channels).toEqual(["zalo"]);
    expect(c.zalo).toEqual({ token: ZALO, apiRoot: "https://bot-api.zaloplatforms.com", webhook: null, messagesPerSecond: 1, chatIntervalMs: 1000 });
  });

  it("runs both channels with both tokens, Telegram first", () => {
    expect(config({ BOT_TOKEN: TG, ZALO_BOT_TOKEN: ZALO }).channels).toEqual(["telegram", "zalo"]);
    expect(config({ BOT_TOKEN: TG }).zalo).toBeNull();
  });

  it("needs at least one channel, on one line", () => {
    const error = errorOf(parseConfig({}, "/srv/bot"));
    expect(error).toBe("Configuration error: BOT_TOKEN is required (the token from @BotFather)");
    expect(errorOf(parseConfig({ ZALO_WEBHOOK_SECRET: SECRET, PUBLIC_URL: "https://bot.example.org", PORT: "3000" }, "/srv/bot"))).toMatch(
      /^Configuration error: ZALO_BOT_TOKEN is required with ZALO_WEBHOOK_SECRET/,
    );
  });

  it("selects the webhook at <PUBLIC_URL>/zalo with ZALO_WEBHOOK_SECRET, PUBLIC_URL and PORT", () => {
    const c = config({ ZALO_BOT_TOKEN: ZALO, ZALO_WEBHOOK_SECRET: SECRET, PUBLIC_URL: "https://bot.example.org/", PORT: "3000" });
    expect(c.zalo?.webhook).toEqual({ url: "https://bot.example.org/zalo", secret: SECRET });
    expect(c.httpPort).toBe(3000);
    expect(c.publicUrlInsecure).toBe(false);
  });

  it("refuses the webhook secret without PUBLIC_URL or PORT, and one outside 8–256 characters, never echoing it", () => {
    expect(errorOf(parseConfig({ ZALO_BOT_TOKEN: ZALO, ZALO_WEBHOOK_SECRET: SECRET, PORT: "3000" }))).toMatch(
      /^Configuration error: ZALO_WEBHOOK_SECRET needs PUBLIC_URL and PORT/,
    );
    expect(errorOf(parseConfig({ ZALO_BOT_TOKEN: ZALO, ZALO_WEBHOOK_SECRET: SECRET, PUBLIC_URL: "https://bot.example.org" }))).toMatch(
      /^Configuration error: ZALO_WEBHOOK_SECRET needs PUBLIC_URL and PORT/,
    );
    for (const bad of ["short", "x".repeat(257), "has a space"]) {
      const error = errorOf(parseConfig({ ZALO_BOT_TOKEN: ZALO, ZALO_WEBHOOK_SECRET: bad, PUBLIC_URL: "https://bot.example.org", PORT: "3000" }));
      expect(error).toMatch(/^Configuration error: ZALO_WEBHOOK_SECRET must be 8–256 characters/);
      expect(error).not.toContain(bad);
    }
  });

  it("allows an http PUBLIC_URL (an intranet, a test) and flags it for the start-up warning", () => {
    const c = config({ ZALO_BOT_TOKEN: ZALO, ZALO_WEBHOOK_SECRET: SECRET, PUBLIC_URL: "http://127.0.0.1:8080", PORT: "8080" });
    expect(c.zalo?.webhook?.url).toBe("http://127.0.0.1:8080/zalo");
    expect(c.publicUrlInsecure).toBe(true);
  });

  it("takes ZALO_API_ROOT and ZALO_MESSAGES_PER_SECOND, refusing a bad one by name", () => {
    const c = config({ ZALO_BOT_TOKEN: ZALO, ZALO_API_ROOT: "http://127.0.0.1:9000/", ZALO_MESSAGES_PER_SECOND: "2.5" });
    expect(c.zalo).toMatchObject({ apiRoot: "http://127.0.0.1:9000", messagesPerSecond: 2.5 });
    expect(errorOf(parseConfig({ ZALO_BOT_TOKEN: ZALO, ZALO_API_ROOT: "ftp://x" }))).toMatch(/^Configuration error: ZALO_API_ROOT /);
    expect(errorOf(parseConfig({ ZALO_BOT_TOKEN: ZALO, ZALO_MESSAGES_PER_SECOND: "0" }))).toMatch(/^Configuration error: ZALO_MESSAGES_PER_SECOND /);
    expect(errorOf(parseConfig({ ZALO_BOT_TOKEN: ZALO, ZALO_MESSAGES_PER_SECOND: "fast" }))).toMatch(/^Configuration error: ZALO_MESSAGES_PER_SECOND /);
  });

  it("refuses a token that is not <bot id>:<secret> without echoing it", () => {
    for (const bad of ["nocolon", "123:short", "123:has space inside"]) {
      const error = errorOf(parseConfig({ ZALO_BOT_TOKEN: bad }));
      expect(error).toMatch(/^Configuration error: ZALO_BOT_TOKEN does not look like a Zalo bot token/);
      expect(error).not.toContain(bad);
    }
  });
});

describe("parseConfig: file links", () => {
  it("keeps files beside the SQLite file by default, or under FILES_DIR resolved against the working folder", () => {
    expect(config({ BOT_TOKEN: TG, DATABASE_URL: "file:/var/lib/tusoi/bot.db" }).filesDir).toBe("/var/lib/tusoi/files");
    expect(config({ BOT_TOKEN: TG, FILES_DIR: "store/files" }).filesDir).toBe("/srv/bot/store/files");
    expect(config({ BOT_TOKEN: TG, DATABASE_URL: "postgresql://u:p@db/tusoi" }).filesDir).toBe("/srv/bot/data/files");
  });

  it("signs with FILE_LINK_SECRET when set, else a key derived from the tokens that changes with them", () => {
    const own = "f".repeat(40);
    expect(config({ BOT_TOKEN: TG, FILE_LINK_SECRET: own }).fileLinkSecret).toBe(own);
    const derived = config({ BOT_TOKEN: TG }).fileLinkSecret;
    expect(derived).toBe(config({ BOT_TOKEN: TG }).fileLinkSecret);
    expect(derived).not.toContain(TG);
    expect(config({ ZALO_BOT_TOKEN: ZALO }).fileLinkSecret).not.toBe(derived);
    expect(config({ BOT_TOKEN: TG, ZALO_BOT_TOKEN: ZALO }).fileLinkSecret).not.toBe(derived);
    expect(errorOf(parseConfig({ BOT_TOKEN: TG, FILE_LINK_SECRET: "short" }))).toMatch(/^Configuration error: FILE_LINK_SECRET must be 32–256 characters/);
  });
});
