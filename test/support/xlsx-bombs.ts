/**
 * Zip bombs shaped like template files (issue 17): a valid template workbook (the /mau export,
 * with its own code) plus a part that inflates to hundreds of MB while the whole file stays
 * under the 1 MB the bot accepts. The huge part is never held in memory here: a unit (1 MB of
 * zeros, or of shared strings) is deflated once with a full flush (byte-aligned, the
 * compressor's state reset), and that same compressed chunk is repeated; the CRC is computed
 * over the unit as many times. The zip container is written by hand (local headers, central
 * directory, end record), as every reader expects it.
 */
import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { constants, crc32, deflateRawSync } from "node:zlib";
import { loadChecklists } from "../../src/infra/checklists.js";
import { templateFiles } from "../../src/infra/renderers/template-file.js";

interface RawEntry {
  name: string;
  /** The stored bytes (deflated), in pieces. */
  pieces: Uint8Array[];
  crc: number;
  size: number;
  /** The size the headers state, when it lies. */
  declared?: number;
}

const MB = 1024 * 1024;

/** A deflated entry of `prefix`, `unit` repeated `times` times, then `suffix`. */
function repeated(name: string, prefix: Uint8Array, unit: Uint8Array, times: number, suffix: Uint8Array): RawEntry {
  const flush = { finishFlush: constants.Z_FULL_FLUSH };
  const chunk = deflateRawSync(unit, flush);
  let crc = crc32(prefix);
  for (let i = 0; i < times; i++) crc = crc32(unit, crc);
  crc = crc32(suffix, crc);
  return {
    name,
    crc,
    size: prefix.length + unit.length * times + suffix.length,
    pieces: [deflateRawSync(prefix, flush), ...Array.from({ length: times }, () => chunk), deflateRawSync(suffix)],
  };
}

const plain = (name: string, bytes: Uint8Array): RawEntry => ({ name, crc: crc32(bytes), size: bytes.length, pieces: [deflateRawSync(bytes)] });

function zipOf(entries: RawEntry[]): Uint8Array {
  const out: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const compressed = entry.pieces.reduce((n, p) => n + p.length, 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(compressed, 18);
    local.writeUInt32LE(entry.declared ?? entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt16LE(0x21, 14);
    header.writeUInt32LE(entry.crc >>> 0, 16);
    header.writeUInt32LE(compressed, 20);
    header.writeUInt32LE(entry.declared ?? entry.size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    out.push(local, name, ...entry.pieces);
    offset += 30 + name.length + compressed;
  }
  const centralSize = central.reduce((n, p) => n + p.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, ...central, end]);
}

/** The /mau export of the built-in template under a code of its own (a file the import accepts). */
export async function templateWorkbook(code: string): Promise<Record<string, Uint8Array>> {
  const bytes = await templateFiles().writeXlsx(loadChecklists().get("nq04-xii@2")!);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  workbook.getWorksheet("Mẫu")!.getCell("B3").value = code;
  return unzipSync(new Uint8Array(await workbook.xlsx.writeBuffer()));
}

/**
 * The template plus `xl/media/image1.png`: `megabytes` MB of zeros (924 KB for 900 MB). With
 * `declared`, the zip's headers state that size for the bomb instead of the true one.
 */
export async function mediaBomb(code: string, megabytes = 900, declared?: number): Promise<Uint8Array> {
  const parts = await templateWorkbook(code);
  const entries = Object.entries(parts).map(([name, bytes]) => plain(name, bytes));
  entries.push({
    ...repeated("xl/media/image1.png", new Uint8Array(0), new Uint8Array(MB), megabytes, new Uint8Array(0)),
    ...(declared === undefined ? {} : { declared }),
  });
  return zipOf(entries);
}

/**
 * The template whose `xl/sharedStrings.xml` keeps its real strings first (so every cell still
 * reads right) and then about `megabytes` MB of extra one-letter strings nobody uses.
 * `declared`: as for mediaBomb.
 */
export async function sharedStringsBomb(code: string, megabytes = 380, declared?: number): Promise<Uint8Array> {
  const parts = await templateWorkbook(code);
  const xml = new TextDecoder().decode(parts["xl/sharedStrings.xml"]);
  const close = xml.lastIndexOf("</sst>");
  if (close < 0) throw new Error("no shared strings in the export");
  const si = "<si><t>x</t></si>";
  const unit = new TextEncoder().encode(si.repeat(Math.floor(MB / si.length)));
  const entries = Object.entries(parts)
    .filter(([name]) => name !== "xl/sharedStrings.xml")
    .map(([name, bytes]) => plain(name, bytes));
  const enc = new TextEncoder();
  const bomb = repeated("xl/sharedStrings.xml", enc.encode(xml.slice(0, close)), unit, megabytes, enc.encode(xml.slice(close)));
  entries.push({ ...bomb, ...(declared === undefined ? {} : { declared }) });
  return zipOf(entries);
}
