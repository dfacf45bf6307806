/**
 * Units not on the bot (issue 19): `/themdonvi <tên>` in the committee's group (officers) and
 * `/nhapso` in private (which unit, then its figures step by step). The use cases are
 * app/entered-units.ts. Refusals in a group go to the asker privately.
 */
import { Composer, GrammyError, InlineKeyboard, InputFile } from "grammy";
import { committeeActor, committeeOfGroup, officerCommittees, type CommitteeActor } from "../../app/committee.js";
import {
  addEnteredUnit,
  enterChoices,
  entryAnswer,
  importItemSheet,
  itemSheet,
  parseAwaitingEntry,
  parseAwaitingItemSheet,
  startEntry,
  type ItemSheetResult,
} from "../../app/entered-units.js";
import { encodeEnterUnit, encodeItemSheet, enterUnitData, itemSheetData } from "./entered-units.callbacks.js";
import type { BotContext } from "../context.js";
import { describeEntry } from "../../app/conversation-entered.js";
import { PASS, passText, type AwaitedTextHandlers, type TypedTextContext } from "../awaited-text.js";
import { shorten } from "../limits.js";
import { groupOf, onPress, privateOnly, refuse, replyHtml, replyLong } from "./shared.js";

export const enteredUnits = new Composer<BotContext>();

enteredUnits.command(["themdonvi", "addunit"], async (ctx) => {
  if (ctx.chat.type === "private") return replyHtml(ctx, ctx.t("error.groupOnly"));
  const found = await committeeOfGroup(ctx.deps.app, groupOf(ctx.chat));
  const actor = found && (await committeeActor(ctx.deps.app, found, ctx.user!.id));
  const result = await addEnteredUnit(ctx.deps.app, actor, ctx.match);
  if (result.kind === "forbidden") return refuse(ctx, ctx.t("meeting:units.forbidden"));
  if (result.kind === "added" || result.kind === "exists")
    return replyHtml(ctx, ctx.t(`meeting:units.${result.kind}`, { name: result.unit.name, committee: found!.name }));
  return replyHtml(ctx, ctx.t(`meeting:units.${result.kind}`));
});

enteredUnits.command(["nhapso", "enter"], async (ctx) => {
  if (ctx.chat.type !== "private") return privateOnly(ctx, ctx.t("meeting:units.privateOnly"));
  const result = await enterChoices(ctx.deps.app, await officerCommittees(ctx.deps.app, ctx.user!.id));
  if (result.kind === "forbidden") return replyHtml(ctx, ctx.t("meeting:units.enterForbidden"));
  if (result.kind !== "choose") return replyHtml(ctx, ctx.t(`meeting:units.${result.kind}`));
  const keyboard = new InlineKeyboard();
  for (const { actor, unit } of result.units.slice(0, 60)) {
    keyboard
      .text(shorten(ctx.t("meeting:units.unitButton", { name: unit.name, committee: actor.committee.name }), 60), encodeEnterUnit(actor.committeeId, unit.id))
      .row();
  }
  return replyHtml(ctx, { text: ctx.t("meeting:units.choose", { title: result.units[0]!.campaign.title }), keyboard });
});

/** The presser's place on the roster of the committee a button names (null: not on it, or no such committee). */
async function actorFor(ctx: BotContext, committeeId: number): Promise<CommitteeActor | null> {
  const found = await ctx.deps.app.committees.findCommittee(committeeId);
  return found && committeeActor(ctx.deps.app, found, ctx.user!.id);
}

onPress(enteredUnits, enterUnitData, async (ctx, { committeeId, unitId }) => {
  const result = await startEntry(ctx.deps.app, await actorFor(ctx, committeeId), unitId);
  if (result.kind !== "ask") return ctx.answerCallbackQuery({ text: describeEntry(ctx.t, result) });
  await ctx.answerCallbackQuery();
  return replyHtml(ctx, describeEntry(ctx.t, result));
});

