/**
 * A cell's officers on a text channel (issue 20: "roles, handover, pause, time zone"), with no
 * channel in it: `/vaitro` (the members as numbered choices, then one member's actions — Phó bí
 * thư, Chi ủy viên, take the role back, Sửa họ tên, Giao chức bí thư with its confirmation,
 * remove), `/lich`, `/caidat` (every setting, `muigio` included), `/huongdan` (the commands a
 * person types, no buttons), `/ngonngu` (the language as numbered choices), and `/nhanbithu`,
 * which on a text channel only says how the role changes hands: the channel tells the bot nothing
 * of group administrators, so nobody takes the role by typing a command there.
 *
 * The same use cases and permission checks as Telegram's /vaitro, handover, /lich and /caidat
 * (app/members.ts, app/handover.ts, app/followup.ts, app/report-files.ts): a choice id is data
 * the person sends back, so every action checks again who is acting, on whom, now. A typed
 * number means a choice of the last screen shown to that person only (channels/text-render).
 *
 * A member the secretary changed (a new secretary, a corrected name) is told through the outbox,
 * in their language, on the channel where they are.
 */
import { createHash } from "node:crypto";
import type { Locale } from "../config.js";
import { isLocale } from "../config.js";
import { formatDay } from "../domain/calendar.js";
import { canManageCommitteeRoles } from "../domain/committee.js";
import { canManageRounds } from "../domain/roles.js";
import { isVietnamTime, utcOffsetLabel } from "../domain/zones.js";
import { currentPause, type ZoneChangeResult } from "./cell-time.js";
import { officerCommittees } from "./committee.js";
import type { AppDeps } from "./deps.js";
import { followUpSchedule, type ScheduleView } from "./followup.js";
import { handOverSecretary, handoverTarget } from "./handover.js";
import { listMembers, memberMenu, parseAwaitingRename, renameMember, setMemberRole, startRenameMember, type RoleChange } from "./members.js";
import type { Choice, Screen } from "./messages.js";
import { setLanguage } from "./onboarding.js";
import type { MemberRecord, MemberWithCell } from "./ports.js";
import { reportSettings } from "./report-files.js";
import { formatTime } from "./screens/format.js";
import type { Translate } from "./screens/screen.js";
import { levelShown } from "./screens/settings.js";
import { membershipOf } from "./session.js";
import { notice, say, type Shown, type Speaker as FullSpeaker } from "./conversation-shown.js";

type Deps = AppDeps;

/** Who is talking: the part of the conversation's Speaker (conversation-shown.ts) used here. */
type Speaker = Pick<FullSpeaker, "userId" | "t" | "locale" | "membership" | "translator">;

/** Members per /vaitro screen, as Telegram's page. */
const MEMBERS_PER_PAGE = 20;

// Choice ids (version "1", as every choice id): typed back as numbers, so never shown; each is
// decoded strictly and checked again by the use case.
const ROLE_CODES: Record<string, RoleChange> = { d: "DEPUTY", c: "COMMITTEE", m: "MEMBER", x: "REMOVE" };
const CODE_OF_ROLE: Record<RoleChange, string> = { DEPUTY: "d", COMMITTEE: "c", MEMBER: "m", REMOVE: "x" };
const STAY_CODES: Record<string, "MEMBER" | "DEPUTY"> = { m: "MEMBER", d: "DEPUTY" };
const ID = "([1-9]\\d{0,9})";

export type CellAdminAction =
  | { action: "page"; page: number }
  | { action: "menu"; memberId: number }
  | { action: "role"; memberId: number; role: RoleChange }
  | { action: "rename"; memberId: number }
  | { action: "handover"; memberId: number }
  | { action: "handoverConfirm"; memberId: number; stayAs: "MEMBER" | "DEPUTY" }
  | { action: "handoverCancel" }
  | { action: "language"; locale: Locale };

/** The choice ids this module answers. */
export const CELL_ADMIN_PATTERN = /^1(?:v|lg):/;

