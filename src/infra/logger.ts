import pino, { type Logger } from "pino";

/** JSON logs on stdout. The bot token is scrubbed from anything logged. */
export function createLogger(level: string, secrets: string[] = []): Logger {
  const scrub = secrets.filter((s) => s.length > 0);
  return pino({
    level,
    base: undefined,
    formatters: {
      log(object) {
        if (scrub.length === 0) return object;
        let text = JSON.stringify(object);
        for (const secret of scrub) text = text.split(secret).join("[redacted]");
        return JSON.parse(text) as Record<string, unknown>;
      },
    },
    hooks: {
      logMethod(args, method) {
        const cleaned = args.map((a) => (typeof a === "string" ? scrub.reduce((s, secret) => s.split(secret).join("[redacted]"), a) : a));
        method.apply(this, cleaned as Parameters<typeof method>);
      },
    },
  });
}
