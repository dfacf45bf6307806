/**
 * The member's current form screen (/tusoi), as data: lines in the bot's markup and choice rows
 * whose ids are the form's choice ids (choice-ids.ts). Pure: data in, screen out; every string
 * from locales through the translator given. Telegram renders it with an inline keyboard
 * (src/bot/render.ts); a text channel with numbered choices (src/channels/text-render.ts).
 */
import { ANSWER_VALUES, MEASURE_MAX_LENGTH, MEASURE_MIN_LENGTH, answerOf, markedCodes } from "../../domain/assessment.js";
import { addMonths, endOfMonth, endOfYear, formatDay, type Day } from "../../domain/calendar.js";
import { checklistItems, type PositionedItem } from "../../domain/checklist.js";
import { shorten } from "../../domain/text.js";
import type { AssessmentView } from "../assessment.js";
import type { Locale } from "../../config.js";
import type { Screen } from "../messages.js";
import { encodeForm, type QuickPick } from "./choice-ids.js";
import { formatTime, local } from "./format.js";
import { ChoiceRows, escapeMarkup as escapeHtml, PAGE_BUDGET, type Translate } from "./screen.js";

/** Measures on the confirm and submitted screens are cut to this many characters (read whole with "Sửa" or /tusua). */
export const MEASURE_PREVIEW = 200;

/** About how long a form of `items` items takes: some 20 seconds an item, in whole 5 minutes (at least 5). */
export const minutesFor = (items: number): number => Math.max(5, Math.ceil((items * 20) / 60 / 5) * 5);

/**
 * What a member reads before the form's question when they press "Bắt đầu tự soi" (or a
 * reminder's button): the round, how many items, about how long, and that they can stop and go
 * on later. Null when the form is not at a question of an unsubmitted form of the member's own.
 */
export function assessmentIntro(view: AssessmentView, t: Translate): string | null {
  const { state } = view;
  if (view.locked || view.collective || state.status !== "DRAFT" || state.editing || state.screen.kind !== "question") return null;
  const count = state.codes.length;
  const answered = state.codes.filter((code) => answerOf(state, code)?.value !== undefined).length;
  const base = { title: view.round.title, deadline: formatDay(view.round.deadlineDay), count, minutes: minutesFor(count) };
  return answered === 0 ? t("assessment:question.intro", base) : t("assessment:question.introResumed", { ...base, answered });
}

/** The day a quick pick stands for, counted from the member's today. */
export function quickPickDay(pick: QuickPick, today: Day): Day {
  switch (pick) {
    case "eom":
      return endOfMonth(today);
    case "m3":
      return addMonths(today, 3);
    case "m6":
      return addMonths(today, 6);
    case "eoy":
      return endOfYear(today);
  }
}

const byCodeOf = new WeakMap<AssessmentView["checklist"], Map<string, PositionedItem>>();

/** The checklist's items by code (built once per checklist: a loaded checklist never changes). */
function itemsByCode(view: AssessmentView): Map<string, PositionedItem> {
  let map = byCodeOf.get(view.checklist);
  if (!map) byCodeOf.set(view.checklist, (map = new Map(checklistItems(view.checklist).map((item) => [item.code, item]))));
  return map;
}

function roundLine(view: AssessmentView, t: Translate): string {
  return t("assessment:question.round", { title: view.round.title, deadline: formatDay(view.round.deadlineDay) });
}

/** One line per marked item; measures shortened so the screen stays within Telegram's limit. */
function planLines(view: AssessmentView, t: Translate, locale: Locale): { lines: string[]; shortened: boolean } {
  const items = itemsByCode(view);
  let shortened = false;
  const lines = markedCodes(view.state).map((code) => {
    const answer = answerOf(view.state, code)!;
    const measure = answer.measure ? shorten(answer.measure, MEASURE_PREVIEW) : "—";
    if (answer.measure && measure !== answer.measure) shortened = true;
    return t("assessment:confirm.line", {
      code,
      short: local(items.get(code)!.short, locale),
      answer: t(`answer.${answer.value}`),
      measure,
      date: answer.targetDate ? formatDay(answer.targetDate) : "—",
    });
  });
  return { lines, shortened };
}

/**
 * Packs item lines into pages that fit one message with their header and footer, and
 * returns page `page` (clamped) with the page count.
 */
function pageOf(header: string[], items: string[], footer: string[], page: number): { lines: string[]; page: number; pages: number } {
  const fixed = [...header, ...footer].join("\n").length + 40;
  const pages: string[][] = [[]];
  let size = fixed;
  for (const line of items) {
    if (size + line.length + 1 > PAGE_BUDGET && pages.at(-1)!.length > 0) {
      pages.push([]);
      size = fixed;
    }
    pages.at(-1)!.push(line);
    size += line.length + 1;
  }
  const index = Math.min(Math.max(page, 0), pages.length - 1);
  return { lines: [...header, ...pages[index]!, ...footer], page: index, pages: pages.length };
}

