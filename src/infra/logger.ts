import pino, { type DestinationStream, type Logger } from "pino";

/** Nested causes logged at most this deep (a cycle must not loop). */
const MAX_CAUSE_DEPTH = 3;

/**
 * What a logged error keeps. A GrammyError carries the request `payload` (a member's whole
 * form screen, their chat id): only the method and Telegram's answer are kept. Any other
 * error keeps its type, message, code and stack and none of its other fields, which may be
 * anything (an HttpError's inner request, a library's context).
 */
/** A Bot API error (grammY's GrammyError), recognised by its shape: infra knows no Telegram library. */
interface ApiErrorShape extends Error {
  method: string;
  error_code: number;
  description: string;
}

const isApiError = (value: Error): value is ApiErrorShape =>
  typeof (value as Partial<ApiErrorShape>).method === "string" && typeof (value as Partial<ApiErrorShape>).error_code === "number";

function errorForLog(value: unknown, depth = 0): unknown {
  if (value instanceof Error && isApiError(value)) {
    return { type: value.name, method: value.method, error_code: value.error_code, description: value.description, stack: value.stack };
  }
  if (value instanceof Error) {
    // grammY's HttpError keeps the failure it wraps in `error`, other errors in `cause`.
    const wrapped = (value as { error?: unknown }).error;
    const cause = value.name === "HttpError" && wrapped !== undefined ? wrapped : value.cause;
    const code = (value as { code?: unknown }).code;
    return {
      type: value.name,
      message: value.message,
      ...(typeof code === "string" || typeof code === "number" ? { code } : {}),
      stack: value.stack,
      ...(cause !== undefined && depth < MAX_CAUSE_DEPTH ? { cause: errorForLog(cause, depth + 1) } : {}),
    };
  }
  // Strings (the outbox logs Telegram's description) and numbers say nothing private; an
  // arbitrary object might (a rejected payload), so only its kind is logged.
  if (value === null || typeof value !== "object") return value;
  return { type: value.constructor?.name ?? "Object" };
}

/**
 * JSON logs on stdout (or `destination`). Errors go through `errorForLog` under `err` and
 * `error`; the bot token is scrubbed from the finished line, so it is gone from the message,
 * the stack and every field alike.
 */
export function createLogger(level: string, secrets: string[] = [], destination?: DestinationStream): Logger {
  // As the secret appears inside a JSON string (the same as the raw text for a bot token).
  const scrub = secrets.filter((s) => s.length > 0).map((s) => JSON.stringify(s).slice(1, -1));
  return pino(
    {
      level,
      base: undefined,
      serializers: { err: errorForLog, error: errorForLog },
      hooks: {
        streamWrite: (line) => scrub.reduce((text, secret) => text.split(secret).join("[redacted]"), line),
      },
    },
    destination,
  );
}