export function encodeCellAdmin(a: CellAdminAction): string {
  switch (a.action) {
    case "page":
      return `1v:p:${a.page}`;
    case "menu":
      return `1v:m:${a.memberId}`;
    case "role":
      return `1v:r:${a.memberId}:${CODE_OF_ROLE[a.role]}`;
    case "rename":
      return `1v:n:${a.memberId}`;
    case "handover":
      return `1v:h:${a.memberId}`;
    case "handoverConfirm":
      return `1v:hc:${a.memberId}:${a.stayAs === "DEPUTY" ? "d" : "m"}`;
    case "handoverCancel":
      return "1v:hx";
    case "language":
      return `1lg:${a.locale}`;
  }
}

export function decodeCellAdmin(id: string): CellAdminAction | null {
  let m: RegExpExecArray | null;
  if ((m = /^1v:p:(\d{1,4})$/.exec(id))) return { action: "page", page: Number(m[1]) };
  if ((m = new RegExp(`^1v:m:${ID}$`).exec(id))) return { action: "menu", memberId: Number(m[1]) };
  if ((m = new RegExp(`^1v:r:${ID}:([dcmx])$`).exec(id))) return { action: "role", memberId: Number(m[1]), role: ROLE_CODES[m[2]!]! };
  if ((m = new RegExp(`^1v:n:${ID}$`).exec(id))) return { action: "rename", memberId: Number(m[1]) };
  if ((m = new RegExp(`^1v:h:${ID}$`).exec(id))) return { action: "handover", memberId: Number(m[1]) };
  if ((m = new RegExp(`^1v:hc:${ID}:([md])$`).exec(id))) return { action: "handoverConfirm", memberId: Number(m[1]), stayAs: STAY_CODES[m[2]!]! };
  if (id === "1v:hx") return { action: "handoverCancel" };
  if ((m = /^1lg:([a-z]{2})$/.exec(id)) && isLocale(m[1])) return { action: "language", locale: m[1] };
  return null;
}

/** The speaker's membership, or what a person in no cell is told (a committee's officer: where their roles are). */
async function memberOr(deps: Deps, who: Speaker): Promise<MemberWithCell | Shown> {
  const member = who.membership ? await who.membership() : await membershipOf(deps, who.userId);
  if (member) return member;
  const [officer] = await officerCommittees(deps, who.userId);
  return say(
    officer ? who.t("error.notMemberOfficer", { role: who.t(`committee:role.${officer.role}`), committee: officer.committee.name }) : who.t("error.notMember"),
  );
}

const isShown = (x: MemberWithCell | Shown): x is Shown => "screens" in x;

/** A choice of this module's (one number on a screen). */
const choice = (label: string, a: CellAdminAction): Choice => ({ label, id: encodeCellAdmin(a) });

/**
 * Tells `member` something in private, through the outbox (the channel where they are), in
 * their own language. `what` names the event in the key, so telling twice of one event sends once.
 */
async function tell(deps: Deps, who: Speaker, member: MemberRecord, what: string, text: (t: Translate) => string): Promise<void> {
  const user = await deps.users.findUser(member.userId);
  const locale = isLocale(user?.locale) ? user.locale : who.locale;
  const t = locale === who.locale || !who.translator ? who.t : who.translator(locale);
  const now = deps.clock();
  const message = { text: text(t) };
  // One message per event: the same words to the same member at the same instant are one.
  const digest = createHash("sha256").update(message.text).digest("hex").slice(0, 16);
  await deps.outbox.enqueue(
    [
      {
        key: `notice:${what}:${member.id}:${now.getTime()}:${digest}`,
        kind: "NOTICE",
        cellId: member.cellId,
        memberId: member.id,
        roundId: null,
        to: { userId: member.userId },
        message,
        notBefore: now,
        expiresAt: null,
      },
    ],
    now,
  );
}

// ——— /vaitro ———

