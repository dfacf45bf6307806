/**
 * What the JSON logs hold when a Bot API call fails: the method, Telegram's error code and
 * description and the stack, never the request payload (a member's answers, their chat id),
 * and never the bot token.
 */
import { describe, expect, it } from "vitest";
import { GrammyError, HttpError } from "grammy";
import { createLogger } from "../../src/infra/logger.js";

const TOKEN = "123456:ABCdefGhIJKlmnOPQRstuvWXyz_0123456";
const MEASURE = "Khắc phục tính gia trưởng với vợ con, không để mất đoàn kết nội bộ";
const CHAT_ID = 987654321;

/** A logger at `trace` whose lines are parsed into `lines`. */
function memoryLogger() {
  const raw: string[] = [];
  const logger = createLogger("trace", [TOKEN], { write: (line: string) => void raw.push(line) });
  return { logger, raw, lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const failedEdit = () =>
  new GrammyError("Call to 'editMessageText' failed!", { ok: false, error_code: 400, description: "Bad Request: message is too long" }, "editMessageText", {
    chat_id: CHAT_ID,
    message_id: 17,
    text: `<b>Xác nhận bản tự soi</b>\n1.4. ${MEASURE}`,
    parse_mode: "HTML",
  });

describe("createLogger", () => {
  it("logs a failed Bot API call as method, error code, description and stack, without its payload", () => {
    const { logger, raw, lines } = memoryLogger();
    logger.error({ err: failedEdit(), updateId: 5 }, "update failed");
    const [line] = lines();
    expect(line).toMatchObject({
      msg: "update failed",
      updateId: 5,
      err: { type: "GrammyError", method: "editMessageText", error_code: 400, description: "Bad Request: message is too long" },
    });
    const err = line!.err as Record<string, unknown>;
    expect(err.stack).toMatch(/^GrammyError: Call to 'editMessageText' failed! \(400: Bad Request: message is too long\)\n\s+at /);
    expect(err).not.toHaveProperty("payload");
    expect(raw.join("")).not.toContain(MEASURE.slice(0, 20));
    expect(raw.join("")).not.toContain(String(CHAT_ID));
  });

  it("treats an `error` field and a bare error the same way, at every level", () => {
    const { logger, raw, lines } = memoryLogger();
    logger.warn({ error: failedEdit() }, "report could not be posted");
    logger.debug(failedEdit());
    logger.info({ err: failedEdit() });
    expect(lines().map((l) => ((l.err ?? l.error) as Record<string, unknown>).method)).toEqual(["editMessageText", "editMessageText", "editMessageText"]);
    expect(raw.join("")).not.toContain(MEASURE.slice(0, 20));
    expect(raw.join("")).not.toContain(String(CHAT_ID));
  });

  it("keeps an error's message and stack, with the bot token scrubbed from both", () => {
    const { logger, raw, lines } = memoryLogger();
    const error = new Error(`request to https://api.telegram.org/bot${TOKEN}/getMe failed, reason: connect ECONNREFUSED`);
    logger.error({ err: error }, `outbox drain failed for bot${TOKEN}`);
    const [line] = lines();
    const err = line!.err as Record<string, unknown>;
    expect(err.type).toBe("Error");
    expect(err.message).toBe("request to https://api.telegram.org/bot[redacted]/getMe failed, reason: connect ECONNREFUSED");
    expect(err.stack).toContain("Error: request to https://api.telegram.org/bot[redacted]/getMe failed");
    expect(line!.msg).toBe("outbox drain failed for bot[redacted]");
    expect(raw.join("")).not.toContain(TOKEN);
  });

  it("logs a network failure's message, stack and cause, not the request", () => {
    const { logger, raw, lines } = memoryLogger();
    const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    logger.error({ err: new HttpError("Network request for 'sendMessage' failed!", cause) }, "update failed");
    const err = lines()[0]!.err as Record<string, unknown>;
    expect(err).toMatchObject({
      type: "HttpError",
      message: "Network request for 'sendMessage' failed!",
      cause: { type: "Error", message: "connect ECONNREFUSED 127.0.0.1:9", code: "ECONNREFUSED" },
    });
    expect(err.stack).toContain("HttpError: Network request for 'sendMessage' failed!");
    expect(raw.join("")).not.toContain(TOKEN);
  });

  it("leaves plain string errors (the outbox's Telegram descriptions) as they are", () => {
    const { logger, lines } = memoryLogger();
    logger.warn({ key: "remind:1:2", error: "400 Bad Request: chat not found" }, "outbox message refused by Telegram");
    expect(lines()[0]).toMatchObject({ key: "remind:1:2", error: "400 Bad Request: chat not found" });
  });
});
