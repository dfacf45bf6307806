/**
 * The lines of /caidat that say what a unit's papers print by level: the higher body (set, or
 * taken from the linked committee), the number's suffix and the sign-off (set, or guessed from
 * the unit's name), shared by a cell's and a committee's settings, on every channel.
 */
import type { UnitMarks } from "../papers.js";
import type { Translate } from "./screen.js";

/** `higherBody`, `suffix`, `signOff` for the settings messages. */
export function levelShown(
  t: Translate,
  stored: { higherBody: string; numberSuffix: string; signOff: string },
  unit: UnitMarks,
  notSet: string,
): Record<string, string> {
  const { marks, parentName } = unit;
  const byName = (value: string) => t("report:settings.byName", { value });
  return {
    higherBody: stored.higherBody || (parentName ? t("committee:settings.parentLinked", { body: marks.higherBody, name: parentName }) : notSet),
    suffix: stored.numberSuffix || byName(marks.numberSuffix),
    signOff: stored.signOff || byName(t(`documents:docx.signOff.onBehalf.${marks.signOffBody}`)),
  };
}
