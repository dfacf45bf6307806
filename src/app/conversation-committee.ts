/**
 * A committee's officer on a text channel (issue 20, "committees on Zalo"): what Telegram's
 * committee features (src/bot/features/committee/rollup.ts, files.ts, campaigns.ts and the
 * committee's `/dotmoi` in group-commands.ts) do, as a private conversation with numbered choices.
 *
 * - `/tonghop`: the roll-up's text (the same as Telegram posts, plain on a text channel), then
 *   numbered choices: the files (DOCX, XLSX, chart), the committee's earlier campaigns, and "Kết
 *   thúc đợt" (asked again before it ends anything). `/tonghop tep` gives the files at once. An
 *   officer of several committees first picks one by number. Anyone else: Telegram's refusal.
 * - `/dotmoi` issuing a campaign. How a committee's campaign is told apart from a cell's round:
 *   `/dotmoi dangbo dd/mm/yyyy [tiêu đề]` always means the committee's campaign; a plain
 *   `/dotmoi dd/mm/yyyy [tiêu đề]` means the committee's campaign only for a committee officer
 *   who is not the secretary or deputy of a cell — a cell's secretary or deputy keeps opening the
 *   cell's round (their `/dotmoi` is unchanged). An officer of several committees names one by
 *   its number: `/dotmoi dangbo 2 dd/mm/yyyy …`.
 *
 * Who may do what stays inside the use cases (committee-intents.ts, committee-campaigns.ts): the
 * caller is a private caller (a text channel's private chat). Nothing here is posted to a group:
 * every answer goes to the officer who asked, in their own chat.
 */
import { privateCaller } from "./caller.js";
import {
  attachUnit,
  createLinkCode,
  joinCommitteeRoster,
  officerCommittees,
  parseAwaitingRosterName,
  rosterEntryFor,
  rosterName,
  setRosterRole,
  setupCommittee,
  committeeActor,
  committeeRoster,
  committeeSettings,
  type RosterRoleChange,
  type AttachResult,
  type CommitteeActor,
  type RosterNameResult,
} from "./committee.js";
import { addEnteredUnit } from "./entered-units.js";
import { formatTime } from "./screens/format.js";
import { joinCampaign, nudgeSecretaries, openCampaign, type CommitteeMessageRenderer, type OpenCampaignResult } from "./committee-campaigns.js";
import { committeeFileFor, endCampaignFor, mayEndCampaign, rollupFor } from "./committee-intents.js";
import type { CommitteeRollup } from "./committee-rollup.js";
import type { AppDeps } from "./deps.js";
import type { Screen } from "./messages.js";
import type { MessageRenderer } from "./notifications.js";
import type { ReportFileKind, ReportTextKey } from "./ports.js";
import { parseAwaitingReportText, REPORT_TEXT_MAX_LENGTH, REPORT_TEXT_MIN_LENGTH, saveCampaignText, startCampaignText } from "./report-texts.js";
import { renderRollup } from "./screens/committee.js";
import { levelShown } from "./screens/settings.js";
import { ChoiceRows, type Translate } from "./screens/screen.js";
import { canManageRounds } from "../domain/roles.js";
import { formatDay } from "../domain/calendar.js";
import { membershipOf } from "./session.js";
import { typedTextAnswer } from "./conversation-meeting.js";
import { say, type Shown, type Speaker as FullSpeaker } from "./conversation-shown.js";

type Deps = AppDeps;

/** Who asks: the part of the conversation's Speaker (conversation-shown.ts) used here. */
type Speaker = Pick<FullSpeaker, "userId" | "t" | "locale" | "membership" | "profile">;

/** What `/tonghop tep` asks for: the files at once. */
const FILES_WORDS = ["tep", "tệp", "files", "file"];
/** What `/dotmoi dangbo …` starts with: the committee's campaign, not the cell's round. */
const COMMITTEE_WORDS = ["dangbo", "đảngbộ", "đangbo", "committee"];
const FILE_KINDS: readonly ReportFileKind[] = ["docx", "xlsx", "chart"];

/**
 * The committee's choice ids on a text channel ("zw", then ":"-separated fields; ≤ 64 bytes).
 * They come back typed by the person and can be anything: each decode checks the shape, and the
 * use case checks the caller against the committee and campaign they name.
 */
