/**
 * A bounded reader for the few parts of an XLSX file a template needs (issue 17: a 1 MB file
 * could inflate to 900 MB, and the reader inflated every part).
 *
 * How: the zip's central directory is read from the bytes we already hold (at most 1 MB); the
 * declared sizes of all entries are checked first (a bomb that states its size is refused
 * before anything is inflated); then only the parts a template needs are inflated, with
 * fflate's streaming `Inflate` fed 1 KB at a time, counting the bytes it gives and stopping
 * as soon as a part or the total passes its bound (a part that lies about its size is caught
 * there). The parts read: the package and workbook relationships, the workbook (sheet names),
 * the shared strings, the styles (which number formats are dates), and the two worksheets the
 * caller selects by name. Everything else (images, themes, other sheets, …) is never inflated.
 *
 * The XML of those parts is parsed here by a small tokenizer for the subset SpreadsheetML
 * uses (elements, attributes, text, the five entities and character references, CDATA,
 * comments; a DOCTYPE is refused), rather than handing a rebuilt zip to exceljs: exceljs holds
 * every cell of the sheet as objects and trips over a sheet whose hyperlinks or drawings point
 * to parts left out, while a template needs only the text of a few hundred cells. What exceljs
 * did that the template reader relied on is kept: shared and inline strings (rich text joined,
 * phonetic runs left out, `_xHHHH_` escapes decoded), numbers as JavaScript prints them, a
 * date-formatted number as YYYY-MM-DD, a formula marked as such, and a merged range giving
 * every cell its first cell's value.
 *
 * The work stays on the event loop: with these bounds it is a few tens of milliseconds of CPU,
 * and it yields (setImmediate) between 1 KB pushes and every few thousand XML tokens, so other
 * members' messages are answered meanwhile; a worker thread would add a second module loader
 * path (tsx in tests and `npm start`) for no gain.
 */
import { Inflate } from "fflate";

const MB = 1024 * 1024;

/**
 * The bounds (also in README, "The checklist and templates"). The built-in 27-item template
 * exported by /mau unpacks to 45 KB in all (200 items of the longest text allowed stay under
 * 2 MB); Excel's own files have 10–30 parts.
 */
export const XLSX_LIMITS = {
  /** Entries in the zip. */
  maxEntries: 500,
  /** Bytes one part read may inflate to (and that any part may declare). */
  partBytes: 4 * MB,
  /** Bytes all entries may declare together, and all parts read may inflate to together. */
  totalBytes: 16 * MB,
  /** Shared strings (a template has a few thousand at most). */
  sharedStrings: 20_000,
  /** Rows holding a value in one sheet (a template has at most 200 items). */
  rows: 5_000,
  /** Cells holding a value in one sheet, merged ranges counted cell by cell. */
  cells: 50_000,
} as const;

export type XlsxRefusal = "brokenZip" | "notSpreadsheet" | "tooLargeUnpacked" | "tooManyParts" | "tooManyCells";

/** A sheet's cells that hold a value: row → column → text (null: a formula). Rows ascending. */
export type SheetCells = Map<number, Map<number, string | null>>;

export type WorkbookRead = { ok: true; sheetNames: string[]; sheets: Map<string, SheetCells> } | { ok: false; reason: XlsxRefusal; detail?: string };

class Refused extends Error {
  constructor(
    readonly reason: XlsxRefusal,
    readonly detail?: string,
  ) {
    super(reason);
  }
}

const megabytes = (bytes: number): string => `${bytes / MB} MB`;
const yieldToOthers = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

// ---------------------------------------------------------------------------------------------
// The zip container

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

function centralDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Refused("brokenZip");
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  if (count > XLSX_LIMITS.maxEntries) throw new Refused("tooManyParts", String(XLSX_LIMITS.maxEntries));
  if (offset + size > end) throw new Refused("brokenZip");
  const names = new TextDecoder("utf-8");
  const entries: ZipEntry[] = [];
  let at = offset;
  while (at < offset + size) {
    if (entries.length >= XLSX_LIMITS.maxEntries) throw new Refused("tooManyParts", String(XLSX_LIMITS.maxEntries));
    if (at + 46 > end || view.getUint32(at, true) !== 0x02014b50) throw new Refused("brokenZip");
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > end) throw new Refused("brokenZip");
    entries.push({
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      declaredSize: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
      name: names.decode(bytes.subarray(at + 46, at + 46 + nameLength)).replace(/^\/+/, ""),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Inflated bytes of the parts read so far (the total bound). */
interface Budget {
  used: number;
}

async function inflateEntry(bytes: Uint8Array, entry: ZipEntry, budget: Budget): Promise<Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) throw new Refused("brokenZip");
  if (entry.flags & 1) throw new Refused("brokenZip"); // encrypted
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) throw new Refused("brokenZip");
  const data = bytes.subarray(start, start + entry.compressedSize);
  const count = (size: number) => {
    if (size > XLSX_LIMITS.partBytes) throw new Refused("tooLargeUnpacked", megabytes(XLSX_LIMITS.partBytes));
    if (budget.used + size > XLSX_LIMITS.totalBytes) throw new Refused("tooLargeUnpacked", megabytes(XLSX_LIMITS.totalBytes));
  };
  if (entry.method === 0) {
    count(data.length);
    budget.used += data.length;
    return data;
  }
  if (entry.method !== 8) throw new Refused("brokenZip");
  const chunks: Uint8Array[] = [];
  let size = 0;
  let finished = false;
  // At most about 1 MB comes out of one 1 KB push (deflate's best ratio is 1032:1).
  const inflater = new Inflate((chunk, final) => {
    size += chunk.length;
    count(size);
    chunks.push(chunk);
    if (final) finished = true;
  });
  const STEP = 1024;
  try {
    for (let i = 0; i < data.length || i === 0; i += STEP) {
      inflater.push(data.subarray(i, i + STEP), i + STEP >= data.length);
      if ((i / STEP) % 64 === 63) await yieldToOthers();
    }
  } catch (error) {
    if (error instanceof Refused) throw error;
    throw new Refused("brokenZip");
  }
  if (!finished) throw new Refused("brokenZip");
  budget.used += size;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// XML: the subset SpreadsheetML uses

type XmlEvent =
  { kind: "open"; name: string; attrs: Record<string, string>; empty: boolean } | { kind: "close"; name: string } | { kind: "text"; text: string };

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref[0] !== "#") return ENTITIES[ref]!;
    const code = ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** The name without its namespace prefix (`x:row` → `row`). */
const local = (name: string): string => name.slice(name.indexOf(":") + 1);

/**
 * The longest tag read (SpreadsheetML's are a few hundred characters): past it the file is
 * refused as broken, so no regular expression below ever runs over megabytes of one tag.
 */
const MAX_TAG = 16 * 1024;

