/**
 * File links on the one HTTP server: `GET /f/<token>` (src/app/file-links.ts signs and checks
 * the token) downloads the file with `Content-Disposition: attachment` and its original name;
 * a forged, altered or other-recipient link gets a 404 page, an expired one (or its file purged)
 * a 410 page, both in the default language. The token never reaches a log line.
 *
 * Also the disk FileStore: under FILES_DIR (default `files/` beside the SQLite database), each
 * file as `<id>.bin` with `<id>.json` (name, kind, recipient, expiry) beside it, written to a
 * temporary name and renamed, readable by the bot's user only.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { FastifyPluginAsync } from "fastify";
import { openFileLink, type FileLinkDeps, type FileStore, type StoredFileInfo } from "../app/file-links.js";

const ID = /^[0-9a-f]{32}$/;

export class DiskFileStore implements FileStore {
  constructor(readonly dir: string) {}

  async put(info: StoredFileInfo, bytes: Uint8Array): Promise<void> {
    if (!ID.test(info.id)) throw new Error("DiskFileStore: bad file id");
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const base = path.join(this.dir, info.id);
    await writeFile(`${base}.bin.tmp`, bytes, { mode: 0o600 });
    await rename(`${base}.bin.tmp`, `${base}.bin`);
    await writeFile(`${base}.json.tmp`, JSON.stringify({ ...info, expiresAt: info.expiresAt.toISOString() }), { mode: 0o600 });
    await rename(`${base}.json.tmp`, `${base}.json`);
  }

  async get(id: string): Promise<{ info: StoredFileInfo; bytes: Uint8Array } | null> {
    if (!ID.test(id)) return null;
    const base = path.join(this.dir, id);
    try {
      const raw = JSON.parse(await readFile(`${base}.json`, "utf8")) as Omit<StoredFileInfo, "expiresAt"> & { expiresAt: string };
      const bytes = await readFile(`${base}.bin`);
      return { info: { ...raw, expiresAt: new Date(raw.expiresAt) }, bytes };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async purgeExpired(now: Date): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
      throw error;
    }
    let purged = 0;
    for (const name of names) {
      const match = /^([0-9a-f]{32})\.json$/.exec(name);
      if (!match) continue;
      const base = path.join(this.dir, match[1]!);
      let expiresAt: number;
      try {
        expiresAt = Date.parse((JSON.parse(await readFile(`${base}.json`, "utf8")) as { expiresAt: string }).expiresAt);
      } catch {
        expiresAt = Number.NaN;
      }
      if (!(expiresAt > now.getTime())) {
        await rm(`${base}.bin`, { force: true });
        await rm(`${base}.json`, { force: true });
        purged += 1;
      }
    }
    // What a crash left half-written (a .tmp, or bytes without their record), after a day.
    for (const name of names) {
      const match = /^([0-9a-f]{32})\.bin(\.tmp)?$|^([0-9a-f]{32})\.json\.tmp$/.exec(name);
      if (!match) continue;
      const id = match[1] ?? match[3]!;
      if (!match[2] && names.includes(`${id}.json`)) continue;
      const file = path.join(this.dir, name);
      const info = await stat(file).catch(() => null);
      if (info && now.getTime() - info.mtimeMs > 24 * 3600_000) await rm(file, { force: true });
    }
    return purged;
  }
}

const CONTENT_TYPES: Record<string, string> = {
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".pdf": "application/pdf",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".csv": "text/csv; charset=utf-8",
};

/** `attachment` with the name as ASCII (fallback) and as UTF-8 (RFC 6266 / 5987). */
export function contentDisposition(filename: string): string {
  const ascii = filename
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

const escape = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export interface FileLinkRouteOptions extends Pick<FileLinkDeps, "store" | "secret" | "now"> {
  /** The page's words in the default language: `web:file.*` (lang, and title and text for notFound and expired). */
  t(key: string): string;
}

export function fileLinkRoute(options: FileLinkRouteOptions): FastifyPluginAsync {
  const page = (kind: "notFound" | "expired"): string => {
    const title = escape(options.t(`web:file.${kind}.title`));
    return `<!doctype html><html lang="${escape(options.t("web:lang"))}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><h1>${title}</h1><p>${escape(options.t(`web:file.${kind}.text`))}</p></body></html>`;
  };
  return async (server) => {
    server.get<{ Params: { token: string } }>("/f/:token", async (request, reply) => {
      reply.header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer");
      let opened;
      try {
        opened = await openFileLink(options, request.params.token);
      } catch (error) {
        // Never the path: it holds the token.
        server.log.error({ method: request.method, path: "/f/…", err: { message: (error as Error).message } }, "file link failed");
        return reply.code(500).type("text/plain").send("internal error");
      }
      if (opened.kind === "invalid") return reply.code(404).type("text/html; charset=utf-8").send(page("notFound"));
      if (opened.kind === "expired") return reply.code(410).type("text/html; charset=utf-8").send(page("expired"));
      return reply
        .type(CONTENT_TYPES[path.extname(opened.filename).toLowerCase()] ?? "application/octet-stream")
        .header("Content-Disposition", contentDisposition(opened.filename))
        .send(Buffer.from(opened.bytes));
    });
  };
}
