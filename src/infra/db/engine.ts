/** Which database engine a DATABASE_URL names, and how to name its server without the password. */
export type Engine = "sqlite" | "postgresql";

export function engineOf(url: string): Engine | null {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(?:ql)?:\/\//.test(url)) return "postgresql";
  return null;
}

/** "db.example.org:5432, database tusoi": what a start-up line may show (never the user's password). */
export function describePostgres(url: string): string {
  try {
    const u = new URL(url);
    const database = decodeURIComponent(u.pathname.replace(/^\//, "")) || "(default)";
    return `${u.hostname || "localhost"}:${u.port || "5432"}, database ${database}`;
  } catch {
    return "(an unparsable PostgreSQL URL)";
  }
}
