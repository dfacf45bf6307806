/** /mau screens: the template list, an import's preview, and every problem of a file with its row and column. */
import { InlineKeyboard } from "grammy";
import type { TemplateActor, TemplateEntry } from "../../app/templates.js";
import type { TemplateFileFormat } from "../../app/ports/template-files.js";
import type { Locale } from "../../config.js";
import { checklistItems } from "../../domain/checklist.js";
import type { TemplateDraft, TemplateProblem } from "../../domain/templates.js";
import { escapeHtml, type Translate } from "../../infra/i18n/index.js";
import { encodeTemplate } from "../callback-data.js";
import { shorten } from "../limits.js";
import type { Rendered } from "../render.js";
import { local } from "./format.js";

/** Problems listed in one answer; the rest are counted ("… và 12 lỗi khác"). */
export const PROBLEMS_SHOWN = 40;
const PREVIEW_ITEMS = 5;
const BUTTON_NAME = 40;

/** One unit's templates (a cell's or a committee's), with buttons that name the unit. */
export function renderTemplateList(
  t: Translate,
  locale: Locale,
  actor: TemplateActor,
  entries: TemplateEntry[],
  chosen: { code: string; version: number },
): Rendered {
  const committee = actor.owner.kind === "COMMITTEE";
  const lines = [committee ? t("templates:list.titleCommittee", { committee: actor.unitName }) : t("templates:list.title", { cell: actor.unitName }), ""];
  const keyboard = new InlineKeyboard();
  const unit = actor.owner;
  for (const e of entries) {
    const isChosen = e.code === chosen.code;
    const origin = e.builtIn
      ? t("templates:list.builtIn")
      : e.own
        ? t(committee ? "templates:list.ownCommittee" : "templates:list.own")
        : t("templates:list.higher", { name: shorten(e.ownerName, 100) });
    lines.push(
      t("templates:list.entry", {
        mark: isChosen ? "✅" : "▫️",
        name: shorten(local(e.name, locale), 200),
        code: e.code,
        version: e.version,
        count: e.itemCount,
        origin,
      }),
    );
    if (!isChosen) keyboard.text(shorten(t("templates:list.use", { code: e.code }), BUTTON_NAME), encodeTemplate({ action: "use", code: e.code, unit }));
    keyboard.text(shorten(t("templates:list.download", { code: e.code }), BUTTON_NAME), encodeTemplate({ action: "download", code: e.code, unit }));
    if (e.own) keyboard.text(shorten(t("templates:list.delete", { code: e.code }), BUTTON_NAME), encodeTemplate({ action: "delete", code: e.code, unit }));
    keyboard.row();
  }
  keyboard.text(t("templates:list.import"), encodeTemplate({ action: "import", unit }));
  lines.push("", t(committee ? "templates:list.howToCommittee" : "templates:list.howTo"));
  return { text: lines.join("\n"), keyboard };
}

export function renderTemplatePreview(t: Translate, locale: Locale, draftId: number, draft: TemplateDraft, version: number, actor?: TemplateActor): Rendered {
  const lines = [
    t("templates:preview.title"),
    "",
    t("templates:preview.name", { name: local(draft.name, locale) }),
    t("templates:preview.code", { code: draft.code, version }),
    t("templates:preview.count", { count: draft.itemCount }),
    "",
    t("templates:preview.groups"),
    ...draft.groups.map((g) => t("templates:preview.group", { title: shorten(local(g.title, locale), 120), count: g.items.length })),
    "",
    t("templates:preview.first"),
    ...checklistItems({ code: draft.code, version, title: draft.name, source: { vi: "", en: "" }, groups: draft.groups })
      .slice(0, PREVIEW_ITEMS)
      .map((i) => t("templates:preview.item", { code: i.code, text: shorten(local(i.text, locale), 160) })),
    ...(actor?.owner.kind === "COMMITTEE" ? ["", t("templates:preview.forCommittee", { committee: actor.unitName })] : []),
    "",
    t("templates:preview.save"),
  ];
  return {
    text: lines.join("\n"),
    keyboard: new InlineKeyboard().text(
      t("templates:preview.saveButton"),
      encodeTemplate({ action: "save", id: draftId, ...(actor ? { unit: actor.owner } : {}) }),
    ),
  };
}

/** "Dòng 7, cột Mã: 1.10 trùng với dòng 5." */
export function problemLine(t: Translate, problem: TemplateProblem, format: TemplateFileFormat): string {
  let place: string;
  if (problem.sheet === "items") {
    place = t(format === "xlsx" ? "templates:problems.rowXlsx" : "templates:problems.rowJson", {
      row: problem.row,
      column: t(`templates:column.${problem.column}`),
    });
  } else if (problem.sheet === "info") {
    const field = t(`templates:field.${problem.field}`);
    place = problem.row !== null ? t("templates:problems.infoRow", { row: problem.row, field }) : t("templates:problems.infoMissing", { field });
  } else {
    place = t("templates:problems.file");
  }
  const value = "value" in problem ? shorten(problem.value, 40) : undefined;
  let key: string = problem.kind;
  if (problem.kind === "badCode" && problem.sheet === "info") key = "badTemplateCode";
  if (problem.kind === "duplicate" && format === "json") key = "duplicateJson";
  if (problem.kind === "codeTaken" && problem.builtIn) key = "codeTakenBuiltIn";
  return t("templates:problems.line", { place, message: t(`templates:problems.${key}`, { ...problem, value }) });
}

/** Every problem of a file (the first PROBLEMS_SHOWN, then how many more), in the user's words. */
export function renderProblems(t: Translate, fileName: string, problems: TemplateProblem[], format: TemplateFileFormat): string {
  const lines = [t("templates:problems.title", { file: shorten(fileName, 60), count: problems.length }), ""];
  for (const p of problems.slice(0, PROBLEMS_SHOWN)) lines.push(`• ${problemLine(t, p, format)}`);
  if (problems.length > PROBLEMS_SHOWN) lines.push(t("templates:problems.more", { count: problems.length - PROBLEMS_SHOWN }));
  return lines.join("\n");
}

export const templateName = (locale: Locale, name: { vi: string; en: string }): string => escapeHtml(local(name, locale));