const ID = "([1-9]\\d{0,9})";
const CHOICE = new RegExp(
  `^zw:(?:([rt]):${ID}|([pey]):${ID}:${ID}|f:${ID}:${ID}:(docx|xlsx|chart)|(n)|m:${ID}:([A-Za-z0-9_-]{16})|k:${ID}:(ok|edit)|o:${ID}|s:${ID}:([dsmx])|x:${ID}:${ID}:([ad]))$`,
);
export const COMMITTEE_CHOICE_PATTERN = /^zw:/;
/**
 * "Kết thúc đợt riêng, tham gia đợt của cấp ủy" under a campaign's notice to a cell that kept its
 * own round (the committee renderer's choice, the id Telegram's joinCampaign codec makes: "1wj:<id>").
 * On a text channel it reaches a cell without a group, whose officers get it privately.
 */
const JOIN_CAMPAIGN = /^1wj:([1-9]\d{0,9})$/;

type CommitteeChoice =
  /** The roll-up of one of the caller's committees (after "which committee"). */
  | { action: "rollup"; committeeId: number }
  /** The files of one of the caller's committees at once (`/tonghop tep` after "which committee"). */
  | { action: "files"; committeeId: number }
  /** An earlier campaign's roll-up. */
  | { action: "campaign"; committeeId: number; campaignId: number }
  | { action: "file"; committeeId: number; campaignId: number; file: ReportFileKind }
  /** "Kết thúc đợt": asks for the confirmation. */
  | { action: "askEnd"; committeeId: number; campaignId: number }
  /** The confirmation: ends the campaign. */
  | { action: "end"; committeeId: number; campaignId: number }
  | { action: "cancelEnd" }
  /** "Chuyển sang …": the unit's bí thư confirms moving under the committee of the link code they typed. */
  | { action: "move"; linkId: number; token: string }
  /** The name proposed for a roster entry: right ("ok"), or type another ("edit"). */
  | { action: "rosterName"; entryId: number; choice: "ok" | "edit" }
  /** `/vaitro dangbo`: one roster entry's menu, and a role for it. */
  | { action: "rosterMenu"; entryId: number }
  | { action: "rosterRole"; entryId: number; role: RosterRoleChange }
  /** "Đánh giá chung" / "Phương hướng" under an ended campaign's roll-up: the next text typed is that section of the committee's report. */
  | { action: "text"; committeeId: number; campaignId: number; key: ReportTextKey };

const encode = {
  rollup: (committeeId: number) => `zw:r:${committeeId}`,
  files: (committeeId: number) => `zw:t:${committeeId}`,
  campaign: (committeeId: number, campaignId: number) => `zw:p:${committeeId}:${campaignId}`,
  file: (committeeId: number, campaignId: number, file: ReportFileKind) => `zw:f:${committeeId}:${campaignId}:${file}`,
  askEnd: (committeeId: number, campaignId: number) => `zw:e:${committeeId}:${campaignId}`,
  end: (committeeId: number, campaignId: number) => `zw:y:${committeeId}:${campaignId}`,
  cancelEnd: () => "zw:n",
  move: (linkId: number, token: string) => `zw:m:${linkId}:${token}`,
  rosterName: (entryId: number, choice: "ok" | "edit") => `zw:k:${entryId}:${choice}`,
  rosterMenu: (entryId: number) => `zw:o:${entryId}`,
  rosterRole: (entryId: number, role: RosterRoleChange) => `zw:s:${entryId}:${ROLE_CODES[role]}`,
  text: (committeeId: number, campaignId: number, key: ReportTextKey) => `zw:x:${committeeId}:${campaignId}:${key === "assessment" ? "a" : "d"}`,
};

const ROLE_CODES: Record<RosterRoleChange, string> = { DEPUTY: "d", STAFF: "s", MEMBER: "m", REMOVE: "x" };
const ROLE_BY_CODE = Object.fromEntries(Object.entries(ROLE_CODES).map(([role, code]) => [code, role])) as Record<string, RosterRoleChange>;

function decode(id: string): CommitteeChoice | null {
  const m = CHOICE.exec(id);
  if (!m) return null;
  if (m[1]) return { action: m[1] === "r" ? "rollup" : "files", committeeId: Number(m[2]) };
  if (m[3]) {
    const target = { committeeId: Number(m[4]), campaignId: Number(m[5]) };
    return { action: m[3] === "p" ? "campaign" : m[3] === "e" ? "askEnd" : "end", ...target };
  }
  if (m[6]) return { action: "file", committeeId: Number(m[6]), campaignId: Number(m[7]), file: m[8] as ReportFileKind };
  if (m[9]) return { action: "cancelEnd" };
  if (m[10]) return { action: "move", linkId: Number(m[10]), token: m[11]! };
  if (m[12]) return { action: "rosterName", entryId: Number(m[12]), choice: m[13] as "ok" | "edit" };
  if (m[14]) return { action: "rosterMenu", entryId: Number(m[14]) };
  if (m[15]) return { action: "rosterRole", entryId: Number(m[15]), role: ROLE_BY_CODE[m[16]!]! };
  return m[17] ? { action: "text", committeeId: Number(m[17]), campaignId: Number(m[18]), key: m[19] === "a" ? "assessment" : "direction" } : null;
}

