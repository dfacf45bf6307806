/**
 * Minimal request-body parsing for the front server: JSON, urlencoded and
 * multipart/form-data (as produced by grammY, which writes headers like
 * `content-disposition:form-data;name="x";filename=a.pdf` — no spaces and an
 * unquoted filename, which stricter parsers reject).
 */

export interface UploadedFile {
  /** Form field name (grammY uses a random id referenced by `attach://<id>`). */
  field: string;
  filename: string | undefined;
  contentType: string | undefined;
  data: Buffer;
}

export interface ParsedBody {
  params: Record<string, unknown>;
  files: Map<string, UploadedFile>;
}

function headerParam(header: string, name: string): string | undefined {
  // name="quoted" | name=unquoted ; filename*=utf-8''percent-encoded
  const star = new RegExp(`(?:^|;)\\s*${name}\\*\\s*=\\s*([^']*)'[^']*'([^;\\r\\n]*)`, "i").exec(header);
  if (star?.[2] !== undefined) {
    try {
      return decodeURIComponent(star[2]);
    } catch {
      return star[2];
    }
  }
  // grammY writes the filename unquoted and last (`...;filename=a; b.pdf`): take the rest of the line.
  const rest = name === "filename" ? "[^\\r\\n]*" : "[^;\\r\\n]*";
  const re = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|(${rest}))`, "i");
  const m = re.exec(header);
  if (!m) return undefined;
  if (m[1] !== undefined) return m[1].replace(/\\(.)/g, "$1");
  return (m[2] ?? "").trim();
}

export function parseMultipart(body: Buffer, boundary: string): ParsedBody {
  const params: Record<string, unknown> = {};
  const files = new Map<string, UploadedFile>();
  const first = Buffer.from(`--${boundary}`);
  const delim = Buffer.from(`\r\n--${boundary}`);
  let pos = body.indexOf(first);
  if (pos === -1) return { params, files };
  pos += first.length;
  for (;;) {
    // after a delimiter: "--" means end, otherwise CRLF then the part
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    const next = body.indexOf(delim, pos);
    if (next === -1) break;
    const part = body.subarray(pos, next);
    pos = next + delim.length;
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd === -1) continue;
    const headers = new Map<string, string>();
    for (const line of part.subarray(0, headerEnd).toString("utf8").split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon === -1) continue;
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const data = part.subarray(headerEnd + 4);
    const disposition = headers.get("content-disposition") ?? "";
    const name = headerParam(disposition, "name");
    if (name === undefined) continue;
    const filename = headerParam(disposition, "filename");
    if (filename !== undefined) {
      files.set(name, { field: name, filename, contentType: headers.get("content-type"), data: Buffer.from(data) });
    } else {
      params[name] = data.toString("utf8");
    }
  }
  return { params, files };
}

/** Parses query string + body according to content-type. Values from form encodings stay strings. */
export function parseBody(query: URLSearchParams, contentType: string | undefined, body: Buffer): ParsedBody {
  const params: Record<string, unknown> = {};
  for (const [k, v] of query) params[k] = v;
  let files = new Map<string, UploadedFile>();
  const ct = (contentType ?? "").toLowerCase();
  if (body.length > 0) {
    if (ct.includes("application/json")) {
      try {
        const parsed: unknown = JSON.parse(body.toString("utf8"));
        if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) Object.assign(params, parsed);
      } catch {
        /* invalid JSON: leave params as they are */
      }
    } else if (ct.includes("application/x-www-form-urlencoded")) {
      for (const [k, v] of new URLSearchParams(body.toString("utf8"))) params[k] = v;
    } else if (ct.includes("multipart/form-data")) {
      const boundary = headerParam(contentType ?? "", "boundary");
      if (boundary) {
        const mp = parseMultipart(body, boundary);
        Object.assign(params, mp.params);
        files = mp.files;
      }
    }
  }
  return { params, files };
}

/** A param that may arrive as an object (JSON body) or as a JSON string (form encodings). */
export function jsonParam(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const t = v.trim();
  if (!(t.startsWith("{") || t.startsWith("["))) return v;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return v;
  }
}

export function numParam(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string" && v.trim() !== "") {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

export function boolParam(v: unknown): boolean {
  return v === true || v === "true" || v === "1" || v === 1;
}

export function strParam(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  return undefined;
}
