/** The Bot API call the Telegram channel's sender (./outbound.ts) makes, over grammY's Api, with Telegram's answers classified for the outbox. */
import { Api, GrammyError, HttpError } from "grammy";
import type { SendOutcome } from "../app/messages.js";
import type { BotApiCall } from "./outbound.js";

/**
 * A dedicated Api without the auto-retry plugin: the sender must see 429s itself to pace the
 * whole fan-out, and must not wait out a long retry_after inside one call.
 */
export function telegramApiCall(token: string, apiRoot: string, timeoutSeconds = 30): BotApiCall {
  const api = new Api(token, { apiRoot, timeoutSeconds });
  return async (method, params) => {
    try {
      const result = (await api.raw[method as "sendMessage"](params as never)) as unknown;
      return sentOutcome(result);
    } catch (error) {
      return classify(error);
    }
  };
}

/** A successful call's outcome: the message id when Telegram returned a message. */
export function sentOutcome(result: unknown): SendOutcome {
  const messageId = typeof result === "object" && result !== null && "message_id" in result ? Number((result as { message_id: number }).message_id) : null;
  return { kind: "sent", messageId };
}

export function classify(error: unknown): SendOutcome {
  if (error instanceof GrammyError) {
    if (error.error_code === 429) return { kind: "rateLimited", retryAfterSeconds: error.parameters.retry_after ?? 5 };
    if (error.error_code === 403) return { kind: "blocked", error: error.description };
    if (error.error_code >= 500) return { kind: "transient", error: `${error.error_code} ${error.description}` };
    return { kind: "permanent", error: `${error.error_code} ${error.description}` };
  }
  if (error instanceof HttpError) return { kind: "transient", error: error.message };
  return { kind: "transient", error: error instanceof Error ? error.message : String(error) };
}