/** "Which committee?": one numbered choice per committee the person is an officer of. */
function chooseCommitteeScreen(who: Speaker, committees: CommitteeActor[], files: boolean): Shown {
  const rows = new ChoiceRows();
  for (const entry of committees.slice(0, 20))
    rows.choice(entry.committee.name.slice(0, 100), files ? encode.files(entry.committeeId) : encode.rollup(entry.committeeId)).row();
  return { screens: [{ text: who.t("committee:rollup.chooseCommittee"), choices: rows.rows }] };
}

/** The roll-up's text with its choices: the files, "Kết thúc đợt" while the officer may end it, earlier campaigns. */
function rollupScreen(who: Speaker, rollup: CommitteeRollup): Screen {
  const { t } = who;
  const ids = [rollup.committee.id, rollup.campaign.id] as const;
  const rows = new ChoiceRows()
    .choice(t("committee:buttons.docx"), encode.file(...ids, "docx"))
    .choice(t("committee:buttons.xlsx"), encode.file(...ids, "xlsx"))
    .choice(t("committee:buttons.chart"), encode.file(...ids, "chart"));
  if (rollup.canEnd) rows.row().choice(t("committee:buttons.end"), encode.askEnd(...ids));
  // The committee's own ĐÁNH GIÁ CHUNG and PHƯƠNG HƯỚNG for its report, once the campaign has ended (Telegram's buttons).
  if (rollup.closed)
    rows
      .row()
      .choice(t("meeting:texts.assessmentButton"), encode.text(...ids, "assessment"))
      .choice(t("meeting:texts.directionButton"), encode.text(...ids, "direction"));
  for (const other of rollup.others)
    rows
      .row()
      .choice(
        t("committee:buttons.other", { title: other.title.slice(0, 40), deadline: formatDay(other.deadlineDay) }),
        encode.campaign(rollup.committee.id, other.id),
      );
  return { text: renderRollup(rollup, t, who.locale), choices: rows.rows };
}

/** The committee's files of a campaign, each as a message with its file (a text channel sends a link; the chart as a photo). */
async function fileScreens(deps: Deps, who: Speaker, committeeId: number, campaignId: number, kinds: readonly ReportFileKind[]): Promise<Shown> {
  const { t } = who;
  const screens: Screen[] = [];
  for (const kind of kinds) {
    const result = await committeeFileFor(deps, privateCaller(who.userId), { committeeId, campaignId, file: kind }, who.locale);
    if (result.kind !== "file") return say(t(result.kind === "noCampaign" ? "zalo-committee:rollup.noCampaign" : "committee:rollup.forbidden"));
    const { committee: owner, campaign } = result.rollup;
    const n = String(campaign.id).padStart(2, "0");
    screens.push({
      text: t("committee:files.caption", { committee: owner.name.slice(0, 300), title: campaign.title.slice(0, 300) }),
      file: {
        kind: kind === "chart" ? "photo" : "document",
        filename: t(`committee:files.${kind}`, { n }),
        base64: Buffer.from(result.bytes).toString("base64"),
      },
    });
  }
  return { screens };
}

/** The roll-up (or, with `files`, its files at once) of a committee or campaign, for a caller who may see it. */
async function showRollup(deps: Deps, who: Speaker, target: { committeeId?: number; campaignId?: number }, files: boolean): Promise<Shown> {
  const { t } = who;
  const answer = await rollupFor(deps, privateCaller(who.userId), target);
  switch (answer.kind) {
    case "rollup":
      if (files) return fileScreens(deps, who, answer.rollup.committee.id, answer.rollup.campaign.id, FILE_KINDS);
      return { screens: [rollupScreen(who, answer.rollup)] };
    case "chooseCommittee":
      return chooseCommitteeScreen(who, answer.committees, files);
    case "noCampaign":
      return say(t("zalo-committee:rollup.noCampaign"));
    default:
      return say(t("committee:rollup.forbidden"));
  }
}

/** `/tonghop [tep]` in a private chat on a text channel. Null: an argument it does not know (the channel says so). */
export async function rollupCommand(deps: Deps, who: Speaker, args: string): Promise<Shown | null> {
  const sub = args.trim().toLowerCase();
  if (sub !== "" && !FILES_WORDS.includes(sub)) return null;
  return showRollup(deps, who, {}, sub !== "");
}

