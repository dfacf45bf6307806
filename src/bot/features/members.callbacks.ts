/**
 * /vaitro's buttons: a page of the member list, a member's menu, a role, "Sửa họ tên", and
 * "Cho tham gia lại". Typed codecs (callback-codec.ts); the `*_PATTERN` and `encode…` names
 * are those callback-data.ts always exported.
 */
import { codec, codeField, idField, indexField, type Field } from "../callback-codec.js";

export const ROLE_CODES = { DEPUTY: "d", COMMITTEE: "c", MEMBER: "m", REMOVE: "x" } as const;
export type RoleCode = keyof typeof ROLE_CODES;
const roleField = codeField(ROLE_CODES);

/**
 * The removal instant a rejoin button was sent for: epoch ms in base 36 (8–10 characters).
 * Text of the right alphabet that is no instant reads as "stale" (told so, as it always was).
 */
const stampField: Field<Date | "stale"> = {
  source: "[0-9a-z]{1,10}",
  maxBytes: 10,
  parse: (raw) => {
    const ms = parseInt(raw, 36);
    return Number.isSafeInteger(ms) && ms > 0 ? new Date(ms) : "stale";
  },
  format: (value) => (value === "stale" ? "0" : value.getTime().toString(36)),
};

export const membersPageData = codec("membersPage", "vp", { page: indexField }, { scope: "officer", refusal: "admin:members.forbidden" });
export const memberMenuData = codec("memberMenu", "mm", { memberId: idField }, { scope: "officer", refusal: "admin:members.forbidden" });
export const setRoleData = codec("setRole", "sr", { memberId: idField, role: roleField }, { scope: "officer", refusal: "admin:members.forbidden" });
/** "Sửa họ tên" in a member's menu (the secretary corrects that member's name). */
export const renameMemberData = codec("renameMember", "rn", { memberId: idField }, { scope: "private" });
/**
 * "Cho tham gia lại": the secretary approves a removed member's rejoining. Carries the removal
 * instant so the button only ever approves the removal it was sent for.
 */
export const rejoinData = codec("rejoin", "rj", { memberId: idField, removedAt: stampField }, { scope: "private" });

export const MEMBERS_CALLBACKS = [membersPageData, memberMenuData, setRoleData, renameMemberData, rejoinData] as const;

export const MEMBERS_PAGE_PATTERN = membersPageData.pattern;
export const encodeMembersPage = (page: number) => membersPageData.encode({ page });
export const MEMBER_MENU_PATTERN = memberMenuData.pattern;
export const encodeMemberMenu = (memberId: number) => memberMenuData.encode({ memberId });
export const SET_ROLE_PATTERN = setRoleData.pattern;
export const encodeSetRole = (memberId: number, role: RoleCode) => setRoleData.encode({ memberId, role });
export const roleFromCode = (code: string): RoleCode | null => roleField.parse(code);
export const RENAME_MEMBER_PATTERN = renameMemberData.pattern;
export const encodeRenameMember = (memberId: number) => renameMemberData.encode({ memberId });
export const REJOIN_PATTERN = rejoinData.pattern;
export const encodeRejoin = (memberId: number, removedAt: Date) => rejoinData.encode({ memberId, removedAt });
export const rejoinStamp = (code: string): Date | null => {
  const at = stampField.parse(code);
  return at === "stale" ? null : at;
};