/** One screen of the member list: every other member a numbered choice (their role beside the name). */
function membersScreen(who: Speaker, actor: MemberWithCell, all: MemberRecord[], page: number): Screen {
  const { t } = who;
  const pages = Math.max(Math.ceil(all.length / MEMBERS_PER_PAGE), 1);
  const at = Math.min(Math.max(page, 0), pages - 1);
  const lines = [t("cell-admin:roles.title", { cell: actor.cell.name.slice(0, 100), count: all.length })];
  const choices: Choice[][] = [];
  for (const m of all.slice(at * MEMBERS_PER_PAGE, (at + 1) * MEMBERS_PER_PAGE)) {
    const line = t("admin:members.line", { name: m.fullName, role: t(`role.${m.role}`) });
    if (m.id === actor.id) lines.push(t("cell-admin:roles.you", { line }));
    else choices.push([choice(line, { action: "menu", memberId: m.id })]);
  }
  if (pages > 1) {
    lines.push(t("assessment:page.indicator", { page: at + 1, pages }));
    const row: Choice[] = [];
    if (at > 0) row.push(choice(t("assessment:page.previous"), { action: "page", page: at - 1 }));
    if (at < pages - 1) row.push(choice(t("assessment:page.next"), { action: "page", page: at + 1 }));
    choices.push(row);
  }
  if (choices.length === 0) lines.push("", t("cell-admin:roles.alone"));
  return { text: lines.join("\n"), ...(choices.length > 0 ? { choices } : {}) };
}

/** `/vaitro`: the secretary's member list (anyone else is refused, as on Telegram). */
async function roles(deps: Deps, who: Speaker): Promise<Shown> {
  const actor = await memberOr(deps, who);
  if (isShown(actor)) return actor;
  const result = await listMembers(deps, actor);
  if (result.kind === "forbidden") return say(who.t("admin:members.forbidden"));
  return { screens: [membersScreen(who, actor, result.members, 0)] };
}

const handoverRefusal = (kind: string) =>
  kind === "notInCell" ? "admin:members.notInCell" : kind === "self" ? "admin:members.self" : "cycle:handover.forbidden";

