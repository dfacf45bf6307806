import { describe, it, expect } from "vitest";
import {
  CLOSE_ROUND_PATTERN,
  FORM_PATTERN,
  LANG_PATTERN,
  MEMBER_MENU_PATTERN,
  NAME_EDIT,
  NAME_OK,
  NUDGE_CELL_PATTERN,
  QUICK_PICKS,
  SET_ROLE_PATTERN,
  decodeForm,
  encodeCloseRound,
  encodeNudgeCell,
  encodeForm,
  encodeLang,
  encodeMemberMenu,
  encodeSetRole,
  roleFromCode,
  type FormAction,
} from "../../src/bot/callback-data.js";

const BIG_ID = 9_999_999_999; // the largest id the codec accepts (10 digits)

const actions: FormAction[] = [
  { action: "answer", id: 1, index: 0, value: "NONE" },
  { action: "answer", id: 42, index: 13, value: "MINOR" },
  { action: "answer", id: BIG_ID, index: 999, value: "SIGNIFICANT" },
  { action: "back", id: 7, index: 26 },
  { action: "review", id: 7 },
  { action: "pick", id: 7 },
  { action: "change", id: 7, index: 0 },
  { action: "continue", id: 7 },
  { action: "keep", id: 7, index: 12 },
  ...QUICK_PICKS.map((pick): FormAction => ({ action: "date", id: BIG_ID, index: 999, pick })),
  { action: "editPlan", id: 7, index: 3 },
  { action: "submit", id: 7 },
  { action: "reopen", id: BIG_ID },
];

const byteLength = (s: string) => Buffer.byteLength(s, "utf8");

describe("form callback data", () => {
  it("covers every form action", () => {
    expect(new Set(actions.map((a) => a.action))).toEqual(
      new Set(["answer", "back", "review", "pick", "change", "continue", "keep", "date", "editPlan", "submit", "reopen"]),
    );
    expect(QUICK_PICKS).toEqual(["eom", "m3", "m6", "eoy"]);
  });

  it.each(actions.map((a) => [encodeForm(a), a] as const))("%s round-trips", (encoded, action) => {
    expect(decodeForm(encoded)).toEqual(action);
  });

  it("encodes compactly with the version prefix", () => {
    expect(encodeForm({ action: "answer", id: 42, index: 13, value: "MINOR" })).toBe("1f:a:42:13:m");
    expect(encodeForm({ action: "date", id: 5, index: 2, pick: "eoy" })).toBe("1f:d:5:2:eoy");
    expect(encodeForm({ action: "submit", id: 5 })).toBe("1f:s:5");
    expect(FORM_PATTERN.test(encodeForm({ action: "reopen", id: 5 }))).toBe(true);
  });

  it("keeps every encoded string within Telegram's 64-byte limit", () => {
    for (const action of actions) {
      const encoded = encodeForm(action);
      expect(byteLength(encoded), encoded).toBeLessThanOrEqual(64);
    }
  });

  it.each([
    ["1f:a:12:3:z", "unknown answer code"],
    ["1f:a:0:3:n", "id 0"],
    ["1f:a:012:3:n", "id with a leading zero"],
    ["1f:q:1", "unknown kind"],
    ["2f:a:1:1:n", "another format version"],
    ["1f:a:1:1", "answer without a value"],
    ["1f:a:1:n", "answer without an index"],
    ["1f:s:1:2", "submit with an index"],
    ["1f:r:1:n", "review with extra"],
    ["1f:b:1", "back without an index"],
    ["1f:b:1:2:n", "back with extra"],
    ["1f:d:1:2", "date without a pick"],
    ["1f:d:1:2:m9", "date with an unknown pick"],
    ["1f:a:1:1000:n", "index over 3 digits"],
    ["1f:a:-1:1:n", "negative id"],
    ["1f:a:1:1:n ", "trailing space"],
    ["1f:a:1:1:n\n", "trailing newline"],
    [" 1f:a:1:1:n", "leading space"],
    ["1F:A:1:1:N", "upper case"],
    ["", "empty"],
    ["1f:a:99999999999:1:n", "11-digit id"],
    [`1f:a:1:1:n${"x".repeat(190)}`, "200-character string"],
    ["x".repeat(200), "200 x"],
    ["1lg:vi", "another kind of callback"],
  ])("decodes %j (%s) to null", (data) => {
    expect(decodeForm(data)).toBeNull();
  });
});