/** The typed figures (awaited "enter"; any command drops the pending questions). */
async function entryText(ctx: TypedTextContext, awaiting: string) {
  const pending = parseAwaitingEntry(awaiting);
  if (!pending) return PASS;
  const result = await entryAnswer(ctx.deps.app, await actorFor(ctx, pending.committeeId), ctx.user!.id, awaiting, ctx.message.text);
  // Saved: the item counts may follow, on the sheet the bot gives.
  if (result.kind === "saved") {
    return replyHtml(ctx, {
      text: describeEntry(ctx.t, result),
      keyboard: new InlineKeyboard().text(ctx.t("meeting:units.sheetButton"), encodeItemSheet(pending.committeeId, result.unit.id)),
    });
  }
  return replyHtml(ctx, describeEntry(ctx.t, result));
}

/** The typed text entering a unit answers; its item sheet is a file (itemSheetFiles), so typed text passes on. */
export const enteredUnitsTexts: AwaitedTextHandlers = { enter: entryText, isheet: passText };

/** The words for an item-sheet outcome (the sheet itself is sent as a document). */
function describeSheet(ctx: BotContext, result: Exclude<ItemSheetResult, { kind: "sheet" }>): string {
  const t = ctx.t;
  switch (result.kind) {
    case "saved":
      return t("meeting:units.sheetSaved", { name: result.unit.name, title: result.campaign.title, items: result.items, members: result.members });
    case "problems":
      return [
        t("meeting:units.sheetProblems"),
        ...result.problems.slice(0, 60).map((p) =>
          t(`meeting:units.sheetProblem.${p.kind}`, {
            ...p,
            column: t(`meeting:units.sheetColumn.${p.column}`),
          }),
        ),
      ].join("\n");
    case "unreadable":
      return t(`meeting:units.sheetUnreadable.${result.reason}`, { detail: result.detail ?? "" });
    case "tooLarge":
      return t("meeting:units.sheetTooLarge", { max: `${Math.round(result.maxBytes / (1024 * 1024))} MB` });
    case "forbidden":
      return t("meeting:units.enterForbidden");
    default:
      return t(`meeting:units.${result.kind}`);
  }
}

/** "Nhập số biểu hiện": the sheet to fill, in private; the next .xlsx there is read back. */
onPress(enteredUnits, itemSheetData, async (ctx, { committeeId, unitId }) => {
  const result = await itemSheet(ctx.deps.app, await actorFor(ctx, committeeId), unitId);
  if (result.kind !== "sheet") return ctx.answerCallbackQuery({ text: describeSheet(ctx, result), show_alert: true });
  await ctx.answerCallbackQuery();
  const caption = ctx.t("meeting:units.sheetCaption", { name: shorten(result.unit.name, 200), title: shorten(result.campaign.title, 200) });
  return ctx.api.sendDocument(ctx.from.id, new InputFile(result.bytes, ctx.t("meeting:units.sheetFile")), { caption, parse_mode: "HTML" });
});

/**
 * The filled sheet sent back in private while it is awaited (registered before the template
 * import, which would otherwise read any .xlsx of an officer as a template).
 */
export const itemSheetFiles = new Composer<BotContext>();
itemSheetFiles.chatType("private").on("message:document", async (ctx, next) => {
  const pending = parseAwaitingItemSheet(ctx.user?.awaiting ?? null);
  if (!pending) return next();
  let result: ItemSheetResult;
  try {
    result = await importItemSheet(ctx.deps.app, await actorFor(ctx, pending.committeeId), ctx.user!.id, ctx.user!.awaiting, {
      size: ctx.msg.document.file_size ?? null,
      download: () => downloadDocument(ctx),
    });
  } catch (error) {
    if (!(error instanceof GrammyError) && !(error instanceof Error && /download|file_path/.test(error.message))) throw error;
    ctx.deps.logger.warn({ err: error }, "item sheet could not be fetched");
    return replyHtml(ctx, ctx.t("meeting:units.downloadFailed"));
  }
  if (result.kind === "sheet") return;
  return replyLong(ctx, describeSheet(ctx, result));
});

/** The document's bytes from the Bot API (getFile, then the file URL). */
async function downloadDocument(ctx: BotContext): Promise<Uint8Array> {
  const file = await ctx.getFile();
  if (!file.file_path) throw new Error("getFile returned no file_path");
  if (ctx.deps.downloadFile) return ctx.deps.downloadFile(file.file_path);
  const response = await fetch(`https://api.telegram.org/file/bot${ctx.api.token}/${file.file_path}`);
  if (!response.ok) throw new Error(`file download failed: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
