/**
 * `/nhapso` (`/enter`) on a text channel (Zalo): a committee officer enters, step by step, the
 * figures of a unit not on the bot (/themdonvi) for the committee's latest campaign, as on
 * Telegram (src/bot/features/entered-units.ts) — the units as numbered choices, then the typed
 * figures through the awaited input "enter". The same use cases (entered-units.ts), the same
 * checks (officers only; another committee's unit refused) and Telegram's words. The item-count
 * sheet is a file sent back to the bot, which a text channel cannot do: it stays on Telegram.
 */
import { formatDay } from "../domain/calendar.js";
import { committeeActor, officerCommittees, type CommitteeActor } from "./committee.js";
import type { AppDeps } from "./deps.js";
import { enterChoices, entryAnswer, parseAwaitingEntry, startEntry, type EnterResult } from "./entered-units.js";
import type { Choice } from "./messages.js";
import type { EnteredFiguresRecord } from "./ports.js";
import type { Translate } from "./screens/screen.js";
import { say, type Shown, type Speaker as FullSpeaker } from "./conversation-shown.js";

type Deps = AppDeps;

/** Who is talking: the part of the conversation's Speaker (conversation-shown.ts) used here. */
type Speaker = Pick<FullSpeaker, "userId" | "t">;

/** The choice ids of this module: "1nu:<committee>:<unit>" (the unit chosen under /nhapso). */
export const ENTERED_CHOICE_PATTERN = /^1nu:/;
const ENTER_UNIT = /^1nu:([1-9]\d{0,9}):([1-9]\d{0,9})$/;
const encodeEnterUnit = (committeeId: number, unitId: number): string => `1nu:${committeeId}:${unitId}`;

/** `/nhapso`: which unit (of the committees the person is an officer of), as numbered choices. */
export async function enterCommand(deps: Deps, who: Speaker): Promise<Shown> {
  const { t } = who;
  const result = await enterChoices(deps, await officerCommittees(deps, who.userId));
  if (result.kind === "forbidden") return say(t("meeting:units.enterForbidden"));
  if (result.kind !== "choose") return say(t(`meeting:units.${result.kind}`));
  const choices: Choice[][] = result.units
    .slice(0, 60)
    .map(({ actor, unit }) => [
      { label: t("meeting:units.unitButton", { name: unit.name, committee: actor.committee.name }), id: encodeEnterUnit(actor.committeeId, unit.id) },
    ]);
  return { screens: [{ text: t("meeting:units.choose", { title: result.units[0]!.campaign.title }), choices }] };
}

/** The person's place on the roster of the committee a choice names (null: not on it, or no such committee). */
async function actorFor(deps: Deps, who: Speaker, committeeId: number): Promise<CommitteeActor | null> {
  const found = await deps.committees.findCommittee(committeeId);
  return found && committeeActor(deps, found, who.userId);
}

/** The unit chosen by number: its first question (members), or why not. */
export async function chooseEntered(deps: Deps, who: Speaker, id: string): Promise<Shown> {
  const m = ENTER_UNIT.exec(id);
  if (!m) return { screens: [], notice: who.t("error.badButton") };
  const result = await startEntry(deps, await actorFor(deps, who, Number(m[1])), Number(m[2]));
  return say(describeEntry(who.t, result));
}

/** A figure typed while `/nhapso` waits for one (awaited "enter"). Null: not an entry (the text goes on). */
export async function typedEntry(deps: Deps, who: Speaker, awaiting: string | null, typed: string): Promise<Shown | null> {
  const pending = parseAwaitingEntry(awaiting);
  if (!pending) return null;
  const result = await entryAnswer(deps, await actorFor(deps, who, pending.committeeId), who.userId, awaiting, typed);
  return say(describeEntry(who.t, result));
}

function meetingWords(t: Translate, f: Pick<EnteredFiguresRecord, "meetingDay" | "present">): string {
  return f.meetingDay ? t("meeting:units.currentMeeting", { day: formatDay(f.meetingDay), present: f.present ?? 0 }) : t("meeting:units.currentNoMeeting");
}

/** The words for an entry outcome (Telegram's /nhapso and a text channel's): the next question, a refusal, or what was saved. */
export function describeEntry(t: Translate, result: EnterResult): string {
  switch (result.kind) {
    case "ask": {
      const { members } = result;
      if (result.step === "submitted") return t("meeting:units.askSubmitted", { members });
      if (result.step === "day") return t("meeting:units.askDay");
      if (result.step === "present") return t("meeting:units.askPresent", { members });
      const c = result.current;
      return t("meeting:units.askMembers", {
        name: result.unit.name,
        title: result.campaign.title,
        current: c ? t("meeting:units.current", { submitted: c.submitted, members: c.members, meeting: meetingWords(t, c) }) : "",
      });
    }
    case "saved": {
      const f = result.figures;
      return t("meeting:units.saved", {
        name: result.unit.name,
        title: result.campaign.title,
        submitted: f.submitted,
        members: f.members,
        meeting: meetingWords(t, f),
      });
    }
    case "badNumber":
      return t("meeting:units.badNumber", { max: result.max });
    case "badDay":
      return t(`meeting:record.badDay.${result.reason}`, { opened: formatDay(result.opened) });
    case "forbidden":
      return t("meeting:units.enterForbidden");
    default:
      return t(`meeting:units.${result.kind}`);
  }
}