/** One of /vaitro's choices, checked again by its use case (a stale or forged one changes nothing). */
async function chooseRoles(deps: Deps, who: Speaker, actor: MemberWithCell, action: CellAdminAction): Promise<Shown> {
  const { t } = who;
  switch (action.action) {
    case "page": {
      const result = await listMembers(deps, actor);
      if (result.kind === "forbidden") return notice(t("admin:members.forbidden"));
      return { screens: [{ ...membersScreen(who, actor, result.members, action.page), replace: true }] };
    }
    case "menu": {
      const result = await memberMenu(deps, actor, action.memberId);
      if (result.kind === "forbidden") return notice(t("admin:members.forbidden"));
      if (result.kind === "notInCell") return notice(t("admin:members.notInCell"));
      const target = result.member;
      const id = target.id;
      const choices: Choice[][] = [
        [choice(t("admin:members.makeDeputy"), { action: "role", memberId: id, role: "DEPUTY" })],
        [choice(t("admin:members.makeCommittee"), { action: "role", memberId: id, role: "COMMITTEE" })],
        [choice(t("admin:members.makeMember"), { action: "role", memberId: id, role: "MEMBER" })],
        [choice(t("admin:members.rename"), { action: "rename", memberId: id })],
        [choice(t("cycle:handover.button"), { action: "handover", memberId: id })],
        [choice(t("admin:members.remove"), { action: "role", memberId: id, role: "REMOVE" })],
        [choice(t("cell-admin:roles.back"), { action: "page", page: 0 })],
      ];
      return { screens: [{ text: t("admin:members.choose", { name: target.fullName, role: t(`role.${target.role}`) }), choices, replace: true }] };
    }
    case "role": {
      const result = await setMemberRole(deps, actor, action.memberId, action.role);
      if (result.kind === "forbidden") return notice(t("admin:members.forbidden"));
      if (result.kind === "notInCell") return notice(t("admin:members.notInCell"));
      if (result.kind === "self") return notice(t("admin:members.self"));
      if (result.role === "REMOVE") return { screens: [{ text: t("admin:members.removed", { name: result.member.fullName }), replace: true }] };
      return { screens: [{ text: t("admin:members.changed", { name: result.member.fullName, role: t(`role.${result.role}`) }), replace: true }] };
    }
    case "rename": {
      const result = await startRenameMember(deps, actor, action.memberId);
      if (result.kind === "forbidden") return notice(t("admin:members.renameForbidden"));
      if (result.kind === "notInCell") return notice(t("admin:members.notInCell"));
      return { screens: [{ text: t("admin:members.renamePrompt", { name: result.member.fullName }), replace: true }] };
    }
    case "handover": {
      const result = await handoverTarget(deps, actor, action.memberId);
      if (result.kind !== "target") return notice(t(handoverRefusal(result.kind)));
      const id = result.member.id;
      const choices: Choice[][] = [
        [choice(t("cycle:handover.confirmMember"), { action: "handoverConfirm", memberId: id, stayAs: "MEMBER" })],
        [choice(t("cycle:handover.confirmDeputy"), { action: "handoverConfirm", memberId: id, stayAs: "DEPUTY" })],
        [choice(t("cycle:handover.cancel"), { action: "handoverCancel" })],
      ];
      return { screens: [{ text: t("cycle:handover.confirm", { cell: actor.cell.name, name: result.member.fullName }), choices, replace: true }] };
    }
    case "handoverCancel":
      return { screens: [{ text: t("cycle:handover.cancelled"), replace: true }] };
    case "handoverConfirm": {
      const result = await handOverSecretary(deps, actor, action.memberId, action.stayAs);
      if (result.kind === "stale") return notice(t("cycle:handover.stale"));
      if (result.kind !== "handedOver") return notice(t(handoverRefusal(result.kind)));
      await tell(deps, who, result.to, "handover", (tt) => tt("cycle:handover.told", { cell: actor.cell.name, from: actor.fullName }));
      return { screens: [{ text: t("cycle:handover.done", { name: result.to.fullName, role: t(`role.${action.stayAs}`) }), replace: true }] };
    }
    case "language":
      throw new Error("not a /vaitro choice");
  }
}

/**
 * The secretary's typed correction after "Sửa họ tên" (awaited "renameMember"): the use case
 * checks again that they are still the secretary of that member's cell. The member is told.
 */
export async function typedRename(deps: Deps, who: Speaker, awaiting: string, typed: string): Promise<Shown | null> {
  if (!parseAwaitingRename(awaiting)) return null;
  const { t } = who;
  const actor = await memberOr(deps, who);
  if (isShown(actor)) {
    await deps.users.setAwaiting(who.userId, null);
    return actor;
  }
  const result = await renameMember(deps, actor, awaiting, typed);
  switch (result.kind) {
    case "forbidden":
      return say(t("admin:members.renameForbidden"));
    case "notInCell":
      return say(t("admin:members.notInCell"));
    case "renamed":
      break;
    default:
      return say(
        t({ tooShort: "onboarding:join.nameTooShort", tooLong: "onboarding:join.nameTooLong", noLetter: "onboarding:join.nameNoLetter" }[result.kind]),
      );
  }
  if (result.member.id !== actor.id) {
    await tell(deps, who, result.member, "renamed", (tt) => tt("onboarding:name.renamedBySecretary", { name: result.fullName }));
  }
  return say(t("admin:members.renamed", { old: result.member.fullName, name: result.fullName }));
}

// ——— /lich, /caidat ———

