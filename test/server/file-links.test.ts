/**
 * File links `<PUBLIC_URL>/f/<token>` (issue 20): a link downloads the stored bytes with its
 * original name; a tampered, expired, or other-recipient link is refused with a page in
 * Vietnamese (404, or 410 once expired); expired files are purged. Real HTTP on 127.0.0.1,
 * files in a temporary directory, a clock the test moves.
 */
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FILE_LINK_TTL_MS, issueFileLink, purgeExpiredFiles, signFileToken, verifyFileToken, type FileLinkDeps } from "../../src/app/file-links.js";
import type { OutFile } from "../../src/app/messages.js";
import { createI18n } from "../../src/infra/i18n/index.js";
import { createLogger } from "../../src/infra/logger.js";
import { createServer } from "../../src/server/index.js";
import { DiskFileStore, fileLinkRoute } from "../../src/server/file-links.js";

const SECRET = "file-link-secret-0123456789abcdef0123";
const T0 = new Date("2026-12-07T05:00:00Z");
const DOCX: OutFile = { kind: "document", filename: "Báo cáo đợt tự soi.docx", base64: Buffer.from("PK\u0003\u0004 nội dung báo cáo").toString("base64") };

let dir: string;
let server: FastifyInstance;
let base: string;
let now: Date;
let deps: FileLinkDeps;
const logLines: string[] = [];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "tusoi-files-"));
  now = T0;
  const store = new DiskFileStore(path.join(dir, "files"));
  const i18n = await createI18n("vi");
  server = createServer({
    logger: createLogger(
      "info",
      [],
      new Writable({
        write(c: Buffer, _e, d) {
          logLines.push(c.toString("utf8"));
          d();
        },
      }),
    ),
    healthy: async () => true,
  });
  await server.register(fileLinkRoute({ store, secret: SECRET, now: () => now, t: (key) => i18n.t("vi")(key) as string }));
  await server.listen({ port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  deps = { store, secret: SECRET, publicUrl: base, now: () => now };
});
afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const tokenOf = (link: string) => link.slice(`${base}/f/`.length);

describe("GET /f/<token>", () => {
  it("downloads the bytes as an attachment with the original name", async () => {
    const link = await issueFileLink(deps, DOCX, "zalo:7001");
    expect(link).toMatch(new RegExp(`^${base}/f/[0-9a-f]{32}\\.[\\w-]+\\.[0-9a-z]+\\.[\\w-]{22}$`));
    const response = await fetch(link);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.from(DOCX.base64, "base64"));
    expect(response.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="Bao cao dot tu soi.docx"; filename*=UTF-8''${encodeURIComponent(DOCX.filename)}`,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    // Still good just before 24 h.
    now = new Date(T0.getTime() + FILE_LINK_TTL_MS - 1000);
    expect((await fetch(link)).status).toBe(200);
  });

  it("refuses a tampered link with a Vietnamese 404 page", async () => {
    const link = await issueFileLink(deps, DOCX, "zalo:7001");
    const token = tokenOf(link);
    const [id, who, exp, mac] = token.split(".") as [string, string, string, string];
    const tampered = [
      `${id}.${who}.${exp}.${mac.slice(0, -1)}${mac.endsWith("A") ? "B" : "A"}`,
      `${id}.${who}.${(Number.parseInt(exp, 36) + 86_400).toString(36)}.${mac}`,
      `${id}.${Buffer.from("zalo:7002").toString("base64url")}.${exp}.${mac}`,
      `${"0".repeat(32)}.${who}.${exp}.${mac}`,
      "not-a-token",
    ];
    for (const bad of tampered) {
      const response = await fetch(`${base}/f/${bad}`);
      expect(response.status).toBe(404);
      const html = await response.text();
      expect(html).toContain("Không tìm thấy tệp");
      expect(html).not.toContain("PK");
    }
    expect(logLines.join("")).not.toContain(token);
  });

  it("refuses a genuine token for another recipient than the file was stored for", async () => {
    const link = await issueFileLink(deps, DOCX, "zalo:7001");
    const id = tokenOf(link).split(".")[0]!;
    // Signed with the right key, naming the same file, for someone else: the store says whose it is.
    const other = signFileToken({ fileId: id, recipient: "zalo:7002", expiresAt: new Date(T0.getTime() + FILE_LINK_TTL_MS) }, SECRET);
    expect(verifyFileToken(other, SECRET, now).kind).toBe("valid");
    const response = await fetch(`${base}/f/${other}`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Không tìm thấy tệp");
  });

  it("refuses an expired link with a Vietnamese 410 page, and the purge deletes the file", async () => {
    const link = await issueFileLink(deps, DOCX, "zalo:7001");
    const kept = await issueFileLink({ ...deps, now: () => new Date(T0.getTime() + 3600_000) }, DOCX, "zalo:7002");
    now = new Date(T0.getTime() + FILE_LINK_TTL_MS);
    const response = await fetch(link);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain("Đường dẫn đã hết hạn");
    expect(await purgeExpiredFiles(deps)).toBe(1);
    expect((await readdir(path.join(dir, "files"))).sort()).toHaveLength(2);
    expect((await fetch(kept)).status).toBe(200);
    now = new Date(T0.getTime() + FILE_LINK_TTL_MS + 3600_000);
    expect(await purgeExpiredFiles(deps)).toBe(1);
    expect(await readdir(path.join(dir, "files"))).toEqual([]);
  });

  it("says 410 for a genuine link whose file is gone, and cleans what a crash left after a day", async () => {
    const link = await issueFileLink(deps, DOCX, "zalo:7001");
    await rm(path.join(dir, "files"), { recursive: true });
    expect((await fetch(link)).status).toBe(410);
    const files = path.join(dir, "files");
    await mkdir(files);
    const orphan = path.join(files, `${"a".repeat(32)}.bin.tmp`);
    await writeFile(orphan, "half");
    await utimes(orphan, new Date(T0.getTime() - 2 * FILE_LINK_TTL_MS), new Date(T0.getTime() - 2 * FILE_LINK_TTL_MS));
    await purgeExpiredFiles(deps);
    expect(await readdir(files)).toEqual([]);
  });
});

describe("signFileToken / verifyFileToken", () => {
  it("refuses a token signed with another key", () => {
    const claims = { fileId: "f".repeat(32), recipient: "zalo:7001", expiresAt: new Date(T0.getTime() + 1000) };
    expect(verifyFileToken(signFileToken(claims, SECRET), SECRET, T0)).toEqual({
      kind: "valid",
      ...claims,
      expiresAt: new Date(Math.floor((T0.getTime() + 1000) / 1000) * 1000),
    });
    expect(verifyFileToken(signFileToken(claims, `${SECRET}x`), SECRET, T0)).toEqual({ kind: "invalid" });
  });
});
