import { describe, it, expect } from "vitest";
import { parseConfig, type ConfigResult } from "../../src/config.js";

const TOKEN = "123456:ABCdefGhIJKlmnOPQRstuvWXyz_0123456";

function errorOf(result: ConfigResult): string {
  if (result.ok) throw new Error(`expected a configuration error, got ${JSON.stringify(result.config)}`);
  return result.error;
}

describe("parseConfig", () => {
  it("applies defaults and resolves the database under the given cwd", () => {
    expect(parseConfig({ BOT_TOKEN: TOKEN }, "/srv/bot")).toEqual({
      ok: true,
      config: {
        botToken: TOKEN,
        channels: ["telegram"],
        zalo: null,
        databaseUrl: "file:/srv/bot/data/bot.db",
        telegramApiRoot: "https://api.telegram.org",
        defaultLocale: "vi",
        defaultTimezone: "Asia/Ho_Chi_Minh",
        schedulerTickCron: "* * * * *",
        logLevel: "info",
        databaseEngine: "sqlite",
        webhook: null,
        httpPort: null,
        publicUrl: null,
        publicUrlInsecure: false,
        filesDir: "/srv/bot/data/files",
        fileLinkSecret: expect.stringMatching(/^[\w-]{43}$/),
      },
    });
  });

  it("takes given values, resolving a relative DATABASE_URL and trimming a trailing slash off the API root", () => {
    const result = parseConfig(
      {
        BOT_TOKEN: TOKEN,
        DATABASE_URL: "file:../db/prod.db",
        TELEGRAM_API_ROOT: "http://localhost:9001/",
        DEFAULT_LOCALE: "en",
        DEFAULT_TIMEZONE: "Europe/Berlin",
        SCHEDULER_TICK_CRON: "*/5 * * * *",
        LOG_LEVEL: "debug",
      },
      "/srv/bot",
    );
    expect(result).toEqual({
      ok: true,
      config: {
        botToken: TOKEN,
        channels: ["telegram"],
        zalo: null,
        databaseUrl: "file:/srv/db/prod.db",
        telegramApiRoot: "http://localhost:9001",
        defaultLocale: "en",
        defaultTimezone: "Europe/Berlin",
        schedulerTickCron: "*/5 * * * *",
        logLevel: "debug",
        databaseEngine: "sqlite",
        webhook: null,
        httpPort: null,
        publicUrl: null,
        publicUrlInsecure: false,
        filesDir: "/srv/db/files",
        fileLinkSecret: expect.stringMatching(/^[\w-]{43}$/),
      },
    });
  });

  it("takes PUBLIC_URL (http or https) without its trailing slash, and refuses another scheme or a non-URL", () => {
    const ok = (url: string) => {
      const r = parseConfig({ BOT_TOKEN: TOKEN, PUBLIC_URL: url });
      return r.ok ? r.config.publicUrl : null;
    };
    expect(ok("https://bot.example.org/")).toBe("https://bot.example.org");
    expect(ok("http://10.0.0.5:8080")).toBe("http://10.0.0.5:8080");
    expect(errorOf(parseConfig({ BOT_TOKEN: TOKEN, PUBLIC_URL: "ftp://bot.example.org" }))).toMatch(
      /^Configuration error: PUBLIC_URL must be the web's http\(s\) address/,
    );
    expect(errorOf(parseConfig({ BOT_TOKEN: TOKEN, PUBLIC_URL: "bot.example.org" }))).toMatch(/PUBLIC_URL/);
  });

  it("keeps an absolute DATABASE_URL and file::memory:", () => {
    const absolute = parseConfig({ BOT_TOKEN: TOKEN, DATABASE_URL: "file:/var/lib/bot/bot.db" }, "/srv/bot");
    expect(absolute.ok && absolute.config.databaseUrl).toBe("file:/var/lib/bot/bot.db");
    const memory = parseConfig({ BOT_TOKEN: TOKEN, DATABASE_URL: "file::memory:" }, "/srv/bot");
    expect(memory.ok && memory.config.databaseUrl).toBe("file::memory:");
  });

  it("trims surrounding whitespace from values", () => {
    const result = parseConfig({ BOT_TOKEN: `  ${TOKEN}\n`, DEFAULT_LOCALE: " en " }, "/srv/bot");
    expect(result.ok && result.config.botToken).toBe(TOKEN);
    expect(result.ok && result.config.defaultLocale).toBe("en");
  });

  it("reports a missing BOT_TOKEN on one line naming BOT_TOKEN", () => {
    const error = errorOf(parseConfig({}, "/srv/bot"));
    expect(error).toContain("BOT_TOKEN");
    expect(error).not.toContain("\n");
    expect(error).toBe("Configuration error: BOT_TOKEN is required (the token from @BotFather)");
  });

  it.each([
    ["abc"],
    ["123456:short"],
    ["123456ABCdefGhIJKlmnOPQRstuvWXyz"],
    ["abc:ABCdefGhIJKlmnOPQRstuvWXyz_0123456"],
    ["123456:ABCdefGhIJKlmn OPQRstuvWXyz"],
  ])("reports a malformed token %j", (token) => {
    const error = errorOf(parseConfig({ BOT_TOKEN: token }, "/srv/bot"));
    expect(error).toMatch(/^Configuration error: BOT_TOKEN does not look like a bot token/);
    expect(error).not.toContain("\n");
    // The (possibly real) token is a secret: it is never echoed into logs.
    expect(error).not.toContain(token);
  });

  it.each([
    ["DEFAULT_TIMEZONE", "Mars/Olympus_Mons"],
    ["DEFAULT_TIMEZONE", "GMT+7 Hanoi"],
    ["SCHEDULER_TICK_CRON", "every minute"],
    ["SCHEDULER_TICK_CRON", "* * *"],
    ["TELEGRAM_API_ROOT", "not a url"],
    ["DEFAULT_LOCALE", "fr"],
    ["LOG_LEVEL", "loud"],
    ["DATABASE_URL", "mysql://localhost/bot"],
    ["DATABASE_URL", "./data/bot.db"],
    ["WEBHOOK_URL", "http://bot.example.org/telegram"],
    ["PORT", "http"],
    ["PORT", "70000"],
  ])("reports a bad %s (%j) naming the variable on one line", (name, value) => {
    const error = errorOf(parseConfig({ BOT_TOKEN: TOKEN, [name]: value }, "/srv/bot"));
    expect(error).toMatch(new RegExp(`^Configuration error: ${name} `));
    expect(error).not.toContain("\n");
  });

  it("counts empty and blank strings as unset", () => {
    expect(errorOf(parseConfig({ BOT_TOKEN: "" }, "/srv/bot"))).toBe("Configuration error: BOT_TOKEN is required (the token from @BotFather)");
    const result = parseConfig(
      {
        BOT_TOKEN: TOKEN,
        DATABASE_URL: "",
        TELEGRAM_API_ROOT: "",
        DEFAULT_LOCALE: "",
        DEFAULT_TIMEZONE: "   ",
        SCHEDULER_TICK_CRON: "",
        LOG_LEVEL: "",
        UNRELATED: undefined,
      },
      "/srv/bot",
    );
    expect(result).toEqual(parseConfig({ BOT_TOKEN: TOKEN }, "/srv/bot"));
    expect(result.ok && result.config.defaultTimezone).toBe("Asia/Ho_Chi_Minh");
  });

  it("ignores unrelated environment variables", () => {
    const result = parseConfig({ BOT_TOKEN: TOKEN, PATH: "/usr/bin", HOME: "/root" }, "/srv/bot");
    expect(result.ok).toBe(true);
  });
});