function describeSchedule(t: Translate, s: ScheduleView) {
  // "giờ Việt Nam", or the UTC offset at the next run for another zone: never the raw identifier.
  const zone = isVietnamTime(s.timeZone)
    ? t("followup:schedule.zoneVietnam")
    : t("followup:schedule.zoneOffset", { offset: utcOffsetLabel(s.next, s.timeZone) });
  return {
    day: s.day === "last" ? t("followup:schedule.lastDay") : t("followup:schedule.day", { day: s.day }),
    time: s.time,
    zone,
    next: formatTime(s.next, s.timeZone),
  };
}

/** `/lich [ngày] [HH:MM]`: the follow-up schedule, or the secretary sets it (as Telegram's /lich). */
async function schedule(deps: Deps, who: Speaker, args: string): Promise<Shown> {
  const { t } = who;
  const member = await memberOr(deps, who);
  if (isShown(member)) return member;
  const result = await followUpSchedule(deps, member, args);
  const paused = await currentPause(deps, member.cellId);
  const pauseLine = paused ? `\n${t("cycle:pause.scheduleLine", { from: formatDay(paused.from), until: formatDay(paused.until) })}` : "";
  switch (result.kind) {
    case "shown":
      return say(t("followup:schedule.show", describeSchedule(t, result.schedule)) + pauseLine);
    case "changed":
      return say(t("followup:schedule.changed", describeSchedule(t, result.schedule)) + pauseLine);
    default:
      return say(t(`followup:schedule.${result.kind}`));
  }
}

/** The reply to `/caidat muigio …`: the new zone as people say it, or the common zones to pick from (as Telegram's). */
function zoneChange(deps: Deps, t: Translate, result: Extract<ZoneChangeResult, { kind: "zoneChanged" | "badZone" }>): string {
  const now = deps.clock();
  const label = (zone: string) => (isVietnamTime(zone) ? t("cycle:timezone.vietnam") : utcOffsetLabel(now, zone));
  if (result.kind === "badZone") return t("cycle:timezone.bad", { list: result.common.map((z) => `<code>${z}</code> (${label(z)})`).join("\n") });
  const lines = [t("cycle:timezone.changed", { zone: result.zone, label: label(result.zone) })];
  if (result.round) lines.push(t("cycle:timezone.roundMoved", { title: result.round.title, deadline: formatDay(result.round.deadlineDay) }));
  return lines.join("\n");
}

/** `/caidat [option value]`: the report settings and the time zone, shown or set (secretary), as Telegram's. */
async function settings(deps: Deps, who: Speaker, args: string): Promise<Shown> {
  const { t } = who;
  const member = await memberOr(deps, who);
  if (isShown(member)) return member;
  const result = await reportSettings(deps, member, args);
  if (result.kind === "zoneChanged" || result.kind === "badZone") return say(zoneChange(deps, t, result));
  if (result.kind !== "shown" && result.kind !== "changed") return say(t(`report:settings.${result.kind}`));
  const { settings: s, ...unit } = result;
  const shown = {
    threshold: s.reportThreshold,
    place: s.place || t("report:settings.notSet"),
    number: s.reportNumber || t("report:settings.numberBlank"),
    conclusion: t(s.conclusion21 ? "report:settings.kl21On" : "report:settings.kl21Off"),
    ...levelShown(t, s, unit, t("report:settings.notSet")),
  };
  const text = t(result.kind === "shown" ? "report:settings.show" : "report:settings.changed", shown);
  // The time zone is a setting too: shown under the others, with how to change it.
  return say(result.kind === "shown" ? `${text}\n\n${t("cell-admin:settings.zone", { zone: member.cell.timezone })}` : text);
}

// ——— /huongdan, /ngonngu, /nhanbithu ———

