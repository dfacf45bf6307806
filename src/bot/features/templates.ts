/**
 * /mau (/template): the checklist templates of the units the person manages (their cell, as
 * secretary or deputy; each committee where they are an officer): list, choose for new rounds
 * (a committee: for its campaigns), download as XLSX, import a file sent in private chat
 * (checked → preview → "Lưu mẫu"), delete an unused one. One list per unit; its buttons name it.
 * In private chat an officer's .xlsx or .json file is read as a template (with the caption
 * /mau or without); in a group only a file captioned /mau is answered, with a pointer to the
 * private chat, so the group's other files are left alone.
 */
import { Composer, InlineKeyboard, InputFile } from "grammy";
import {
  actorForFile,
  fileHandled,
  formatOf,
  importTemplateFile,
  listTemplates,
  templateAction,
  templateActors,
  type TemplateActor,
} from "../../app/templates.js";
import { TEMPLATE_LIMITS } from "../../domain/templates.js";
import { decodeTemplate, encodeTemplate, TEMPLATE_PATTERN } from "./templates.callbacks.js";
import { telegramFileDownloader } from "../file-download.js";
import type { BotContext } from "../context.js";
import { passText, type AwaitedTextHandlers } from "../awaited-text.js";
import { renderProblems, renderTemplateList, renderTemplatePreview } from "../presenters/templates.js";
import { local } from "../presenters/format.js";
import { callerOf, privateOnly, replyHtml, replyLong, requireMember } from "./shared.js";

export const templates = new Composer<BotContext>();

