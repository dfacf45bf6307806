/**
 * The text-only channel's renderer (issue 18 step 4, issue 20 "Screens as numbered text"): plain
 * text, numbered choices in reading order (the form: 1, 2, 3 and 0 from the second item), parts
 * within Zalo's 2,000 characters split between lines, and the last screen's choices stored so a
 * typed number maps back to the choice id.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { AssessmentView } from "../../src/app/assessment.js";
import { kindOf } from "../../src/app/awaited-input.js";
import { checklistKey } from "../../src/app/checklists.js";
import { assessmentScreen } from "../../src/app/screens/assessment.js";
import { choiceForTyped, plainText, renderText, screenAwaiting, storedChoices } from "../../src/channels/text-render.js";
import { newAssessment, transition, type AssessmentState } from "../../src/domain/assessment.js";
import { itemCodes, type Checklist } from "../../src/domain/checklist.js";
import { DEFAULT_CHECKLIST, loadChecklists } from "../../src/infra/checklists.js";
import { createI18n, type Translate } from "../../src/infra/i18n/index.js";

let t: Translate;
let checklist: Checklist;

beforeAll(async () => {
  t = (await createI18n("vi")).t("vi");
  checklist = loadChecklists().get(checklistKey(DEFAULT_CHECKLIST.code, DEFAULT_CHECKLIST.version))!;
});

function formAt(answered: number): AssessmentView {
  let state: AssessmentState = newAssessment(itemCodes(checklist));
  for (let index = 0; index < answered; index++) {
    const next = transition(state, { type: "answer", index, value: "NONE" }, { today: "2026-11-22", locked: false });
    if (!next.ok) throw new Error(next.reason);
    state = next.state;
  }
  return {
    assessmentId: 41,
    checklist,
    state,
    today: "2026-11-22",
    locked: false,
    collective: false,
    round: { id: 5, title: 'Đợt <cuối> năm & "tổng kết"', deadlineDay: "2026-12-15" } as AssessmentView["round"],
  };
}

describe("the form as numbered text (the Zalo contract)", () => {
  it("the first item: Câu 1/27, the item's text, then 1, 2, 3 — no 0", () => {
    const rendered = renderText(assessmentScreen(formAt(0), t, "vi"));
    expect(rendered.parts).toHaveLength(1);
    const text = rendered.parts[0]!;
    expect(text).toContain("Câu 1/27");
    expect(text).not.toMatch(/<\/?[a-z]+>|&amp;|&lt;|&quot;/);
    expect(text).toContain('Đợt <cuối> năm & "tổng kết"');
    expect(text.split("\n").slice(-3)).toEqual(["1. Không có", "2. Có, mức độ nhẹ", "3. Có, cần khắc phục"]);
    expect(rendered.choices).toEqual([
      { key: "1", id: "1f:a:41:0:n" },
      { key: "2", id: "1f:a:41:0:m" },
      { key: "3", id: "1f:a:41:0:s" },
    ]);
  });

  it("from the second item, 0. Quay lại after the answers", () => {
    const rendered = renderText(assessmentScreen(formAt(1), t, "vi"));
    expect(rendered.parts[0]!).toContain("Câu 2/27");
    expect(rendered.parts[0]!.split("\n").slice(-4)).toEqual(["1. Không có", "2. Có, mức độ nhẹ", "3. Có, cần khắc phục", "0. Quay lại"]);
    expect(rendered.choices.map((c) => c.key)).toEqual(["1", "2", "3", "0"]);
  });
});

describe("any screen", () => {
  it("a button's leading decoration is dropped after the number, a trailing mark kept", () => {
    expect(
      renderText({
        text: "x",
        choices: [
          [
            { label: "✅ Nộp bản tự soi", id: "s" },
            { label: "1.2 •", id: "c" },
            { label: "‹ Trang trước", id: "p" },
          ],
        ],
      }).parts[0],
    ).toBe("x\n\n1. Nộp bản tự soi\n2. 1.2 •\n3. Trang trước");
  });

  it("choices without a key are numbered in reading order, row by row, skipping keys taken", () => {
    const rendered = renderText({
      text: "Chọn",
      choices: [
        [
          { label: "A", id: "a" },
          { label: "B", id: "b", key: "1" },
        ],
        [],
        [
          { label: "C", id: "c" },
          { label: "Web", url: "https://x.vn/a" },
        ],
        [{ label: "Bắt đầu", start: "tusoi" }],
      ],
    });
    expect(rendered.parts).toEqual(["Chọn\n\n2. A\n1. B\n3. C\nWeb: https://x.vn/a\nBắt đầu: /tusoi"]);
    expect(rendered.choices).toEqual([
      { key: "2", id: "a" },
      { key: "1", id: "b" },
      { key: "3", id: "c" },
    ]);
  });

  it("markup becomes plain text: tags stripped, entities decoded, a link as label: url", () => {
    expect(plainText('<b>Đậm</b> &amp; <i>nghiêng</i> &lt;x&gt; &quot;q&quot; <a href="https://a.vn/f/1">Tải về</a> <code>c</code>')).toBe(
      'Đậm & nghiêng <x> "q" Tải về: https://a.vn/f/1 c',
    );
  });

  it("a long text is split between lines within the limit, nothing lost", () => {
    const lines = Array.from({ length: 120 }, (_, i) => `Dòng ${i + 1}: ${"chữ ".repeat(10)}`.trim());
    const rendered = renderText({ text: lines.join("\n"), choices: [[{ label: "Nộp", id: "s" }]] });
    expect(rendered.parts.length).toBeGreaterThan(1);
    for (const part of rendered.parts) expect(part.length).toBeLessThanOrEqual(2000);
    expect(rendered.parts.join("\n").split("\n").filter(Boolean)).toEqual([...lines, "1. Nộp"]);
  });
});

describe("the last screen's choices, stored on the person", () => {
  const form = () => renderText(assessmentScreen(formAt(1), t, "vi"));

  it("are stored as the awaited kind 'screen', and a typed number maps back to its id", () => {
    const stored = screenAwaiting(null, form())!;
    expect(kindOf(stored)).toBe("screen");
    expect(storedChoices(stored)).toEqual(form().choices);
    expect(choiceForTyped(stored, "2")).toBe("1f:a:41:1:m");
    expect(choiceForTyped(stored, " 0. ")).toBe("1f:b:41:1");
    expect(choiceForTyped(stored, "4")).toBeNull();
    expect(choiceForTyped(stored, "hai")).toBeNull();
    expect(choiceForTyped(null, "1")).toBeNull();
  });

  it("a screen without choices clears them; another awaited input is never overwritten", () => {
    const stored = screenAwaiting(null, form())!;
    expect(screenAwaiting(stored, renderText({ text: "Đã lưu." }))).toBeNull();
    expect(screenAwaiting(null, renderText({ text: "Đã lưu." }))).toBeUndefined();
    expect(screenAwaiting('{"v":1,"k":"name"}', form())).toBeUndefined();
  });
});
