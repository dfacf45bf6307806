/**
 * What a unit's papers print about its level (36-HD/VPTW): the line above the issuing unit,
 * who the report goes to, the number's suffix and the sign-off. A setting (/caidat captren,
 * sohieu, kyten) wins; without one, the committee the unit is linked under gives the higher
 * body ("Đảng ủy xã Vĩnh Thạnh Trung" → "ĐẢNG BỘ XÃ VĨNH THẠNH TRUNG" above the cell) and the
 * unit's name gives the rest (domain/party-level).
 */
import { levelPaper, normalizeSignOff, normalizeSuffix, partyBodyOf } from "../domain/party-level.js";
import type { AppDeps } from "./deps.js";
import type { LevelMarks } from "./documents.js";

interface UnitSettings {
  higherBody: string;
  numberSuffix: string;
  signOff: string;
}

function marks(name: string, kind: "cell" | "committee", settings: UnitSettings, parentName: string | null): LevelMarks {
  const guess = levelPaper(name, kind);
  const set = settings.higherBody.trim();
  return {
    higherBody: set || (parentName ? partyBodyOf(parentName) : ""),
    recipient: set || (parentName ?? ""),
    numberSuffix: settings.numberSuffix.trim() || guess.suffix,
    signOff: settings.signOff.trim() || null,
    signOffBody: guess.signOffBody,
  };
}

/** A unit's marks, and the committee it is linked under (for /caidat to say where the higher body comes from). */
export interface UnitMarks {
  marks: LevelMarks;
  parentName: string | null;
}

/** A cell's marks: its settings, else the committee it is linked under and its name. */
export async function cellMarks(deps: Pick<AppDeps, "committees">, cell: { id: number; name: string }, settings: UnitSettings): Promise<UnitMarks> {
  const parentId = await deps.committees.cellParent(cell.id);
  const parentName = parentId === null ? null : ((await deps.committees.findCommittee(parentId))?.name ?? null);
  return { marks: marks(cell.name, "cell", settings, parentName), parentName };
}

/** A committee's marks: its settings, else the committee above it and its name. */
export async function committeeMarks(
  deps: Pick<AppDeps, "committees">,
  committee: { name: string; parentCommitteeId: number | null },
  settings: UnitSettings,
): Promise<UnitMarks> {
  const parentName = committee.parentCommitteeId === null ? null : ((await deps.committees.findCommittee(committee.parentCommitteeId))?.name ?? null);
  return { marks: marks(committee.name, "committee", settings, parentName), parentName };
}

/** "bat"/"tat" (and their like) of /caidat kl21: true, false, or null when it is neither. */
export function conclusionSwitch(arg: string): boolean | null {
  const word = arg.normalize("NFC").toLowerCase();
  return ["bat", "bật", "on", "co", "có"].includes(word) ? true : ["tat", "tắt", "off", "khong", "không"].includes(word) ? false : null;
}

/**
 * `/caidat sohieu <CB|ĐU|HU…>` and `/caidat kyten <tập thể>` (cells and committees alike): the
 * change to store ("-" clears it, back to the guess from the name), a refusal, or null when
 * the option is neither of them.
 */
export function levelSetting(option: string, value: string): { numberSuffix: string } | { signOff: string } | { kind: "badSuffix" | "badSignOff" } | null {
  const text = value.trim();
  if (["sohieu", "sốhiệu", "kyhieu", "kýhiệu", "suffix"].includes(option)) {
    if (text === "-") return { numberSuffix: "" };
    const suffix = normalizeSuffix(text);
    return suffix ? { numberSuffix: suffix } : { kind: "badSuffix" };
  }
  if (["kyten", "kýtên", "signoff", "sign-off"].includes(option)) {
    if (text === "-") return { signOff: "" };
    const signOff = normalizeSignOff(text);
    return signOff ? { signOff } : { kind: "badSignOff" };
  }
  return null;
}

/** Two-word options as people type them: "số hiệu", "ký hiệu", "ký tên" (with or without marks). */
const TWO_WORDS: Record<string, string> = {
  "số hiệu": "sohieu",
  "so hieu": "sohieu",
  "ký hiệu": "kyhieu",
  "ky hieu": "kyhieu",
  "ký tên": "kyten",
  "ky ten": "kyten",
};

/**
 * The words of /caidat's argument, the option first: "số hiệu HU" reads as "sohieu HU" (and
 * not as "so" with "hiệu HU", a bad number).
 */
export function settingWords(args: string): string[] {
  const words = args.trim().split(/\s+/).filter(Boolean);
  const pair = words.slice(0, 2).join(" ").normalize("NFC").toLowerCase();
  const joined = TWO_WORDS[pair];
  return joined ? [joined, ...words.slice(2)] : words;
}
