/**
 * "Giao chức bí thư": ask to confirm, then confirm with the old secretary's new role (m: member,
 * d: deputy), or cancel. Typed codecs (callback-codec.ts); the `*_PATTERN` and `encode…` names
 * are those callback-data.ts always exported.
 */
import { codec, codeField, idField } from "../callback-codec.js";

const REFUSAL = "cycle:handover.forbidden";
export const handoverData = codec("handover", "ho", { memberId: idField }, { scope: "officer", refusal: REFUSAL });
export const handoverConfirmData = codec(
  "handoverConfirm",
  "hc",
  { memberId: idField, stayAs: codeField({ MEMBER: "m", DEPUTY: "d" }) },
  { scope: "officer", refusal: REFUSAL },
);
export const cancelHandoverData = codec("cancelHandover", "ho:no", {}, { scope: "officer", refusal: REFUSAL });

export const HANDOVER_CALLBACKS = [handoverData, handoverConfirmData, cancelHandoverData] as const;

export const HANDOVER_PATTERN = handoverData.pattern;
export const encodeHandover = (memberId: number) => handoverData.encode({ memberId });
export const HANDOVER_CONFIRM_PATTERN = handoverConfirmData.pattern;
export const encodeHandoverConfirm = (memberId: number, stayAs: "MEMBER" | "DEPUTY") => handoverConfirmData.encode({ memberId, stayAs });
export const CANCEL_HANDOVER = cancelHandoverData.encode({});
