/**
 * The person's awaited input (User.awaiting): what their next typed text (or file) answers,
 * stored in the database so that it survives restarts and does not depend on the order in
 * which a channel registers its features (issue 18). Every value is versioned JSON
 * `{"v":1,"k":<kind>,…}`; each use case owns its kind's fields (its awaitingX/parseAwaitingX
 * pair), this module owns the set of kinds and the rules every channel applies to them.
 *
 * A channel's typed-text dispatcher reads `kindOf(awaiting)` and calls the one handler
 * registered for that kind; with no awaited input, the form's own typed step (a measure, a
 * date) answers, as the form's cursor says.
 */

/** Every awaited kind any use case writes, and what a command typed meanwhile does to it. */
export const AWAITED_KINDS = {
  /** The member's full name on joining or "Sửa tên" (onboarding). A command leaves it waiting. */
  name: { commandCancels: false, input: "text" },
  /** The secretary's correction of a member's name (members). */
  renameMember: { commandCancels: true, input: "text" },
  /** A committee roster entry's full name (committee). */
  rosterName: { commandCancels: true, input: "text" },
  /** A note on one item's monthly progress (followup). A command leaves it waiting. */
  note: { commandCancels: false, input: "text" },
  /** The secretary's conclusions for the report back (report-back). */
  conclusions: { commandCancels: true, input: "text" },
  /** The step-by-step meeting record (meeting). */
  meeting: { commandCancels: true, input: "text" },
  /** A round report's typed section (report-texts). */
  rtext: { commandCancels: true, input: "text" },
  /** A committee campaign report's typed section (report-texts). */
  ctext: { commandCancels: true, input: "text" },
  /** A unit-not-on-the-bot's figures typed by an officer (entered-units). */
  enter: { commandCancels: true, input: "text" },
  /** A unit-not-on-the-bot's filled item sheet, a file (entered-units). Typed text is not its answer. */
  isheet: { commandCancels: false, input: "file" },
  /** A template file after "Nhập mẫu mới" (templates). Typed text is not its answer. */
  template: { commandCancels: false, input: "file" },
  /**
   * The last screen shown to a person on a text-only channel: its choice ids in reading order,
   * so that a typed "2" means that screen's second choice (channels/text-render). Telegram never
   * writes it (its choices are buttons).
   */
  screen: { commandCancels: false, input: "text" },
} as const satisfies Record<string, { commandCancels: boolean; input: "text" | "file" }>;

export type AwaitedKind = keyof typeof AWAITED_KINDS;

export const awaitedKinds = (): AwaitedKind[] => Object.keys(AWAITED_KINDS) as AwaitedKind[];

export const isAwaitedKind = (value: unknown): value is AwaitedKind => typeof value === "string" && Object.prototype.hasOwnProperty.call(AWAITED_KINDS, value);

/** An awaited input, parsed: its kind and the fields its use case stored with it. */
export type AwaitedInput = { k: AwaitedKind } & Record<string, unknown>;

/** The stored form: `{"v":1,"k":…,…fields}` (the key order is kept, so existing values read the same). */
export function serializeAwaited(kind: AwaitedKind, fields: Record<string, unknown> = {}): string {
  return JSON.stringify({ v: 1, k: kind, ...fields });
}

/** The stored value, parsed; null when nothing is awaited or the value is not a known version-1 kind. */
export function parseAwaited(awaiting: string | null): AwaitedInput | null {
  if (!awaiting) return null;
  try {
    const value = JSON.parse(awaiting) as unknown;
    if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
    const record = value as Record<string, unknown>;
    return record.v === 1 && isAwaitedKind(record.k) ? (record as AwaitedInput) : null;
  } catch {
    return null;
  }
}

/** The kind of the stored awaited input (null: nothing, or nothing this version knows). */
export const kindOf = (awaiting: string | null): AwaitedKind | null => parseAwaited(awaiting)?.k ?? null;

/** Whether a command typed while this is awaited drops it ("any command drops the pending questions"). */
export const commandCancels = (awaiting: string | null): boolean => {
  const kind = kindOf(awaiting);
  return kind !== null && AWAITED_KINDS[kind].commandCancels;
};

/** Typed text that is a command ("/tusoi", "/thamgia abc"). */
export const isCommand = (text: string): boolean => text.startsWith("/");
