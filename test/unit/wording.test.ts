/**
 * How the bot speaks: members are "đồng chí" in Vietnamese, never "bạn"; checklist and report
 * texts use curly quotes “…”, never straight ones.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createI18n, localesDir, loadResources } from "../../src/infra/i18n/index.js";

/** Every string leaf of a JSON tree as [path, value]. */
function strings(node: unknown, key = ""): [string, string][] {
  if (typeof node === "string") return [[key, node]];
  if (Array.isArray(node)) return node.flatMap((v, i) => strings(v, `${key}[${i}]`));
  if (node !== null && typeof node === "object") return Object.entries(node).flatMap(([k, v]) => strings(v, key ? `${key}.${k}` : k));
  return [];
}

const vi = strings(loadResources().vi).map(([k, v]) => [k.replace(".", ":"), v] as [string, string]);
const checklistFiles = readdirSync(path.join(localesDir, "checklists")).filter((f) => f.endsWith(".json"));
const checklists = checklistFiles.map((file) => [file, JSON.parse(readFileSync(path.join(localesDir, "checklists", file), "utf8"))] as const);
/** The Vietnamese texts of every checklist: the `vi` leaves. */
const checklistVi = checklists.flatMap(([file, tree]) =>
  strings(tree)
    .filter(([k]) => k.endsWith(".vi"))
    .map(([k, v]) => [`${file}:${k}`, v] as [string, string]),
);

/**
 * Keys where "bạn" may stand because it does not address the member, with the reason.
 * Empty today; add "namespace:key": "why" here rather than loosening the pattern.
 */
const BAN_ALLOWED: Record<string, string> = {};

/** "bạn" as a word (not inside another word), any case, in composed or decomposed form. */
const BAN = /(?<![\p{L}\p{M}])bạn(?![\p{L}\p{M}])/iu;

describe("form of address", () => {
  it("scans the Vietnamese locale files and the checklists (the check is not vacuous)", () => {
    expect(vi.length).toBeGreaterThan(200);
    expect(checklistVi.length).toBeGreaterThanOrEqual(27 * 2);
    expect(BAN.test("Cảm ơn bạn.")).toBe(true);
    expect(BAN.test("Bạn đã trả lời")).toBe(true);
    expect(BAN.test("Ba\u0323n đã trả lời".normalize("NFC"))).toBe(true);
    expect(BAN.test("Cảm ơn đồng chí.")).toBe(false);
  });

  it("addresses members as “đồng chí”, never “bạn”, in every Vietnamese string", () => {
    const found = [...vi, ...checklistVi]
      .filter(([key, value]) => BAN.test(value.normalize("NFC")) && !(key in BAN_ALLOWED))
      .map(([key, value]) => `${key}: ${value}`);
    expect(found, found.join("\n")).toEqual([]);
  });

  it("allows “bạn” only where it is listed, and lists only keys that exist", () => {
    const keys = new Set([...vi, ...checklistVi].map(([k]) => k));
    expect(Object.keys(BAN_ALLOWED).filter((k) => !keys.has(k))).toEqual([]);
  });

  it("says “đồng chí” in the texts a member reads most", () => {
    const text = new Map(vi);
    expect(text.get("assessment:submitted.done")).toBe("✅ Đã nộp bản tự soi lúc {{time}}. Cảm ơn đồng chí.");
    expect(text.get("assessment:review.intro")).toMatch(/^Đồng chí đã trả lời/);
    expect(text.get("assessment:question.current")).toMatch(/^Đồng chí đã chọn/);
  });
});

describe("/lich", () => {
  it("reads “Lịch theo dõi khắc phục: ngày 1 hằng tháng, lúc 08:00 (giờ Việt Nam)”, the day said once", async () => {
    const i18n = await createI18n("vi");
    for (const [lang, expected, zone] of [
      ["vi", "📅 Lịch theo dõi khắc phục: ngày 1 hằng tháng, lúc 08:00 (giờ Việt Nam).", "zoneVietnam"],
      ["en", "📅 Correction follow-up schedule: day 1 of each month, at 08:00 (UTC+9).", "zoneOffset"],
    ] as const) {
      const t = i18n.t(lang);
      const text = t("followup:schedule.show", {
        day: t("followup:schedule.day", { day: 1 }),
        time: "08:00",
        next: "01/01/2027 08:00",
        zone: t(`followup:schedule.${zone}`, { offset: "UTC+9" }),
      });
      expect(text.split("\n")[0]).toBe(expected);
    }
  });
});

describe("quotation marks", () => {
  it("uses curly quotes in every checklist text, in both languages", () => {
    const straight = checklists.flatMap(([file, tree]) =>
      strings(tree)
        .filter(([, v]) => v.includes('"'))
        .map(([k, v]) => `${file}:${k}: ${v}`),
    );
    expect(straight, straight.join("\n")).toEqual([]);
  });

  it("never puts straight quotes beside curly ones in the report and document texts", () => {
    const resources = loadResources();
    const mixed = (["vi", "en"] as const).flatMap((lang) =>
      strings({ report: resources[lang]!.report, documents: resources[lang]!.documents })
        .filter(([, v]) => v.includes('"') || v.includes("«"))
        .map(([k, v]) => `${lang} ${k}: ${v}`),
    );
    expect(mixed, mixed.join("\n")).toEqual([]);
  });
});