/** "‹ Trang trước" / "Trang sau ›" choices of a paged screen. */
function pageButtons(choices: ChoiceRows, t: Translate, id: number, page: number, pages: number): void {
  if (pages <= 1) return;
  choices.row();
  if (page > 0) choices.choice(t("assessment:page.previous"), encodeForm({ action: "page", id, index: page - 1 }));
  if (page < pages - 1) choices.choice(t("assessment:page.next"), encodeForm({ action: "page", id, index: page + 1 }));
}

/** Above every screen: whose form this is (the collective's), and whether a filed form is being edited. */
function banner(view: AssessmentView, t: Translate): string[] {
  return [...(view.collective ? [t("assessment:collective.banner"), ""] : []), ...(view.state.editing ? [t("assessment:question.editingBanner"), ""] : [])];
}

/** Renders whatever screen the state is on (`page`: which page of a long confirm or submitted screen). */
export function assessmentScreen(view: AssessmentView, t: Translate, locale: Locale, page = 0): Screen {
  const { state } = view;
  const id = view.assessmentId;
  const items = checklistItems(view.checklist);
  const screen = state.screen;

  switch (screen.kind) {
    case "question": {
      const item = items[screen.index]!;
      const current = answerOf(state, item.code);
      const lines = [
        ...banner(view, t),
        t("assessment:question.header", { n: screen.index + 1, total: items.length, group: local(item.group.shortTitle, locale) }),
        roundLine(view, t),
        "",
        `<b>${escapeHtml(item.code)}.</b> ${escapeHtml(local(item.text, locale))}${item.verbatim ? "" : ` <i>${t("notVerbatim")}</i>`}`,
      ];
      if (current) lines.push("", t("assessment:question.current", { answer: t(`answer.${current.value}`) }));
      const choices = new ChoiceRows();
      // Typed on a text channel as 1, 2, 3 and 0 on every item (issue 20), whatever else the screen shows.
      ANSWER_VALUES.forEach((value, i) =>
        choices.choice(t(`answer.${value}`), encodeForm({ action: "answer", id, index: screen.index, value }), String(i + 1)).row(),
      );
      if (screen.index > 0) choices.choice(t("back"), encodeForm({ action: "back", id, index: screen.index }), "0");
      return { text: lines.join("\n"), choices: choices.rows };
    }
    case "review": {
      const marked = markedCodes(state);
      const byCode = itemsByCode(view);
      const lines = [...banner(view, t), t("assessment:review.title"), roundLine(view, t), "", t("assessment:review.intro", { total: items.length })];
      if (marked.length === 0) lines.push(t("assessment:review.none"));
      for (const code of marked) {
        lines.push(`• ${escapeHtml(code)}. ${escapeHtml(local(byCode.get(code)!.short, locale))} — <i>${t(`answer.${answerOf(state, code)!.value}`)}</i>`);
      }
      lines.push("", marked.length === 0 ? t("assessment:review.submitHint") : t("assessment:review.planHint"));
      const choices = new ChoiceRows().choice(t("assessment:review.change"), encodeForm({ action: "pick", id })).row();
      if (marked.length === 0) choices.choice(t("assessment:confirm.submit"), encodeForm({ action: "submit", id }));
      else choices.choice(t("assessment:review.continue"), encodeForm({ action: "continue", id }));
      return { text: lines.join("\n"), choices: choices.rows };
    }
    case "pick": {
      const choices = new ChoiceRows();
      items.forEach((item, index) => {
        const answer = answerOf(state, item.code);
        const mark = answer && answer.value !== "NONE" ? " •" : "";
        choices.choice(`${item.code}${mark}`, encodeForm({ action: "change", id, index }));
        if (index % 5 === 4) choices.row();
      });
      choices.row().choice(t("assessment:pick.backToReview"), encodeForm({ action: "review", id }));
      return {
        text: [...(view.collective ? [t("assessment:collective.banner"), ""] : []), t("assessment:review.title"), "", t("assessment:pick.title")].join("\n"),
        choices: choices.rows,
      };
    }
    case "measure": {
      const item = itemsByCode(view).get(screen.code)!;
      const marked = markedCodes(state);
      const answer = answerOf(state, screen.code)!;
      const lines = [
        ...banner(view, t),
        t("assessment:measure.title", { n: marked.indexOf(screen.code) + 1, count: marked.length }),
        t("assessment:measure.item", { code: item.code, short: local(item.short, locale), answer: t(`answer.${answer.value}`) }),
        "",
        t("assessment:measure.prompt", { min: MEASURE_MIN_LENGTH, max: MEASURE_MAX_LENGTH }),
      ];
      let choices: ChoiceRows | undefined;
      if (answer.measure) {
        lines.push("", t("assessment:measure.current", { measure: answer.measure }));
        choices = new ChoiceRows().choice(t("assessment:measure.keep"), encodeForm({ action: "keep", id, index: item.index }));
      }
      return choices ? { text: lines.join("\n"), choices: choices.rows } : { text: lines.join("\n") };
    }
    case "date": {
      const item = itemsByCode(view).get(screen.code)!;
      const choices = new ChoiceRows();
      const labels: Record<QuickPick, string> = {
        eom: "assessment:date.endOfMonth",
        m3: "assessment:date.threeMonths",
        m6: "assessment:date.sixMonths",
        eoy: "assessment:date.endOfYear",
      };
      // One button per date: in December "Cuối tháng này" is "Cuối năm", which alone is offered.
      const picks = (["eom", "m3", "m6", "eoy"] as const).map((pick) => ({ pick, day: quickPickDay(pick, view.today) }));
      picks.forEach(({ pick, day }, i) => {
        if (picks.slice(i + 1).some((later) => later.day === day)) return;
        choices.choice(t(labels[pick], { date: formatDay(day) }), encodeForm({ action: "date", id, index: item.index, pick })).row();
      });
      const text = [
        ...banner(view, t),
        t("assessment:date.title", { code: item.code, short: local(item.short, locale) }),
        "",
        t("assessment:date.prompt"),
      ].join("\n");
      return { text, choices: choices.rows };
    }
    case "confirm": {
      const header = [...banner(view, t), t("assessment:confirm.title"), roundLine(view, t), ""];
      const marked = markedCodes(state);
      if (marked.length === 0) header.push(t("assessment:confirm.none"));
      else header.push(t("assessment:confirm.intro"), "");
      const plan = planLines(view, t, locale);
      const footer = plan.shortened ? ["", t("assessment:confirm.shortened")] : [];
      const paged = pageOf(header, plan.lines, footer, page);
      if (paged.pages > 1) paged.lines.push("", t("assessment:page.indicator", { page: paged.page + 1, pages: paged.pages }));
      const choices = new ChoiceRows();
      const byCode = itemsByCode(view);
      marked.forEach((code, i) => {
        choices.choice(t("assessment:confirm.editItem", { code }), encodeForm({ action: "editPlan", id, index: byCode.get(code)!.index }));
        if (i % 3 === 2) choices.row();
      });
      pageButtons(choices, t, id, paged.page, paged.pages);
      choices.row().choice(t("assessment:confirm.changeAnswers"), encodeForm({ action: "pick", id }));
      // On every page: submitting must always be reachable.
      choices.row().choice(t("assessment:confirm.submit"), encodeForm({ action: "submit", id }));
      return { text: paged.lines.join("\n"), choices: choices.rows };
    }
    case "submitted": {
      const marked = markedCodes(state);
      const header = [
        ...(view.collective ? [t("assessment:collective.banner"), ""] : []),
        t(view.collective ? "assessment:collective.submittedTitle" : "assessment:submitted.title", { title: view.round.title }),
        "",
      ];
      if (marked.length === 0) header.push(t("assessment:confirm.none"));
      const plan = planLines(view, t, locale);
      const footer = [
        "",
        view.locked
          ? t("assessment:submitted.readOnly", { deadline: formatDay(view.round.deadlineDay) })
          : t("assessment:submitted.editable", { deadline: formatDay(view.round.deadlineDay) }),
      ];
      if (plan.shortened) footer.push(t("assessment:submitted.shortened"));
      const paged = pageOf(header, plan.lines, footer, page);
      if (paged.pages > 1) paged.lines.push("", t("assessment:page.indicator", { page: paged.page + 1, pages: paged.pages }));
      const choices = new ChoiceRows();
      pageButtons(choices, t, id, paged.page, paged.pages);
      if (!view.locked) choices.row().choice(t("assessment:submitted.edit"), encodeForm({ action: "reopen", id }));
      const text = paged.lines.join("\n");
      return choices.count > 0 ? { text, choices: choices.rows } : { text };
    }
  }
}

/** The line shown right after a successful submission, above the summary. */
export function submittedNotice(at: Date, t: Translate, timeZone: string): string {
  return t("assessment:submitted.done", { time: formatTime(at, timeZone) });
}