function* xmlEvents(xml: string): Generator<XmlEvent> {
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < xml.length) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) break;
    if (lt > i) yield { kind: "text", text: decodeEntities(xml.slice(i, lt)) };
    const skipTo = (close: string, from: number): number => {
      const end = xml.indexOf(close, from);
      if (end < 0) throw new Refused("brokenZip");
      return end;
    };
    if (xml.startsWith("<!--", lt)) {
      i = skipTo("-->", lt + 4) + 3;
      continue;
    }
    if (xml.startsWith("<![CDATA[", lt)) {
      const end = skipTo("]]>", lt + 9);
      yield { kind: "text", text: xml.slice(lt + 9, end) };
      i = end + 3;
      continue;
    }
    if (xml.startsWith("<?", lt)) {
      i = skipTo("?>", lt + 2) + 2;
      continue;
    }
    // A DOCTYPE (entity definitions) has no place in SpreadsheetML.
    if (xml.startsWith("<!", lt)) throw new Refused("brokenZip");
    let gt = lt + 1;
    let quote = 0;
    const limit = Math.min(xml.length, lt + MAX_TAG);
    for (; gt < limit; gt++) {
      const c = xml.charCodeAt(gt);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) quote = c;
      else if (c === 0x3e) break;
    }
    if (gt >= limit) throw new Refused("brokenZip");
    const body = xml.slice(lt + 1, gt);
    i = gt + 1;
    if (body[0] === "/") {
      yield { kind: "close", name: local(body.slice(1).trim()) };
      continue;
    }
    const empty = body.endsWith("/");
    const nameEnd = body.search(/[\s/]|$/);
    const attrs: Record<string, string> = {};
    for (const m of body.slice(nameEnd).matchAll(/([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[m[1]!] = decodeEntities(m[2] ?? m[3] ?? "");
    yield { kind: "open", name: local(body.slice(0, nameEnd)), attrs, empty };
  }
}

/** Walks the events, yielding to other work every few thousand. */
async function walk(xml: string, visit: (event: XmlEvent) => void): Promise<void> {
  let n = 0;
  for (const event of xmlEvents(xml)) {
    visit(event);
    if (++n % 5000 === 0) await yieldToOthers();
  }
}

/** An attribute by its local name (`r:id` for "id" with a prefix; `name` for "name"). */
function attr(attrs: Record<string, string>, name: string, prefixed = false): string | undefined {
  for (const [key, value] of Object.entries(attrs)) {
    if (prefixed ? key.includes(":") && local(key) === name : key === name) return value;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The parts

interface Relationship {
  type: string;
  target: string;
}

const dirOf = (path: string): string => path.slice(0, path.lastIndexOf("/") + 1);
const relsOf = (path: string): string => `${dirOf(path)}_rels/${path.slice(path.lastIndexOf("/") + 1)}.rels`;

function resolve(base: string, target: string): string {
  const parts = (target.startsWith("/") ? target.slice(1) : dirOf(base) + target).split("/");
  const out: string[] = [];
  for (const part of parts) {
    if (part === "..") out.pop();
    else if (part !== "." && part !== "") out.push(part);
  }
  return out.join("/");
}

async function relationships(xml: string | null, base: string): Promise<Map<string, Relationship>> {
  const rels = new Map<string, Relationship>();
  if (xml === null) return rels;
  await walk(xml, (e) => {
    if (e.kind !== "open" || e.name !== "Relationship" || attr(e.attrs, "TargetMode") === "External") return;
    const id = attr(e.attrs, "Id");
    const target = attr(e.attrs, "Target");
    if (id && target) rels.set(id, { type: attr(e.attrs, "Type") ?? "", target: resolve(base, target) });
  });
  return rels;
}

const byType = (rels: Map<string, Relationship>, type: string): string | undefined => [...rels.values()].find((r) => r.type.endsWith(`/${type}`))?.target;

/** `_xHHHH_` escapes in shared strings (as exceljs decoded them). */
const unescapeX = (s: string): string => (s.includes("_x") ? s.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s);

async function sharedStrings(xml: string | null): Promise<string[]> {
  const strings: string[] = [];
  if (xml === null) return strings;
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  await walk(xml, (e) => {
    if (e.kind === "open") {
      if (e.name === "si") {
        if (strings.length >= XLSX_LIMITS.sharedStrings) throw new Refused("tooManyCells", String(XLSX_LIMITS.sharedStrings));
        current = "";
        if (e.empty) {
          strings.push("");
          current = null;
        }
      } else if (e.name === "rPh") phonetic += e.empty ? 0 : 1;
      else if (e.name === "t" && !e.empty && current !== null && phonetic === 0) inText = true;
    } else if (e.kind === "close") {
      if (e.name === "t") inText = false;
      else if (e.name === "rPh") phonetic = Math.max(0, phonetic - 1);
      else if (e.name === "si" && current !== null) {
        strings.push(current);
        current = null;
      }
    } else if (inText && current !== null) {
      current += unescapeX(e.text);
    }
  });
  return strings;
}

/** Number formats exceljs read as dates: the built-in ones 14–22 and 45–47, and custom formats with date letters. */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);
/** Excel's format codes have at most 255 characters; a longer one is not read as a date. */
const isDateFormat = (code: string): boolean =>
  code.length <= 255 &&
  /[ymdhMsb]+/.test(
    code
      .replace(/\\(.)/g, "$1")
      .replace(/\[[^\]]*]/g, "")
      .replace(/"[^"]*"/g, ""),
  );

/** The cell styles (`s`) whose number format is a date. */
async function dateStyles(xml: string | null): Promise<Set<number>> {
  const dates = new Set<number>();
  if (xml === null) return dates;
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await walk(xml, (e) => {
    if (e.kind === "open") {
      if (e.name === "numFmt") custom.set(Number(attr(e.attrs, "numFmtId")), attr(e.attrs, "formatCode") ?? "");
      else if (e.name === "cellXfs") inCellXfs = !e.empty;
      else if (e.name === "xf" && inCellXfs) xfFormats.push(Number(attr(e.attrs, "numFmtId") ?? 0));
    } else if (e.kind === "close" && e.name === "cellXfs") inCellXfs = false;
  });
  xfFormats.forEach((id, style) => {
    if (id && (custom.has(id) ? isDateFormat(custom.get(id)!) : BUILT_IN_DATE_FORMATS.has(id))) dates.add(style);
  });
  return dates;
}

/** "BC12" → { col: 55, row: 12 }; null for anything else. */
function address(ref: string | undefined): { col: number; row: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/.exec(ref ?? "");
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + ch.charCodeAt(0) - 64;
  return { col, row: Number(m[2]) };
}

interface SheetContext {
  strings: string[];
  dates: Set<number>;
  date1904: boolean;
}

function numberText(v: string, style: number | null, ctx: SheetContext): string {
  const n = parseFloat(v);
  if (style !== null && ctx.dates.has(style) && Number.isFinite(n)) {
    const date = new Date(Math.round((n - 25569 + (ctx.date1904 ? 1462 : 0)) * 86_400_000));
    if (!Number.isNaN(date.getTime())) return date.toISOString().slice(0, 10);
  }
  return String(n);
}

async function sheetCells(xml: string, ctx: SheetContext): Promise<SheetCells> {
  const rows: SheetCells = new Map();
  let cells = 0;
  const put = (row: number, col: number, value: string | null) => {
    let r = rows.get(row);
    if (!r) {
      if (rows.size >= XLSX_LIMITS.rows) throw new Refused("tooManyCells", String(XLSX_LIMITS.rows));
      rows.set(row, (r = new Map()));
    }
    if (!r.has(col) && ++cells > XLSX_LIMITS.cells) throw new Refused("tooManyCells", String(XLSX_LIMITS.cells));
    r.set(col, value);
  };
  const merges: string[] = [];
  let rowNumber = 0;
  let colNumber = 0;
  let cell: { row: number; col: number; type: string; style: number | null; formula: boolean; v?: string; inline?: string } | null = null;
  let into: "v" | "t" | null = null;
  let inInline = false;
  let phonetic = 0;
  const finish = () => {
    if (!cell) return;
    const { row, col, type, style, formula, v, inline } = cell;
    cell = null;
    let value: string | null | undefined;
    if (formula) value = null;
    else if (type === "inlineStr") value = inline ?? v;
    else if (v === undefined) value = undefined;
    else if (type === "s") value = ctx.strings[parseInt(v, 10)] ?? "";
    else if (type === "str") value = v;
    else if (type === "b") value = parseInt(v, 10) !== 0 ? "true" : "false";
    else if (type === "e") value = "";
    else if (type === "d") value = v.slice(0, 10);
    else value = numberText(v, style, ctx);
    if (value !== undefined) put(row, col, value);
  };
  await walk(xml, (e) => {
    if (e.kind === "open") {
      switch (e.name) {
        case "row": {
          const r = Number(attr(e.attrs, "r"));
          rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
          colNumber = 0;
          return;
        }
        case "c": {
          const at = address(attr(e.attrs, "r"));
          colNumber = at ? at.col : colNumber + 1;
          const s = attr(e.attrs, "s");
          cell = {
            row: at ? at.row : Math.max(rowNumber, 1),
            col: colNumber,
            type: attr(e.attrs, "t") ?? "n",
            style: s === undefined ? null : Number(s),
            formula: false,
          };
          if (e.empty) finish();
          return;
        }
        case "f":
          if (cell) cell.formula = true;
          return;
        case "v":
          if (cell && !e.empty) into = "v";
          return;
        case "is":
          inInline = !e.empty;
          return;
        case "rPh":
          phonetic += e.empty ? 0 : 1;
          return;
        case "t":
          if (cell && inInline && !e.empty && phonetic === 0) into = "t";
          return;
        case "mergeCell": {
          const ref = attr(e.attrs, "ref");
          if (ref) merges.push(ref);
          return;
        }
      }
    } else if (e.kind === "close") {
      if (e.name === "c") finish();
      else if (e.name === "v" || e.name === "t") into = null;
      else if (e.name === "is") inInline = false;
      else if (e.name === "rPh") phonetic = Math.max(0, phonetic - 1);
    } else if (cell && into === "v") cell.v = (cell.v ?? "") + e.text;
    else if (cell && into === "t") cell.inline = (cell.inline ?? "") + e.text;
  });
  // A merged range: every cell shows its first cell's value (as exceljs read it). The range is
  // clipped to the rows and columns that hold anything; what is left counts toward the cells
  // bound.
  if (merges.length > 0) {
    let lastRow = 0;
    let lastCol = 0;
    for (const [r, cols] of rows) {
      lastRow = Math.max(lastRow, r);
      for (const c of cols.keys()) lastCol = Math.max(lastCol, c);
    }
    let merged = 0;
    for (const ref of merges) {
      const [from, to] = ref.split(":").map(address);
      if (!from || !to) continue;
      const top = Math.min(from.row, to.row);
      const left = Math.min(from.col, to.col);
      const master = rows.get(top)?.get(left);
      if (master === undefined) continue;
      const bottom = Math.min(Math.max(from.row, to.row), lastRow);
      const right = Math.min(Math.max(from.col, to.col), lastCol);
      // Counted over all ranges, overlapping ones too: 100,000 ranges over the same cells are work.
      merged += Math.max(0, bottom - top + 1) * Math.max(0, right - left + 1);
      if (merged > XLSX_LIMITS.cells) throw new Refused("tooManyCells", String(XLSX_LIMITS.cells));
      for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) if (r !== top || c !== left) put(r, c, master);
    }
  }
  return new Map([...rows.entries()].sort((a, b) => a[0] - b[0]).map(([r, cols]) => [r, new Map([...cols.entries()].sort((a, b) => a[0] - b[0]))]));
}

// ---------------------------------------------------------------------------------------------

/**
 * Reads the workbook's sheet names, lets `select` pick the sheets it needs (by name), and
 * reads those; every bound above applies.
 */
export async function readWorkbook(bytes: Uint8Array, select: (sheetNames: string[]) => string[]): Promise<WorkbookRead> {
  try {
    const entries = centralDirectory(bytes);
    const declared = entries.reduce((n, e) => n + e.declaredSize, 0);
    if (declared > XLSX_LIMITS.totalBytes) return { ok: false, reason: "tooLargeUnpacked", detail: megabytes(XLSX_LIMITS.totalBytes) };
    const byName = new Map<string, ZipEntry>();
    for (const entry of entries) if (!byName.has(entry.name.toLowerCase())) byName.set(entry.name.toLowerCase(), entry);
    const budget: Budget = { used: 0 };
    const decoder = new TextDecoder("utf-8");
    const part = async (path: string | undefined): Promise<string | null> => {
      const entry = path === undefined ? undefined : byName.get(path.toLowerCase());
      if (!entry) return null;
      if (entry.declaredSize > XLSX_LIMITS.partBytes) throw new Refused("tooLargeUnpacked", megabytes(XLSX_LIMITS.partBytes));
      const text = decoder.decode(await inflateEntry(bytes, entry, budget));
      await yieldToOthers();
      return text;
    };

    const packageRels = await relationships(await part("_rels/.rels"), "");
    const workbookPath = byType(packageRels, "officeDocument") ?? "xl/workbook.xml";
    const workbookXml = await part(workbookPath);
    if (workbookXml === null) return { ok: false, reason: "notSpreadsheet" };
    const sheets: { name: string; rel: string }[] = [];
    let date1904 = false;
    await walk(workbookXml, (e) => {
      if (e.kind !== "open") return;
      if (e.name === "sheet") {
        const name = attr(e.attrs, "name");
        const rel = attr(e.attrs, "id", true);
        if (name !== undefined && rel !== undefined && sheets.length < XLSX_LIMITS.maxEntries) sheets.push({ name, rel });
      } else if (e.name === "workbookPr") {
        const v = attr(e.attrs, "date1904");
        date1904 = v === "1" || v === "true";
      }
    });
    const workbookRels = await relationships(await part(relsOf(workbookPath)), workbookPath);
    const wanted = new Set(select(sheets.map((s) => s.name)));
    const chosen = sheets.filter((s) => wanted.has(s.name) && workbookRels.has(s.rel));
    const ctx: SheetContext = {
      strings: await sharedStrings(await part(byType(workbookRels, "sharedStrings"))),
      dates: await dateStyles(await part(byType(workbookRels, "styles"))),
      date1904,
    };
    const read = new Map<string, SheetCells>();
    for (const sheet of chosen) {
      if (read.has(sheet.name)) continue;
      const xml = await part(workbookRels.get(sheet.rel)!.target);
      if (xml !== null) read.set(sheet.name, await sheetCells(xml, ctx));
    }
    return { ok: true, sheetNames: sheets.map((s) => s.name), sheets: read };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.reason, ...(error.detail ? { detail: error.detail } : {}) };
    throw error;
  }
}