/** `/huongdan` on a text channel: the commands the person types there, by role (no buttons). */
async function help(deps: Deps, who: Speaker): Promise<Shown> {
  const { t } = who;
  const member = who.membership ? await who.membership() : await membershipOf(deps, who.userId);
  const sections = [t("help:intro"), ""];
  if (!member) sections.push(t("cell-admin:help.notMember"));
  else {
    sections.push(t("onboarding:start.member", { role: t(`role.${member.role}`), cell: member.cell.name }), "", t("cell-admin:help.member"));
    if (member.role === "COMMITTEE") sections.push("", t("cell-admin:help.committee"));
    if (member.role === "DEPUTY") sections.push("", t("cell-admin:help.deputy"));
    if (member.role === "SECRETARY") sections.push("", t("cell-admin:help.secretary"));
    if (canManageRounds(member.role)) sections.push(t("zalo-help:meeting"), "", t("cell-admin:help.notHere"));
  }
  // A committee's officer: the committee's commands that work here (the bí thư's own too), and those left to Telegram.
  const committees = await officerCommittees(deps, who.userId);
  for (const c of committees) {
    sections.push("", t("zalo-help:committeeOfficer", { role: t(`committee:role.${c.role}`), committee: c.committee.name }));
    if (canManageCommitteeRoles(c.role)) sections.push(t("zalo-help:committeeSecretary"));
  }
  if (committees.length > 1) sections.push("", t("zalo-help:committeeSeveral"));
  if (committees.length > 0) sections.push("", t("zalo-help:committeeTelegramOnly"));
  sections.push("", t("help:footer"));
  return say(sections.join("\n"));
}

/** `/ngonngu`: the two languages as numbered choices. */
function languageChoice(who: Speaker): Shown {
  const { t } = who;
  return {
    screens: [
      {
        text: t("language.choose"),
        choices: [[choice(t("language.vi"), { action: "language", locale: "vi" }), choice(t("language.en"), { action: "language", locale: "en" })]],
      },
    ],
  };
}

/**
 * `/nhanbithu` on a text channel: a text channel tells the bot nothing of group administrators,
 * so nobody takes the secretary role here by typing a command; the answer says how the role
 * changes hands (the secretary's /vaitro; with a Telegram group, its admin's /nhanbithu there).
 */
async function reclaim(deps: Deps, who: Speaker): Promise<Shown> {
  const { t } = who;
  const member = await memberOr(deps, who);
  if (isShown(member)) return member;
  if (member.role === "SECRETARY") return say(t("cycle:handover.alreadySecretary"));
  const secretary = await deps.members.secretaryOf(member.cellId);
  const lines = [t("cell-admin:reclaim.how")];
  if (secretary) lines.unshift(t("cell-admin:reclaim.secretary", { name: secretary.fullName }));
  lines.push(t(member.cell.group ? "cell-admin:reclaim.withGroup" : "cell-admin:reclaim.noGroup"));
  return say(lines.join("\n\n"));
}

// ——— entry points ———

/** A command of this module's on a text channel, or null (not one of them). */
export async function cellAdminCommand(deps: Deps, who: Speaker, name: string, args: string): Promise<Shown | null> {
  switch (name) {
    case "vaitro":
    case "roles":
      return roles(deps, who);
    case "lich":
    case "schedule":
      return schedule(deps, who, args);
    case "caidat":
    case "settings":
      return settings(deps, who, args);
    case "huongdan":
    case "help":
      return help(deps, who);
    case "ngonngu":
    case "lang":
      return languageChoice(who);
    case "nhanbithu":
    case "reclaim":
      return reclaim(deps, who);
    default:
      return null;
  }
}

/** A number typed on one of this module's screens (its choice id): acted on after the use case's checks. */
export async function chooseCellAdmin(deps: Deps, who: Speaker, id: string): Promise<Shown> {
  const { t } = who;
  const action = decodeCellAdmin(id);
  if (!action) return notice(t("error.badButton"));
  if (action.action === "language") {
    await setLanguage(deps, who.userId, action.locale);
    const next = who.translator ? who.translator(action.locale) : t;
    return { screens: [{ text: next("language.set"), replace: true }] };
  }
  const actor = await memberOr(deps, who);
  if (isShown(actor)) return actor;
  return chooseRoles(deps, who, actor, action);
}
