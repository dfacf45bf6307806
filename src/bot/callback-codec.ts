/**
 * One small typed helper for callback data (issue 18): a codec is a prefix, its fields with
 * their types and bounds, and its scope (who may press it where, see callback-data.ts). It
 * encodes typed values and decodes data back to typed values or null, so a handler never reads
 * a regex group with the wrong type, and it checks at definition that the longest data it can
 * make stays within Telegram's 64 bytes (and at each encode, for the record).
 *
 * The strings are exactly those of the hand-written codecs before: "1" (the format version),
 * the prefix, then ":"-separated fields; buttons already in users' chats keep working.
 */

export const CALLBACK_VERSION = "1";
/** Telegram's limit for callback data, in bytes. */
export const CALLBACK_DATA_MAX_BYTES = 64;

/**
 * Where a button may be pressed and whether its handler may edit the message under it (see
 * callback-data.ts for the rules the guard applies).
 */
export type CallbackScope = "private" | "officer" | "anyone";

/** One field: the text it matches (a regex source without capturing groups), how it reads and writes. */
export interface Field<T> {
  readonly source: string;
  /** The longest text this field writes, in bytes. */
  readonly maxBytes: number;
  /** Absent from the data altogether (with its ":") is allowed; the value is then undefined. */
  readonly optional?: boolean;
  parse(raw: string): T | null;
  format(value: T): string;
}

/** A database id: 1 to 9,999,999,999, no leading zero. */
export const idField: Field<number> = {
  source: "[1-9]\\d{0,9}",
  maxBytes: 10,
  parse: (raw) => Number(raw),
  format: (value) => String(value),
};

/** A small index (a page, an item): 0 to 999. */
export const indexField: Field<number> = {
  source: "\\d{1,3}",
  maxBytes: 3,
  parse: (raw) => Number(raw),
  format: (value) => String(value),
};

/** A year, four digits. */
export const yearField: Field<number> = {
  source: "\\d{4}",
  maxBytes: 4,
  parse: (raw) => Number(raw),
  format: (value) => String(value),
};

/** One of a few values, each written as its code (`{ DEPUTY: "d", … }`). */
export function codeField<const M extends Record<string, string>>(codes: M): Field<keyof M & string> {
  const byCode = new Map(Object.entries(codes).map(([value, code]) => [code, value as keyof M & string]));
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return {
    source: `(?:${[...byCode.keys()].map(escape).join("|")})`,
    maxBytes: Math.max(...[...byCode.keys()].map((c) => Buffer.byteLength(c))),
    parse: (raw) => byCode.get(raw) ?? null,
    format: (value) => codes[value]!,
  };
}

/** One of a few words written as themselves ("ok" | "edit"). */
export function wordField<const W extends string>(...words: W[]): Field<W> {
  return codeField(Object.fromEntries(words.map((w) => [w, w])) as unknown as Record<W, string>) as Field<W>;
}

/** Text of a fixed alphabet and length range (a token, a code), checked by `source`. */
export function textField(source: string, maxBytes: number): Field<string> {
  return { source, maxBytes, parse: (raw) => raw, format: (value) => value };
}

/** The field may be missing (older buttons); then its value is undefined. */
export function optional<T>(field: Field<T>): Field<T | undefined> {
  return {
    ...field,
    optional: true,
    parse: (raw) => field.parse(raw),
    format: (value) => (value === undefined ? "" : field.format(value)),
  };
}

export type Fields = Record<string, Field<never> | Field<unknown>>;
export type ValuesOf<F extends Fields> = { [K in keyof F]: F[K] extends Field<infer T> ? T : never };

export interface Codec<F extends Fields = Fields> {
  /** The kind's name (the guard's and the tests' name for it). */
  readonly name: string;
  readonly scope: CallbackScope;
  /** What a refused press is told (an i18n key); default by scope. */
  readonly refusal?: string;
  /** What matches this kind's data: the data itself when it has no field, else a pattern. */
  readonly match: RegExp | string;
  /** Always a pattern (for a fieldless codec: the data, anchored). */
  readonly pattern: RegExp;
  encode(values: ValuesOf<F>): string;
  decode(data: string): ValuesOf<F> | null;
}

export interface CodecOptions {
  scope: CallbackScope;
  refusal?: string;
}

/**
 * A codec: `codec("committeeFile", "wf", { committeeId: idField, campaignId: idField, file: fileField }, { scope: "anyone" })`
 * reads and writes "1wf:<id>:<id>:<d|x|c>". Fields are written in the order given.
 */
export function codec<const F extends Fields>(name: string, prefix: string, fields: F, options: CodecOptions): Codec<F> {
  const entries = Object.entries(fields) as [keyof F & string, Field<unknown>][];
  const head = `${CALLBACK_VERSION}${prefix}`;
  const pattern = new RegExp(`^${head}${entries.map(([, f]) => (f.optional ? `(?::(${f.source}))?` : `:(${f.source})`)).join("")}$`);
  const longest = Buffer.byteLength(head) + entries.reduce((n, [, f]) => n + 1 + f.maxBytes, 0);
  if (longest > CALLBACK_DATA_MAX_BYTES) throw new Error(`callback data ${name} may reach ${longest} bytes, over ${CALLBACK_DATA_MAX_BYTES}`);
  return {
    name,
    scope: options.scope,
    ...(options.refusal ? { refusal: options.refusal } : {}),
    match: entries.length === 0 ? head : pattern,
    pattern,
    encode(values) {
      const parts = [head];
      for (const [key, field] of entries) {
        const value = values[key];
        if (field.optional && value === undefined) continue;
        parts.push(field.format(value as never));
      }
      const data = parts.join(":");
      if (!pattern.test(data) || Buffer.byteLength(data) > CALLBACK_DATA_MAX_BYTES) throw new Error(`callback data ${name} out of bounds: ${data}`);
      return data;
    },
    decode(data) {
      const m = pattern.exec(data);
      if (!m) return null;
      const values: Record<string, unknown> = {};
      for (const [i, [key, field]] of entries.entries()) {
        const raw = m[i + 1];
        if (raw === undefined) {
          if (!field.optional) return null;
          values[key] = undefined;
          continue;
        }
        const value = field.parse(raw);
        if (value === null) return null;
        values[key] = value;
      }
      return values as ValuesOf<F>;
    },
  };
}

/** Shared fields: which report file (also the cell's), and which of the report's texts. */
export const FILE_CODES = { docx: "d", xlsx: "x", chart: "c" } as const;
export type ReportFile = keyof typeof FILE_CODES;
export const fileField = codeField(FILE_CODES);
export const TEXT_CODES = { assessment: "a", direction: "d" } as const;
export type ReportTextCode = keyof typeof TEXT_CODES;
export const reportTextField = codeField(TEXT_CODES);