const CAPTION_COMMAND = /^\/(mau|template)(@\w+)?(\s|$)/i;
const megabytes = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MB`;

/**
 * The document's bytes from the Bot API (getFile, then the file URL), cut off one byte past
 * the 1 MB a template may have (an announced size that lies cannot fill memory).
 */
async function downloadDocument(ctx: BotContext): Promise<Uint8Array> {
  const file = await ctx.getFile();
  if (!file.file_path) throw new Error("getFile returned no file_path");
  const download = ctx.deps.downloadFile ?? telegramFileDownloader(ctx.api.token, "https://api.telegram.org", TEMPLATE_LIMITS.fileBytes);
  return download(file.file_path);
}

/** The units the sender manages templates for (empty: /mau is not theirs). */
async function actorsOf(ctx: BotContext): Promise<TemplateActor[]> {
  return ctx.user ? templateActors(ctx.deps.app, ctx.user.id, await ctx.membership()) : [];
}

templates.on("message:document", async (ctx, next) => {
  const captioned = CAPTION_COMMAND.test((ctx.msg.caption ?? "").trim());
  const fileName = ctx.msg.document.file_name ?? "";
  if (ctx.chat.type !== "private") return captioned ? replyHtml(ctx, ctx.t("templates:groupRefused")) : next();
  const actors = await actorsOf(ctx);
  if (actors.length === 0) {
    if (!captioned) return next();
    return (await ctx.membership()) ? replyHtml(ctx, ctx.t("templates:forbidden")) : requireMember(ctx);
  }
  if (!captioned && !formatOf(fileName)) return next();
  const awaiting = ctx.user?.awaiting ?? null;
  const actor = actorForFile(actors, awaiting);
  if (actor === "ambiguous" || actor === null) return replyHtml(ctx, ctx.t("templates:chooseUnit"));
  let result;
  try {
    result = await importTemplateFile(ctx.deps.app, actor, { fileName, size: ctx.msg.document.file_size ?? null, download: () => downloadDocument(ctx) });
  } catch (error) {
    ctx.deps.logger.warn({ err: error }, "template file could not be fetched or read");
    return replyHtml(ctx, ctx.t("templates:downloadFailed"));
  }
  await fileHandled(ctx.deps.app, actor.userId, awaiting);
  switch (result.kind) {
    case "preview":
      return replyHtml(ctx, renderTemplatePreview(ctx.t, ctx.locale, result.draftId, result.draft, result.version, actor));
    case "problems":
      return replyLong(ctx, renderProblems(ctx.t, fileName, result.problems, result.format));
    case "unreadable":
      return replyHtml(ctx, ctx.t(`templates:unreadable.${result.reason}`, { detail: result.detail ?? "", maxItems: TEMPLATE_LIMITS.maxItems }));
    case "tooLarge":
      return replyHtml(ctx, ctx.t("templates:tooLarge", { max: megabytes(result.maxBytes) }));
    case "unsupported":
      return replyHtml(ctx, ctx.t("templates:unsupported"));
    case "forbidden":
      return replyHtml(ctx, ctx.t("templates:forbidden"));
  }
});

templates.command(["mau", "template"], async (ctx) => {
  if (ctx.chat.type !== "private") return privateOnly(ctx, ctx.t("error.privateOnly"));
  const actors = await actorsOf(ctx);
  if (actors.length === 0) return (await ctx.membership()) ? replyHtml(ctx, ctx.t("templates:forbidden")) : requireMember(ctx);
  // One list per unit the person manages: the cell's first, then each committee's.
  for (const actor of actors) {
    const result = await listTemplates(ctx.deps.app, actor);
    if (result.kind === "list") await replyLong(ctx, renderTemplateList(ctx.t, ctx.locale, actor, result.entries, result.chosen));
  }
});

templates.callbackQuery(TEMPLATE_PATTERN, async (ctx) => {
  const action = decodeTemplate(ctx.callbackQuery.data);
  if (!action) return ctx.answerCallbackQuery({ text: ctx.t("error.badButton") });
  // The use case checks the place and that the unit the button names is one the presser manages now.
  const answer = await templateAction(ctx.deps.app, callerOf(ctx), action);
  if (answer.kind === "privateOnly") return ctx.answerCallbackQuery({ text: ctx.t("error.privateButton") });
  if (answer.kind === "forbidden") return ctx.answerCallbackQuery({ text: ctx.t("templates:forbidden") });
  const { actor } = answer;
  await ctx.answerCallbackQuery();
  switch (answer.kind) {
    case "importExpected":
      return replyHtml(ctx, `${ctx.t("templates:importPrompt")}\n\n${ctx.t("templates:importPromptFor", { unit: actor.unitName })}`);
    case "use": {
      const { result } = answer;
      if (result.kind !== "chosen") return replyHtml(ctx, ctx.t(`templates:${result.kind}`));
      const values = { name: local(result.entry.name, ctx.locale), version: result.entry.version, count: result.entry.itemCount, committee: actor.unitName };
      return replyHtml(ctx, ctx.t(actor.owner.kind === "COMMITTEE" ? "templates:chosenCommittee" : "templates:chosen", values));
    }
    case "download": {
      const { result } = answer;
      if (result.kind !== "file") return replyHtml(ctx, ctx.t(`templates:${result.kind}`));
      const caption = ctx.t("templates:downloadCaption", {
        name: local(result.entry.name, ctx.locale),
        code: result.entry.code,
        version: result.entry.version,
      });
      return ctx.replyWithDocument(new InputFile(result.bytes, result.fileName), { caption, parse_mode: "HTML" });
    }
    case "delete": {
      if (action.action !== "delete") return;
      return replyHtml(ctx, ctx.t(`templates:${answer.result.kind}`, { code: action.code }));
    }
    case "save": {
      const { result } = answer;
      if (result.kind === "saved") {
        const keyboard = new InlineKeyboard().text(ctx.t("templates:useButton"), encodeTemplate({ action: "use", code: result.code, unit: actor.owner }));
        return replyHtml(ctx, {
          text: ctx.t("templates:saved", { name: local(result.name, ctx.locale), code: result.code, version: result.version, count: result.itemCount }),
          keyboard,
        });
      }
      if (result.kind === "codeTaken") return replyHtml(ctx, ctx.t("templates:codeTakenOnSave", { code: result.code }));
      return replyHtml(ctx, ctx.t(`templates:${result.kind}`));
    }
  }
});

/** A template is awaited as a file: typed text meanwhile is not its answer and passes on. */
export const templatesTexts: AwaitedTextHandlers = { template: passText };