/** Whether a choice id is the committee's (see `chooseCommittee`). */
export const isCommitteeChoice = (id: string): boolean => COMMITTEE_CHOICE_PATTERN.test(id) || JOIN_CAMPAIGN.test(id);

/** A cell without a group joins the committee's campaign (its secretary or deputy, in their private chat): what the button does in a cell's group on Telegram. */
async function joinCampaignChoice(
  deps: Deps,
  who: Speaker,
  campaignId: number,
  renderer: MessageRenderer | undefined,
  committeeRenderer: CommitteeMessageRenderer | undefined,
): Promise<Shown> {
  const { t } = who;
  const member = await (who.membership ? who.membership() : membershipOf(deps, who.userId));
  if (!member) return { screens: [], notice: t("error.notMemberShort") };
  // A cell with a group joins there (Telegram's button in the cell's group).
  if (member.cell.group !== null) return say(t("committee:campaign.joinForbidden"));
  if (!renderer || !committeeRenderer) throw new Error("joining a campaign needs the channel's message renderers");
  const result = await joinCampaign(deps, member, campaignId, renderer, committeeRenderer);
  if (result.kind === "forbidden") return say(t("committee:campaign.joinForbidden"));
  if (result.kind !== "joined") return say(t(`committee:campaign.${result.kind === "already" ? "alreadyJoined" : result.kind}`));
  return say(t("committee:campaign.joined", { title: result.round.title, committee: result.committee.name }));
}

/** A committee choice typed on a text channel: a committee, a file, an earlier campaign, ending a campaign. */
export async function chooseCommittee(
  deps: Deps,
  who: Speaker,
  id: string,
  renderer: MessageRenderer | undefined,
  committeeRenderer?: CommitteeMessageRenderer,
  /** The text channel's name: a unit whose group is on it moves from the private chat too (see attachCommand). */
  channel?: string,
): Promise<Shown> {
  const { t } = who;
  const join = JOIN_CAMPAIGN.exec(id);
  if (join) return joinCampaignChoice(deps, who, Number(join[1]), renderer, committeeRenderer);
  const choice = decode(id);
  if (!choice) return { screens: [], notice: t("error.badButton") };
  const caller = privateCaller(who.userId);
  switch (choice.action) {
    case "rollup":
    case "files":
      return showRollup(deps, who, { committeeId: choice.committeeId }, choice.action === "files");
    case "campaign":
      return showRollup(deps, who, { committeeId: choice.committeeId, campaignId: choice.campaignId }, false);
    case "file":
      return fileScreens(deps, who, choice.committeeId, choice.campaignId, [choice.file]);
    case "askEnd": {
      const check = await mayEndCampaign(deps, caller, choice);
      if (check.kind !== "mayEnd") return say(t(`committee:end.${check.kind}`));
      const rows = new ChoiceRows()
        .choice(t("committee:end.confirmButton"), encode.end(check.committee.id, check.campaign.id))
        .row()
        .choice(t("committee:end.cancelButton"), encode.cancelEnd());
      return { screens: [{ text: t("committee:end.confirm", { title: check.campaign.title }), choices: rows.rows }] };
    }
    case "end": {
      if (!renderer) throw new Error("ending a campaign needs the channel's message renderer");
      const result = await endCampaignFor(deps, caller, choice, renderer);
      if (result.kind !== "ended") return say(t(`committee:end.${result.kind}`));
      return say(t("zalo-committee:end.ended", { title: result.campaign.title, rounds: result.rounds }));
    }
    case "cancelEnd":
      return say(t("committee:end.cancelled"));
    case "rosterName": {
      const result = await rosterName(deps, who.userId, choice.entryId, choice.choice === "edit" ? "ask" : null);
      return say(result.kind === "asked" ? t("onboarding:join.askName") : rosterNameText(who, result));
    }
    case "rosterMenu": {
      const target = await rosterEntryFor(deps, await actorForEntry(deps, who, choice.entryId), choice.entryId);
      if (target === "forbidden") return say(t("committee:roster.forbidden"));
      if (!target) return say(t("committee:roster.notOnRoster"));
      const rows = new ChoiceRows()
        .choice(t("committee:roster.makeDeputy"), encode.rosterRole(target.id, "DEPUTY"))
        .row()
        .choice(t("committee:roster.makeStaff"), encode.rosterRole(target.id, "STAFF"))
        .row()
        .choice(t("committee:roster.makeMember"), encode.rosterRole(target.id, "MEMBER"))
        .row()
        .choice(t("committee:roster.remove"), encode.rosterRole(target.id, "REMOVE"));
      return { screens: [{ text: t("committee:roster.choose", { name: target.fullName, role: t(`committee:role.${target.role}`) }), choices: rows.rows }] };
    }
    case "rosterRole": {
      const result = await setRosterRole(deps, await actorForEntry(deps, who, choice.entryId), choice.entryId, choice.role);
      if (result.kind !== "changed") return say(t(`committee:roster.${result.kind}`));
      if (result.role === "REMOVE") return say(t("committee:roster.removed", { name: result.entry.fullName }));
      return say(t("committee:roster.changed", { name: result.entry.fullName, role: t(`committee:role.${result.role}`) }));
    }
    case "text": {
      const committee = await deps.committees.findCommittee(choice.committeeId);
      const actor = committee && (await committeeActor(deps, committee, who.userId));
      const result = await startCampaignText(deps, actor, choice.campaignId, choice.key);
      if (result.kind !== "ask") return say(t(`meeting:texts.${result.kind}`));
      const lines = [
        t("meeting:texts.ask", {
          section: t(`meeting:texts.section.${choice.key}`),
          unit: result.unitName,
          title: result.title,
          min: REPORT_TEXT_MIN_LENGTH,
          max: REPORT_TEXT_MAX_LENGTH,
        }),
      ];
      if (choice.key === "assessment") lines.push(t("meeting:texts.askAssessmentHint"));
      if (result.current) lines.push("", t("meeting:texts.current", { text: result.current.slice(0, 1500) }));
      return say(lines.join("\n"));
    }
    case "move": {
      const result = await attachUnit(deps, {
        group: null,
        userId: who.userId,
        confirm: { linkId: choice.linkId, token: choice.token },
        ...(channel ? { channel } : {}),
      });
      if (result.kind === "badCode") return say(t("committee:attach.stale"));
      return attachAnswer(who, result);
    }
  }
}

