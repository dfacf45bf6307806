/**
 * The one date/time codec of the SQLite database. Prisma's better-sqlite3 adapter is told to
 * use this format (`timestampFormat`), and the prepared statements of the answer path encode
 * and decode with the same functions, so a DateTime written by either side reads (and
 * compares, as text) the same on the other.
 */

/** The adapter's ISO 8601 layout: "2026-11-22T05:17:00.000+00:00". */
export const SQLITE_TIMESTAMP_FORMAT = "iso8601" as const;

/** A Date as the adapter writes it with SQLITE_TIMESTAMP_FORMAT. */
export function encodeTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/** A stored DateTime back to a Date (also reads epoch milliseconds, as older rows may hold). */
export function decodeTime(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  // Raw queries on PostgreSQL (and Prisma's own reads) give Date objects.
  if (value instanceof Date) return value;
  if (typeof value === "number" || typeof value === "bigint") return new Date(Number(value));
  return new Date(String(value));
}
