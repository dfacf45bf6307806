/**
 * What a unit's papers print about its level (36-HD/VPTW): the line above the issuing unit,
 * who the report goes to, the number's suffix and the sign-off. A setting (/caidat captren,
 * sohieu, kyten) wins; without one, the committee the unit is linked under gives the higher
 * body ("Đảng ủy xã Vĩnh Thạnh Trung" → "ĐẢNG BỘ XÃ VĨNH THẠNH TRUNG" above the cell) and the
 * unit's name gives the rest (domain/party-level).
 */
import { levelPaper, partyBodyOf, type PartyLevel } from "../domain/party-level.js";
import type { AppDeps } from "./deps.js";
import type { LevelMarks } from "./documents.js";

/** Whose behalf the level's own sign-off names (its words are the document's language). */
function signOffBody(level: PartyLevel): LevelMarks["signOffBody"] {
  return level === "cell" ? "cell" : level === "grassroots" ? "committee" : "standing";
}

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
    signOffBody: signOffBody(guess.level),
  };
}

/** A cell's marks: its settings, else the committee it is linked under and its name. */
export async function cellMarks(deps: Pick<AppDeps, "committees">, cell: { id: number; name: string }, settings: UnitSettings): Promise<LevelMarks> {
  const parentId = await deps.committees.cellParent(cell.id);
  const parent = parentId === null ? null : await deps.committees.findCommittee(parentId);
  return marks(cell.name, "cell", settings, parent?.name ?? null);
}

/** A committee's marks: its settings, else the committee above it and its name. */
export async function committeeMarks(
  deps: Pick<AppDeps, "committees">, committee: { name: string; parentCommitteeId: number | null }, settings: UnitSettings,
): Promise<LevelMarks> {
  const parent = committee.parentCommitteeId === null ? null : await deps.committees.findCommittee(committee.parentCommitteeId);
  return marks(committee.name, "committee", settings, parent?.name ?? null);
}