/**
 * Whether `/dotmoi <args>` on a text channel is the committee's campaign rather than the cell's
 * round (see the header): `dangbo …` always; otherwise when the caller is a committee officer
 * and not the secretary or deputy of a cell. Returns the arguments left for the campaign, or null
 * (the cell's `/dotmoi`, unchanged).
 */
export async function campaignArgs(deps: Deps, who: Speaker, args: string): Promise<{ args: string; explicit: boolean } | null> {
  const trimmed = args.trim();
  const [first = "", ...rest] = trimmed.split(/\s+/);
  if (COMMITTEE_WORDS.includes(first.normalize("NFC").toLowerCase())) return { args: rest.join(" "), explicit: true };
  const member = await (who.membership ? who.membership() : membershipOf(deps, who.userId));
  if (member && canManageRounds(member.role)) return null;
  return (await officerCommittees(deps, who.userId)).length > 0 ? { args: trimmed, explicit: false } : null;
}

/**
 * `/dotmoi [dangbo] [số] dd/mm/yyyy [tiêu đề]` by a committee officer on a text channel: what
 * the committee's `/dotmoi` does in its Telegram group (a round in every cell under it, each
 * announced to the cell's group or, with none, its officers privately), answered in private.
 */
export async function issueCampaign(deps: Deps, who: Speaker, args: string, renderer: CommitteeMessageRenderer | undefined): Promise<Shown> {
  const { t } = who;
  if (!renderer) throw new Error("a campaign needs the channel's committee message renderer");
  const picked = await pickCommittee(deps, who, args, t("zalo-committee:example.campaign"));
  if ("screens" in picked) return picked;
  const { actor, rest } = picked;
  const result = await openCampaign(deps, actor, rest, (opened) => t("committee:campaign.defaultTitle", { opened }), renderer);
  switch (result.kind) {
    case "opened":
      return say(campaignOpenedText(t, result));
    case "tooFar":
      return say(t("committee:campaign.tooFar", { latest: formatDay(result.latest) }));
    case "badDate":
      return say(
        t(result.reason === "format" ? "committee:campaign.badFormat" : "committee:campaign.impossible", { text: (rest.split(/\s+/)[0] ?? "").slice(0, 40) }),
      );
    default:
      return say(t(`committee:campaign.${result.kind}`));
  }
}

/**
 * The committee a command acts for: the caller's only committee as an officer, or, for an
 * officer of several, the one whose number in the list the command's first word gives
 * (`/lienket 2`); without one, the list and an example. `rest`: the arguments after that number.
 */
