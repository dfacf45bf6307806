/**
 * /nhapso's buttons: the unit not on the bot whose figures are entered, and its item-count
 * sheet, each naming the committee and the unit. Typed codecs (callback-codec.ts); the
 * `*_PATTERN` and `encode…` names are those callback-data.ts always exported.
 */
import { codec, idField } from "../callback-codec.js";

export const enterUnitData = codec("enterUnit", "wu", { committeeId: idField, unitId: idField }, { scope: "private" });
export const itemSheetData = codec("itemSheet", "wz", { committeeId: idField, unitId: idField }, { scope: "private" });

export const ENTERED_UNIT_CALLBACKS = [enterUnitData, itemSheetData] as const;

export const ENTER_UNIT_PATTERN = enterUnitData.pattern;
export const encodeEnterUnit = (committeeId: number, unitId: number) => enterUnitData.encode({ committeeId, unitId });
export const ITEM_SHEET_PATTERN = itemSheetData.pattern;
export const encodeItemSheet = (committeeId: number, unitId: number) => itemSheetData.encode({ committeeId, unitId });
