/**
 * Roles in a cell and what each may do. The secretary (bí thư) is whoever set the cell up;
 * the secretary appoints deputies (phó bí thư) and committee members (chi ủy viên).
 */
export const ROLES = ["SECRETARY", "DEPUTY", "COMMITTEE", "MEMBER"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Open a round (/dotmoi) and nudge members (/nhacnho). */
export const canManageRounds = (role: Role): boolean => role === "SECRETARY" || role === "DEPUTY";

/** See the cell's aggregate (/baocao). */
export const canSeeReport = (role: Role): boolean => role !== "MEMBER";

/** Appoint or remove deputies and committee members, change the schedule. */
export const canManageRoles = (role: Role): boolean => role === "SECRETARY";