async function pickCommittee(deps: Deps, who: Speaker, args: string, example: string): Promise<{ actor: CommitteeActor | null; rest: string } | Shown> {
  const mine = await officerCommittees(deps, who.userId);
  const rest = args.trim();
  if (mine.length <= 1) return { actor: mine[0] ?? null, rest };
  const [first = "", ...after] = rest.split(/\s+/);
  const index = /^\d{1,2}$/.test(first) ? Number(first) : 0;
  if (index >= 1 && index <= mine.length) return { actor: mine[index - 1]!, rest: after.join(" ") };
  const list = mine.map((entry, i) => `${i + 1}. ${entry.committee.name}`).join("\n");
  return say(who.t("zalo-committee:whichCommittee", { list, example }));
}

/**
 * `/dangbo <tên>` in a private chat on a text channel: a committee with no group, the caller its
 * bí thư (as `/chibo` makes a cell with no group). Again: renames it, also once its group is a
 * group of this channel (`channel`: linked with `@bot /dangbo` there). Its officers follow it here
 * (`/tonghop`, `/dotmoi dangbo …`); units link up with `/lienket` and `/captren`.
 */
export async function setUpCommitteeWithoutGroup(deps: Deps, who: Speaker, args: string, channel?: string): Promise<Shown> {
  const { t } = who;
  if (!who.profile) throw new Error("dangbo: the channel gives the person's profile");
  const result = await setupCommittee(deps, {
    group: null,
    chatTitle: "",
    caller: who.profile,
    callerIsAdmin: true,
    name: args,
    ...(channel ? { channel } : {}),
  });
  switch (result.kind) {
    case "created":
      return say(t("zalo-committee:setup.created", { name: result.committee.name, secretary: result.secretary.fullName, code: result.committee.joinCode }));
    case "renamed":
      return say(
        `${t("committee:setup.renamed", { name: result.committee.name })}\n\n${t("zalo-committee:setup.joinLine", { code: result.committee.joinCode })}`,
      );
    default:
      // missingName, nameTooLong (a committee without a group has no group to be taken).
      return say(t(`committee:setup.${result.kind}`));
  }
}

/** `/lienket [số]` in a private chat on a text channel: a link code for units to attach under the officer's committee. */
export async function linkCommand(deps: Deps, who: Speaker, args: string): Promise<Shown> {
  const { t } = who;
  const picked = await pickCommittee(deps, who, args, "/lienket 1");
  if ("screens" in picked) return picked;
  const result = await createLinkCode(deps, picked.actor);
  if (result.kind === "forbidden") return say(t("committee:link.forbidden"));
  const committee = picked.actor!.committee;
  return say(t("zalo-committee:link.posted", { committee: committee.name, code: result.code, expires: formatTime(result.expiresAt, committee.timezone) }));
}

/** What attaching came to, in the words Telegram's /captren uses (a move asks first, with a numbered choice). */
function attachAnswer(who: Speaker, result: AttachResult): Shown {
  const { t } = who;
  switch (result.kind) {
    case "attached":
    case "moved":
      return say(t(`committee:attach.${result.kind}`, { unit: result.unitName, committee: result.to.name }));
    case "confirmMove": {
      const rows = new ChoiceRows().choice(
        t("committee:attach.confirmButton", { committee: result.to.name }).slice(0, 60),
        encode.move(result.linkId, result.token),
      );
      return {
        screens: [
          { text: t("committee:attach.confirmMove", { unit: result.unitName, from: result.from?.name ?? "…", committee: result.to.name }), choices: rows.rows },
        ],
      };
    }
    case "already":
    case "loop":
      return say(t(`committee:attach.${result.kind}`, { committee: result.to.name }));
    case "noUnit":
      return say(t("zalo-committee:attach.noUnit"));
    default:
      return say(t(`committee:attach.${result.kind}`));
  }
}

/**
 * `/captren <mã>` in a private chat on a text channel: attaches the caller's own unit (the cell,
 * else the committee, whose bí thư they are) under the committee of the code, when it has no
 * group or its group is on this channel (`channel`: a Zalo group answers commands in private).
 * A unit with a Telegram group does this in its group, as on Telegram.
 */
export async function attachCommand(deps: Deps, who: Speaker, args: string, channel?: string): Promise<Shown> {
  return attachAnswer(who, await attachUnit(deps, { group: null, userId: who.userId, code: args, ...(channel ? { channel } : {}) }));
}