describe("other callback data", () => {
  it("roleFromCode maps the role codes and nothing else", () => {
    expect(roleFromCode("d")).toBe("DEPUTY");
    expect(roleFromCode("c")).toBe("COMMITTEE");
    expect(roleFromCode("m")).toBe("MEMBER");
    expect(roleFromCode("x")).toBe("REMOVE");
    expect(roleFromCode("s")).toBeNull();
    expect(roleFromCode("")).toBeNull();
    expect(roleFromCode("D")).toBeNull();
    expect(roleFromCode("DEPUTY")).toBeNull();
  });

  it("set-role data matches its pattern and yields the member id and role", () => {
    const data = encodeSetRole(1234, "COMMITTEE");
    expect(data).toBe("1sr:1234:c");
    const m = SET_ROLE_PATTERN.exec(data);
    expect(m?.[1]).toBe("1234");
    expect(roleFromCode(m?.[2] ?? "")).toBe("COMMITTEE");
    expect(SET_ROLE_PATTERN.test("1sr:1234:s")).toBe(false);
    expect(SET_ROLE_PATTERN.test("1sr:0:c")).toBe(false);
  });

  it("language, close-round and member-menu data match their patterns", () => {
    expect(LANG_PATTERN.exec(encodeLang("en"))?.[1]).toBe("en");
    expect(LANG_PATTERN.test("1lg:fr")).toBe(false);
    expect(CLOSE_ROUND_PATTERN.exec(encodeCloseRound(77))?.[1]).toBe("77");
    expect(CLOSE_ROUND_PATTERN.test("1cr:77:1")).toBe(false);
    expect(MEMBER_MENU_PATTERN.exec(encodeMemberMenu(BIG_ID))?.[1]).toBe(String(BIG_ID));
    expect(MEMBER_MENU_PATTERN.test("1mm:abc")).toBe(false);
    expect(NAME_OK).toBe("1nm:ok");
    expect(NAME_EDIT).toBe("1nm:edit");
    // The committee nudge's button names the cell it nudges (issue 19).
    expect(NUDGE_CELL_PATTERN.exec(encodeNudgeCell(BIG_ID))?.[1]).toBe(String(BIG_ID));
    for (const forged of ["1nc:0", "1nc:abc", "1nc:12:3", "1nc:", "0nc:12"]) expect(NUDGE_CELL_PATTERN.test(forged), forged).toBe(false);
  });

  it("keeps the other callback data within 64 bytes", () => {
    for (const data of [
      encodeSetRole(BIG_ID, "REMOVE"),
      encodeLang("vi"),
      encodeCloseRound(BIG_ID),
      encodeMemberMenu(BIG_ID),
      encodeNudgeCell(BIG_ID),
      NAME_OK,
      NAME_EDIT,
    ]) {
      expect(byteLength(data), data).toBeLessThanOrEqual(64);
    }
  });
});

describe("template buttons (/mau)", () => {
  it("name the unit they act for and round-trip within 64 bytes; buttons without a unit still decode", async () => {
    const { decodeTemplate, encodeTemplate, TEMPLATE_PATTERN } = await import("../../src/bot/callback-data.js");
    const actions = [
      { action: "use" as const, code: "dang-uy-phuong-2027-abcd", unit: { kind: "COMMITTEE" as const, id: 9_999_999_999 } },
      { action: "download" as const, code: "nq04-xii", unit: { kind: "CELL" as const, id: 7 } },
      { action: "delete" as const, code: "mau-chi-bo", unit: { kind: "CELL" as const, id: 12 } },
      { action: "save" as const, id: 9_999_999_999, unit: { kind: "COMMITTEE" as const, id: 9_999_999_999 } },
      { action: "import" as const, unit: { kind: "COMMITTEE" as const, id: 3 } },
    ];
    for (const action of actions) {
      const data = encodeTemplate(action);
      expect(TEMPLATE_PATTERN.test(data)).toBe(true);
      expect(new TextEncoder().encode(data).length).toBeLessThanOrEqual(64);
      expect(decodeTemplate(data)).toEqual(action);
    }
    expect(decodeTemplate("1tu:nq04-xii")).toEqual({ action: "use", code: "nq04-xii" });
    expect(decodeTemplate("1ts:42")).toEqual({ action: "save", id: 42 });
    for (const forged of ["1tu:x5:abc", "1tu:c0:abc", "1ts:k1", "1ti:c", "1tg:k12345678901:abc", "1tu:c5:ABC"])
      expect(decodeTemplate(forged), forged).toBeNull();
  });
});

describe("the scope of every callback kind (issue 17)", () => {
  it("declares every pattern and fixed data callback-data.ts exports, each matched by exactly one kind", async () => {
    const module = await import("../../src/bot/callback-data.js");
    const { CALLBACK_KINDS, callbackKind } = module;
    const declared = new Set(CALLBACK_KINDS.map((k) => k.match));
    const exported = Object.entries(module).filter(
      ([name, value]) => /(_PATTERN|^NAME_|^CANCEL_|^PLAN_DOCX$)/.test(name) && (value instanceof RegExp || typeof value === "string"),
    );
    expect(exported.length).toBeGreaterThan(30);
    for (const [name, value] of exported) expect(declared.has(value as RegExp | string), name).toBe(true);
    for (const kind of CALLBACK_KINDS) expect(["private", "officer", "anyone"]).toContain(kind.scope);
    // The fixed data and sample data of the patterns each find their own kind, not another's.
    const samples: [string, string][] = [
      ["1cq:no", "cancelCloseRound"],
      ["1cq:12", "askCloseRound"],
      ["1rb:no", "cancelReportBack"],
      ["1rb:12", "reportBack"],
      ["1ho:no", "cancelHandover"],
      ["1ho:12", "handover"],
      ["1wn", "cancelEndCampaign"],
      ["1wv:3:AAAAAAAAAAAAAAAA", "confirmMove"],
      ["1wv:3", "confirmMove"],
      ["1wc:3:ok", "rosterName"],
      ["1nm:ok", "nameOk"],
      ["1pd", "planDocx"],
      ["1zz:1", ""],
    ];
    for (const [data, name] of samples) expect(callbackKind(data)?.name ?? "", data).toBe(name);
  });

  it("keeps the move confirmation within 64 bytes", async () => {
    const { encodeConfirmMove, CONFIRM_MOVE_PATTERN } = await import("../../src/bot/callback-data.js");
    const data = encodeConfirmMove(BIG_ID, "Ab-_0123456789xy");
    expect(CONFIRM_MOVE_PATTERN.test(data)).toBe(true);
    expect(byteLength(data)).toBeLessThanOrEqual(64);
  });
});
