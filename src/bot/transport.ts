/** A Transport over grammY's Api, classifying Telegram's answers for the sender. */
import { Api, GrammyError, HttpError, InputFile } from "grammy";
import type { SendOutcome, Transport } from "../infra/outbox/sender.js";

/**
 * A dedicated Api without the auto-retry plugin: the sender must see 429s itself to pace the
 * whole fan-out, and must not wait out a long retry_after inside one call.
 */
export function telegramTransport(token: string, apiRoot: string, timeoutSeconds = 30): Transport {
  const api = new Api(token, { apiRoot, timeoutSeconds });
  return async (method, params) => {
    try {
      const result = (await api.raw[method as "sendMessage"](restoreFiles(params) as never)) as unknown;
      const messageId = typeof result === "object" && result !== null && "message_id" in result ? Number((result as { message_id: number }).message_id) : null;
      return { kind: "sent", messageId };
    } catch (error) {
      return classify(error);
    }
  };
}

/**
 * A file in an outbox row. The outbox stores a message's parameters as JSON, so a document the
 * app sends on its own (the report that goes back to every member) is stored as its bytes in
 * base64 with its file name, and turned back into an upload when sent (restoreFiles). The
 * bytes are drawn once, so every recipient, and every retry, gets the same file.
 */
export interface StoredFile {
  $file: { base64: string; filename: string };
}

export const storedFile = (bytes: Uint8Array, filename: string): StoredFile => ({ $file: { base64: Buffer.from(bytes).toString("base64"), filename } });

const isStoredFile = (value: unknown): value is StoredFile =>
  typeof value === "object" && value !== null && "$file" in value && typeof (value as StoredFile).$file?.base64 === "string";

/** The parameters with every stored file turned back into an InputFile (an upload). */
export function restoreFiles(params: Record<string, unknown>): Record<string, unknown> {
  if (!Object.values(params).some(isStoredFile)) return params;
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, isStoredFile(v) ? new InputFile(Buffer.from(v.$file.base64, "base64"), v.$file.filename) : v]));
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
