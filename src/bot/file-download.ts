/** Downloads a file a user sent, from the Bot API's file URL (`<api root>/file/bot<token>/<file_path>`). */

/** A downloader that refuses (throws) past `maxBytes`, so an announced size that lies cannot fill memory. */
export function telegramFileDownloader(token: string, apiRoot: string, maxBytes: number): (filePath: string) => Promise<Uint8Array> {
  return async (filePath) => {
    const response = await fetch(`${apiRoot}/file/bot${token}/${filePath}`, { signal: AbortSignal.timeout(30_000) });
    if (!response.ok || !response.body) throw new Error(`file download failed: HTTP ${response.status}`);
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      // One byte over the limit is enough for the caller to refuse the file.
      if (size > maxBytes) {
        chunks.push(chunk);
        break;
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  };
}
