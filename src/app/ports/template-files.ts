/** Reading a template file a user sent (XLSX or JSON) into rows, and writing a checklist as the XLSX /mau downloads. */
import type { Checklist } from "../../domain/checklist.js";
import type { ItemSheetRow } from "../../domain/meeting.js";
import type { TemplateInput, TemplateProblem } from "../../domain/templates.js";

export type TemplateFileFormat = "xlsx" | "json";

/**
 * Why a file could not be read at all (nothing in it could be checked). The last three: the
 * file is small but unpacks past the reader's bounds (too many bytes, zip entries, or rows,
 * cells and strings); `detail` is the bound passed ("16 MB", "500").
 */
export type UnreadableReason =
  "notSpreadsheet" | "brokenZip" | "missingSheet" | "emptySheet" | "missingColumn" | "badJson" | "tooLargeUnpacked" | "tooManyParts" | "tooManyCells";

export type TemplateFileRead =
  { ok: true; input: TemplateInput } | { ok: false; problems: TemplateProblem[] } | { ok: false; unreadable: UnreadableReason; detail?: string };

export interface TemplateFiles {
  read(bytes: Uint8Array, format: TemplateFileFormat): Promise<TemplateFileRead>;
  /** The checklist in the layout `read` takes back (sheet "Mẫu" and sheet "Biểu hiện"). */
  writeXlsx(checklist: Checklist): Promise<Uint8Array>;
  /** The item-count sheet for a unit not on the bot (issue 19): one row per item, the count to fill in. */
  writeItemSheet(input: { checklist: Checklist; unitName: string; campaignTitle: string; counts: Record<string, number> }): Promise<Uint8Array>;
  /** The filled item-count sheet's rows (checked by domain/meeting.ts checkItemSheet). */
  readItemSheet(bytes: Uint8Array): Promise<{ ok: true; rows: ItemSheetRow[] } | { ok: false; unreadable: UnreadableReason; detail?: string }>;
}
