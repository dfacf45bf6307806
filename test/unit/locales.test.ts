import { describe, it, expect } from "vitest";
import { escapeHtml, loadResources } from "../../src/infra/i18n/index.js";

const resources = loadResources();
const vi = resources.vi as Record<string, unknown>;
const en = resources.en as Record<string, unknown>;

/** Every leaf as "namespace:path.to.key" → value. */
function leaves(tree: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (node: unknown, key: string) => {
    if (node !== null && typeof node === "object" && !Array.isArray(node)) {
      for (const [child, value] of Object.entries(node)) walk(value, key.endsWith(":") ? `${key}${child}` : `${key}.${child}`);
    } else {
      out.set(key, node);
    }
  };
  for (const [ns, content] of Object.entries(tree)) walk(content, `${ns}:`);
  return out;
}

const viLeaves = leaves(vi);
const enLeaves = leaves(en);

/** The set of {{placeholders}} in a string (names only, format suffixes dropped). */
function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*-?\s*([^},]+?)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]!))].sort();
}

const t = (tree: Map<string, unknown>, key: string) => tree.get(key);

describe("locale files", () => {
  it("load both languages with content", () => {
    expect(Object.keys(resources).sort()).toEqual(["en", "vi"]);
    expect(viLeaves.size).toBeGreaterThan(50);
  });

  it("vi and en have the same namespaces", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    expect(Object.keys(vi)).toContain("common");
  });

  it("vi and en have the same nested key paths", () => {
    const onlyVi = [...viLeaves.keys()].filter((k) => !enLeaves.has(k));
    const onlyEn = [...enLeaves.keys()].filter((k) => !viLeaves.has(k));
    expect(onlyVi, `keys only in vi: ${onlyVi.join(", ")}`).toEqual([]);
    expect(onlyEn, `keys only in en: ${onlyEn.join(", ")}`).toEqual([]);
  });

  it("every value is a non-empty string", () => {
    const bad = (lang: string, tree: Map<string, unknown>) =>
      [...tree].filter(([, value]) => typeof value !== "string" || value.trim() === "").map(([key, value]) => `${lang} ${key}=${JSON.stringify(value)}`);
    const all = [...bad("vi", viLeaves), ...bad("en", enLeaves)];
    expect(all, `empty or non-string values: ${all.join(", ")}`).toEqual([]);
  });

  it("uses the same {{placeholders}} in vi and en for every key", () => {
    const mismatches: string[] = [];
    for (const [key, viValue] of viLeaves) {
      const enValue = enLeaves.get(key);
      if (typeof viValue !== "string" || typeof enValue !== "string") continue;
      const a = placeholders(viValue);
      const b = placeholders(enValue);
      if (a.join(",") !== b.join(",")) mismatches.push(`${key}: vi {${a.join(",")}} en {${b.join(",")}}`);
    }
    expect(mismatches, mismatches.join("\n")).toEqual([]);
  });

  it("uses placeholders at all (the check above is not vacuous)", () => {
    const withPlaceholders = [...viLeaves.values()].filter((v) => typeof v === "string" && placeholders(v).length > 0);
    expect(withPlaceholders.length).toBeGreaterThan(10);
  });

  it("labels the answers in Vietnamese", () => {
    expect(t(viLeaves, "common:answer.NONE")).toBe("Không có");
    expect(t(viLeaves, "common:answer.MINOR")).toBe("Có, mức độ nhẹ");
    expect(t(viLeaves, "common:answer.SIGNIFICANT")).toBe("Có, cần khắc phục");
  });

  it("labels the answers in English", () => {
    expect(t(enLeaves, "common:answer.NONE")).toBe("No");
    expect(t(enLeaves, "common:answer.MINOR")).toBe("Yes, minor");
    expect(t(enLeaves, "common:answer.SIGNIFICANT")).toBe("Yes, needs correction");
  });

  it("labels correction progress in both languages", () => {
    expect(t(viLeaves, "common:progress.DONE")).toBe("Đã khắc phục");
    expect(t(viLeaves, "common:progress.IN_PROGRESS")).toBe("Đang khắc phục");
    expect(t(viLeaves, "common:progress.NOT_STARTED")).toBe("Chưa khắc phục");
    expect(t(enLeaves, "common:progress.DONE")).toBe("Corrected");
    expect(t(enLeaves, "common:progress.IN_PROGRESS")).toBe("In progress");
    expect(t(enLeaves, "common:progress.NOT_STARTED")).toBe("Not yet");
  });
});

describe("placeholders helper", () => {
  it("finds placeholder names", () => {
    expect(placeholders("{{name}} đã nộp {{ count }}/{{total}}, {{name}}")).toEqual(["count", "name", "total"]);
    expect(placeholders("{{date, datetime}}")).toEqual(["date"]);
    expect(placeholders("không có")).toEqual([]);
  });
});

describe("escapeHtml", () => {
  it("escapes & < > and double quotes", () => {
    expect(escapeHtml(`<b>"Tom" & Jerry</b>`)).toBe("&lt;b&gt;&quot;Tom&quot; &amp; Jerry&lt;/b&gt;");
  });

  it("escapes & first so entities are not double-escaped wrongly", () => {
    expect(escapeHtml("&lt;")).toBe("&amp;lt;");
  });

  it("leaves Vietnamese text and single quotes as they are", () => {
    expect(escapeHtml("Nguyễn Văn A's plan: sửa đổi")).toBe("Nguyễn Văn A's plan: sửa đổi");
    expect(escapeHtml("")).toBe("");
  });
});