/** `/themdonvi [số] <tên>` in a private chat on a text channel: a direct unit not on the bot, whose figures the office enters. */
export async function addUnitCommand(deps: Deps, who: Speaker, args: string): Promise<Shown> {
  const { t } = who;
  const picked = await pickCommittee(deps, who, args, "/themdonvi 1 Chi bộ Thôn 3");
  if ("screens" in picked) return picked;
  const result = await addEnteredUnit(deps, picked.actor, picked.rest);
  if (result.kind === "forbidden") return say(t("zalo-committee:units.forbidden"));
  // Figures are entered with /nhapso (conversation-entered.ts): the words say so.
  if (result.kind === "added" || result.kind === "exists")
    return say(t(`zalo-committee:units.${result.kind}`, { name: result.unit.name, committee: picked.actor!.committee.name }));
  return say(t(`meeting:units.${result.kind}`));
}

/** What confirming or typing a roster name came to, in Telegram's words. */
function rosterNameText(who: Speaker, result: Exclude<RosterNameResult, { kind: "asked" }>): string {
  const { t } = who;
  switch (result.kind) {
    case "saved":
      return t("committee:join.nameSaved", { name: result.fullName, committee: result.committee.name });
    case "notOnRoster":
      return t("committee:roster.notOnRoster");
    default:
      return t({ tooShort: "onboarding:join.nameTooShort", tooLong: "onboarding:join.nameTooLong", noLetter: "onboarding:join.nameNoLetter" }[result.kind]);
  }
}

/**
 * `/thamgia <mã>` on a text channel with a committee's roster code (what Telegram's `c_` link
 * carries): the person is put on the roster (a member; the bí thư gives roles), and confirms the
 * name by number or types another. Null: the code is no committee's (the cell's join goes on).
 */
export async function joinRoster(deps: Deps, who: Speaker, code: string): Promise<Shown | null> {
  const { t } = who;
  if (!who.profile || !code) return null;
  const result = await joinCommitteeRoster(deps, code, who.profile);
  if (result.kind === "unknownLink") return null;
  const role = t(`committee:role.${result.entry.role}`);
  const greeting = t(result.already ? "committee:join.already" : "committee:join.welcome", { committee: result.committee.name, role });
  if (result.already) return say(greeting);
  const rows = new ChoiceRows()
    .choice(t("onboarding:join.nameOk"), encode.rosterName(result.entry.id, "ok"))
    .choice(t("onboarding:join.nameEdit"), encode.rosterName(result.entry.id, "edit"));
  return { screens: [{ text: `${greeting}\n\n${t("committee:join.confirmName", { name: result.entry.fullName })}`, choices: rows.rows }] };
}

/** The name typed for a roster entry when the bot asked for one (awaited "rosterName"). Null: not waiting for one. */
export async function typedRosterName(deps: Deps, who: Speaker, awaiting: string | null, typed: string): Promise<Shown | null> {
  const entryId = parseAwaitingRosterName(awaiting);
  if (entryId === null) return null;
  const result = await rosterName(deps, who.userId, entryId, typed);
  return result.kind === "asked" ? null : say(rosterNameText(who, result));
}

/** The caller's place on the roster of the committee a roster entry belongs to (null: none; the use case refuses). */
async function actorForEntry(deps: Deps, who: Speaker, entryId: number): Promise<CommitteeActor | null> {
  const entry = await deps.committees.rosterEntryById(entryId);
  const committee = entry && (await deps.committees.findCommittee(entry.committeeId));
  return committee ? committeeActor(deps, committee, who.userId) : null;
}

/** What `/vaitro dangbo [số]` starts with: the committee's roster, not the cell's roles. */
export const asksCommitteeRoles = (args: string): boolean => COMMITTEE_WORDS.includes((args.trim().split(/\s+/)[0] ?? "").normalize("NFC").toLowerCase());

/**
 * `/vaitro dangbo [số]` on a text channel: the committee's roster (what `/vaitro` in the
 * committee's Telegram group shows), each other entry a number that opens its menu of roles.
 * The bí thư gives roles; the use case refuses anyone else.
 */
export async function committeeRoles(deps: Deps, who: Speaker, args: string): Promise<Shown> {
  const { t } = who;
  const picked = await pickCommittee(deps, who, args.trim().split(/\s+/).slice(1).join(" "), "/vaitro dangbo 1");
  if ("screens" in picked) return picked;
  const { actor } = picked;
  const result = await committeeRoster(deps, actor);
  if (result.kind === "forbidden") return say(t("committee:roster.forbidden"));
  const lines = [t("committee:roster.title", { committee: actor!.committee.name.slice(0, 100), count: result.entries.length }), ""];
  const rows = new ChoiceRows();
  for (const entry of result.entries.slice(0, 80)) {
    lines.push(t("committee:roster.line", { name: entry.fullName, role: t(`committee:role.${entry.role}`) }));
    if (entry.id !== actor!.id) rows.choice(entry.fullName.slice(0, 40), encode.rosterMenu(entry.id)).row();
  }
  return { screens: [{ text: lines.join("\n"), choices: rows.rows }] };
}