describe("parseConfig: PostgreSQL and webhook mode", () => {
  const token = "123456:ABCdefGhIJKlmnOPQRstuvWXyz_0123456";
  const secret = "s3cret-token_0123456789abcdef";

  it("selects PostgreSQL for a postgresql:// or postgres:// URL and keeps it as given", () => {
    for (const url of ["postgresql://tusoi:pw@db.example.org:5432/tusoi", "postgres://localhost/tusoi"]) {
      const r = parseConfig({ BOT_TOKEN: token, DATABASE_URL: url }, "/srv/bot");
      expect(r.ok && { url: r.config.databaseUrl, engine: r.config.databaseEngine }).toEqual({ url, engine: "postgresql" });
    }
  });

  it("refuses a URL that is neither SQLite nor PostgreSQL with both forms on one line, without echoing it", () => {
    const error = errorOf(parseConfig({ BOT_TOKEN: token, DATABASE_URL: "mysql://root:hunter2@db/bot" }, "/srv/bot"));
    expect(error).toMatch(/^Configuration error: DATABASE_URL must be a SQLite URL like file:.* or a PostgreSQL URL like postgresql:\/\//);
    expect(error).not.toContain("hunter2");
  });

  it("switches to a webhook with WEBHOOK_URL, WEBHOOK_SECRET and PORT (default 8080); polling without them", () => {
    const r = parseConfig({ BOT_TOKEN: token, WEBHOOK_URL: "https://bot.example.org/telegram", WEBHOOK_SECRET: secret }, "/srv/bot");
    expect(r.ok && r.config.webhook).toEqual({ url: "https://bot.example.org/telegram", secret, port: 8080 });
    const port = parseConfig({ BOT_TOKEN: token, WEBHOOK_URL: "https://bot.example.org/telegram", WEBHOOK_SECRET: secret, PORT: "3000" }, "/srv/bot");
    expect(port.ok && port.config.webhook?.port).toBe(3000);
    expect(parseConfig({ BOT_TOKEN: token }, "/srv/bot")).toMatchObject({ ok: true, config: { webhook: null } });
  });

  it("starts the HTTP server whenever PORT is set (/healthz while long-polling), on 8080 in webhook mode without it, not otherwise", () => {
    const polling = parseConfig({ BOT_TOKEN: token, PORT: "3000" }, "/srv/bot");
    expect(polling.ok && { webhook: polling.config.webhook, httpPort: polling.config.httpPort }).toEqual({ webhook: null, httpPort: 3000 });
    const hook = parseConfig({ BOT_TOKEN: token, WEBHOOK_URL: "https://bot.example.org/telegram", WEBHOOK_SECRET: secret }, "/srv/bot");
    expect(hook.ok && hook.config.httpPort).toBe(8080);
    const hookPort = parseConfig({ BOT_TOKEN: token, WEBHOOK_URL: "https://bot.example.org/telegram", WEBHOOK_SECRET: secret, PORT: "3000" }, "/srv/bot");
    expect(hookPort.ok && hookPort.config.httpPort).toBe(3000);
    expect(parseConfig({ BOT_TOKEN: token }, "/srv/bot")).toMatchObject({ ok: true, config: { httpPort: null } });
  });

  it("needs the secret with the URL and the URL with the secret, and never echoes a weak secret", () => {
    expect(errorOf(parseConfig({ BOT_TOKEN: token, WEBHOOK_URL: "https://bot.example.org/telegram" }, "/srv/bot"))).toMatch(
      /^Configuration error: WEBHOOK_SECRET is required with WEBHOOK_URL/,
    );
    expect(errorOf(parseConfig({ BOT_TOKEN: token, WEBHOOK_SECRET: secret }, "/srv/bot"))).toMatch(
      /^Configuration error: WEBHOOK_URL is required with WEBHOOK_SECRET/,
    );
    const weak = errorOf(parseConfig({ BOT_TOKEN: token, WEBHOOK_URL: "https://bot.example.org/telegram", WEBHOOK_SECRET: "short!" }, "/srv/bot"));
    expect(weak).toMatch(/^Configuration error: WEBHOOK_SECRET must be 16–256 characters/);
    expect(weak).not.toContain("short!");
  });
});

describe("parseConfig: stricter values", () => {
  const token = "123456:ABCdefGhIJKlmnOPQRstuvWXyz_0123456";
  it("refuses a non-http(s) TELEGRAM_API_ROOT", () => {
    const r = parseConfig({ BOT_TOKEN: token, TELEGRAM_API_ROOT: "ftp://example.org" }, "/srv/bot");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain("TELEGRAM_API_ROOT");
  });
  it("stores the canonical spelling of a time zone typed in another case", () => {
    const r = parseConfig({ BOT_TOKEN: token, DEFAULT_TIMEZONE: "asia/ho_chi_minh" }, "/srv/bot");
    expect(r.ok && r.config.defaultTimezone).toBe("Asia/Ho_Chi_Minh");
  });
  it.each([["Etc/GMT-7"], ["US/Eastern"], ["Etc/UTC"], ["America/Port-au-Prince"], ["EST5EDT"], ["Asia/Saigon"]])(
    "keeps a valid time zone %j spelled as given (shown as typed in /lich)",
    (zone) => {
      const r = parseConfig({ BOT_TOKEN: token, DEFAULT_TIMEZONE: zone }, "/srv/bot");
      expect(r.ok && r.config.defaultTimezone).toBe(zone);
    },
  );
  it("spells an all-lower-case zone the usual way, acronyms and offsets included", () => {
    const zone = (value: string) => {
      const r = parseConfig({ BOT_TOKEN: token, DEFAULT_TIMEZONE: value }, "/srv/bot");
      return r.ok ? r.config.defaultTimezone : r.error;
    };
    expect(zone("europe/berlin")).toBe("Europe/Berlin");
    expect(zone("etc/gmt-7")).toBe("Etc/GMT-7");
    expect(zone("us/eastern")).toBe("US/Eastern");
    expect(zone("utc")).toBe("UTC");
  });
});
