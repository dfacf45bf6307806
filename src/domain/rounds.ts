/** Rules of a self-examination round (đợt tự soi). */

/** A round accepts answers until its deadline and while it is not closed (closed early or at the deadline). */
export function isRoundOpen(round: { closedAt: Date | null; deadline: Date }, now: Date): boolean {
  return round.closedAt === null && now.getTime() <= round.deadline.getTime();
}
