/** Network helpers the tests share. */
import { createServer } from "node:net";

/** A TCP port nothing listens on right now on 127.0.0.1 (for PORT, PUBLIC_URL, a throwaway server). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