/**
 * `/nhacnho dangbo` (or a plain `/nhacnho` by a committee officer who runs no cell: the same rule
 * as `/dotmoi`, see `campaignArgs`) on a text channel: what the committee's `/nhacnho` does in its
 * Telegram group — each cell's bí thư with members pending gets the committee's nudge privately.
 */
export async function nudgeCellSecretaries(deps: Deps, who: Speaker, args: string, renderer: CommitteeMessageRenderer | undefined): Promise<Shown> {
  const { t } = who;
  if (!renderer) throw new Error("the committee's nudge needs the channel's committee message renderer");
  const picked = await pickCommittee(deps, who, args, "/nhacnho dangbo 1");
  if ("screens" in picked) return picked;
  const result = await nudgeSecretaries(deps, picked.actor, renderer);
  if (result.kind !== "queued") return say(t(`committee:nudge.${result.kind}`));
  const lines = [t("committee:nudge.queued", { count: result.count })];
  if (result.skippedRecent > 0) lines.push(t("committee:nudge.skippedRecent", { count: result.skippedRecent }));
  if (result.unreachable > 0) lines.push(t("committee:nudge.unreachable", { count: result.unreachable }));
  if (result.noSecretary > 0) lines.push(t("committee:nudge.noSecretary", { count: result.noSecretary }));
  return say(lines.join("\n"));
}

/** The committee's `/caidat` as typed on a text channel: `/caidat dangbo …` (Telegram's words name the group's `/caidat …`). */
const typedOnTextChannel = (text: string): string =>
  text.replace(/\/(caidat|settings) /g, (_, command: string) => `/${command} ${command === "caidat" ? "dangbo" : "committee"} `);

/**
 * `/caidat dangbo [số] [tùy chọn giá trị]` on a text channel: the committee's report settings,
 * as `/caidat` in the committee's Telegram group — shown to its officers, changed by the bí thư
 * and the office (the use case checks); an officer of several committees names one by number.
 */
export async function committeeSettingsCommand(deps: Deps, who: Speaker, args: string): Promise<Shown> {
  const { t } = who;
  const picked = await pickCommittee(deps, who, args.trim().split(/\s+/).slice(1).join(" "), "/caidat dangbo 1");
  if ("screens" in picked) return picked;
  const result = await committeeSettings(deps, picked.actor, picked.rest);
  if (result.kind !== "shown" && result.kind !== "changed") return say(typedOnTextChannel(t(`committee:settings.${result.kind}`)));
  const { settings: s, kind, ...unit } = result;
  return say(
    typedOnTextChannel(
      t(`committee:settings.${kind === "shown" ? "show" : "changed"}`, {
        place: s.place || t("committee:settings.notSet"),
        number: s.reportNumber || t("committee:settings.numberBlank"),
        conclusion: t(s.conclusion21 ? "committee:settings.kl21On" : "committee:settings.kl21Off"),
        ...levelShown(t, s, unit, t("committee:settings.notSet")),
      }),
    ),
  );
}

/** The committee's typed section after "Đánh giá chung" / "Phương hướng" under an ended campaign (awaited "ctext"). Null: none awaited. */
export async function typedCampaignText(deps: Deps, who: Speaker, awaiting: string | null, typed: string): Promise<Shown | null> {
  const target = parseAwaitingReportText(awaiting);
  if (!target || target.unit !== "campaign") return null;
  const { t } = who;
  const committee = await deps.committees.findCommittee(target.committeeId);
  const actor = committee && (await committeeActor(deps, committee, who.userId));
  // The use case checks the caller again (an officer of that committee, the campaign ended).
  const result = await saveCampaignText(deps, actor, who.userId, target, typed);
  return say(typedTextAnswer(t, result, target.key, "zalo-committee:texts.saved"));
}

/** What the officer is told when a campaign opens (Telegram's committee group and a text channel's private chat). */
export function campaignOpenedText(t: Translate, result: Extract<OpenCampaignResult, { kind: "opened" }>): string {
  const lines = [
    t("committee:campaign.opened", {
      title: result.campaign.title,
      deadline: formatDay(result.campaign.deadlineDay),
      rounds: result.rounds,
      cells: result.cells,
    }),
  ];
  if (result.busy > 0) lines.push("", t("committee:campaign.busyNote", { count: result.busy }));
  return lines.join("\n");
}
