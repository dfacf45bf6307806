/** /dotmoi's buttons: close the open round (secretary or deputy, from the "already open" message). Typed codecs (callback-codec.ts). */
import { codec, idField } from "../callback-codec.js";

export const closeRoundData = codec("closeRound", "cr", { roundId: idField }, { scope: "officer", refusal: "assessment:round.closeForbidden" });

export const ROUNDS_CALLBACKS = [closeRoundData] as const;

export const CLOSE_ROUND_PATTERN = closeRoundData.pattern;
export const encodeCloseRound = (roundId: number) => closeRoundData.encode({ roundId });
