/**
 * Screens are data (issue 18): the form's screens are built in src/app/screens with no channel
 * in them — lines in the bot's markup and choices whose ids are the form's callback data as
 * always — and the Telegram renderer (src/bot/render.ts) makes the same HTML and inline keyboard
 * the bot always sent from them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { AssessmentView } from "../../src/app/assessment.js";
import { checklistKey } from "../../src/app/checklists.js";
import { assessmentScreen } from "../../src/app/screens/assessment.js";
import { newAssessment, transition, type AssessmentEvent, type AssessmentState } from "../../src/domain/assessment.js";
import { itemCodes, type Checklist } from "../../src/domain/checklist.js";
import { DEFAULT_CHECKLIST, loadChecklists } from "../../src/infra/checklists.js";
import { createI18n, type Translate } from "../../src/infra/i18n/index.js";
import { renderScreen } from "../../src/bot/render.js";

let t: Translate;
let checklist: Checklist;

beforeAll(async () => {
  t = (await createI18n("vi")).t("vi");
  checklist = loadChecklists().get(checklistKey(DEFAULT_CHECKLIST.code, DEFAULT_CHECKLIST.version))!;
});

function viewAfter(events: AssessmentEvent[]): AssessmentView {
  let state: AssessmentState = newAssessment(itemCodes(checklist));
  for (const event of events) {
    const next = transition(state, event, { today: "2026-11-22", locked: false });
    if (!next.ok) throw new Error(`refused: ${next.reason}`);
    state = next.state;
  }
  return {
    assessmentId: 41,
    checklist,
    state,
    today: "2026-11-22",
    locked: false,
    collective: false,
    round: { id: 5, title: "Đợt cuối năm", deadlineDay: "2026-12-15" } as AssessmentView["round"],
  };
}

const keyboardOf = (view: AssessmentView) => renderScreen(assessmentScreen(view, t, "vi"), "tusoi_bot").keyboard?.inline_keyboard;

describe("the form's screens", () => {
  it("are built without grammY", () => {
    const dir = join(__dirname, "../../src/app/screens");
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file), "utf8"), file).not.toMatch(/from "grammy|@grammyjs/);
  });

  it("the first question: three answers, one a row, the ids the form's callback data", () => {
    const screen = assessmentScreen(viewAfter([]), t, "vi");
    expect(screen.text).toContain("Câu 1/27");
    expect(screen.choices).toEqual([
      [{ label: "Không có", id: "1f:a:41:0:n", key: "1" }],
      [{ label: "Có, mức độ nhẹ", id: "1f:a:41:0:m", key: "2" }],
      [{ label: "Có, cần khắc phục", id: "1f:a:41:0:s", key: "3" }],
      [],
    ]);
    // Telegram's keyboard, as it always was: the empty last row included.
    expect(keyboardOf(viewAfter([]))).toEqual([
      [{ text: "Không có", callback_data: "1f:a:41:0:n" }],
      [{ text: "Có, mức độ nhẹ", callback_data: "1f:a:41:0:m" }],
      [{ text: "Có, cần khắc phục", callback_data: "1f:a:41:0:s" }],
      [],
    ]);
  });

  it("from the second question, 'Quay lại' under the answers", () => {
    const view = viewAfter([{ type: "answer", index: 0, value: "NONE" }]);
    expect(assessmentScreen(view, t, "vi").choices!.at(-1)).toEqual([{ label: "« Quay lại", id: "1f:b:41:1", key: "0" }]);
    expect(keyboardOf(view)!.at(-1)).toEqual([{ text: "« Quay lại", callback_data: "1f:b:41:1" }]);
  });

  it("the date screen's quick picks, and every id within Telegram's 64 bytes", () => {
    const events: AssessmentEvent[] = itemCodes(checklist).map((_, index) => ({ type: "answer", index, value: index === 0 ? "MINOR" : "NONE" }));
    const view = viewAfter([...events, { type: "continue" }, { type: "measure", code: itemCodes(checklist)[0]!, text: "Đọc kỹ văn bản trước khi ký" }]);
    const screen = assessmentScreen(view, t, "vi");
    const ids = screen.choices!.flat().map((c) => ("id" in c ? c.id : ""));
    expect(ids).toEqual(["1f:d:41:0:eom", "1f:d:41:0:m3", "1f:d:41:0:m6", "1f:d:41:0:eoy"]);
    for (const id of ids) expect(Buffer.byteLength(id)).toBeLessThanOrEqual(64);
  });
});

describe("the Telegram renderer", () => {
  it("makes a start choice a deep link, a url choice a link, and no keyboard without choices", () => {
    const rendered = renderScreen(
      {
        text: "x",
        choices: [
          [
            { label: "Mở", start: "tusoi" },
            { label: "Web", url: "https://example.org/a" },
          ],
        ],
      },
      "tusoi_bot",
    );
    expect(rendered.keyboard!.inline_keyboard).toEqual([
      [
        { text: "Mở", url: "https://t.me/tusoi_bot?start=tusoi" },
        { text: "Web", url: "https://example.org/a" },
      ],
    ]);
    expect(renderScreen({ text: "y" }, "tusoi_bot")).toEqual({ text: "y" });
  });
});
