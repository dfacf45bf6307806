/**
 * The committee level (đảng ủy cấp trên): the tree of committees over cells, who may do what
 * on a committee's roster, and the roll-up of a campaign over a committee's subtree. Pure
 * data and arithmetic; the roll-up adds up per-cell aggregates and never sees a form.
 */
import { groupSeesItems, percent, tallyItems, type ItemCount, type RemediationSummary } from "./report.js";

/** Roles on a committee's roster. Officers: bí thư, phó bí thư, cán bộ văn phòng (staff). */
export const COMMITTEE_ROLES = ["SECRETARY", "DEPUTY", "STAFF", "MEMBER"] as const;
export type CommitteeRole = (typeof COMMITTEE_ROLES)[number];

export function isCommitteeRole(value: string): value is CommitteeRole {
  return (COMMITTEE_ROLES as readonly string[]).includes(value);
}

/** Link units, open and end campaigns, see the roll-up and its files, nudge secretaries. */
export const isCommitteeOfficer = (role: CommitteeRole): boolean => role !== "MEMBER";

/** Give roster roles (only the committee's bí thư). */
export const canManageCommitteeRoles = (role: CommitteeRole): boolean => role === "SECRETARY";

/** Change the report settings (/caidat): the bí thư and the office that compiles the report. */
export const canChangeCommitteeSettings = (role: CommitteeRole): boolean => role === "SECRETARY" || role === "STAFF";

/** How long a link code posted by /lienket stays valid. */
export const LINK_CODE_TTL_MS = 48 * 3600_000;

/** One committee in the tree: its id and its parent (null at the top). */
export interface TreeNode {
  id: number;
  parentId: number | null;
}

/** Parent of every committee, by id. */
export function parentMap(nodes: Iterable<TreeNode>): Map<number, number | null> {
  return new Map([...nodes].map((n) => [n.id, n.parentId]));
}

/** The committee's ids and those of every committee below it, at any depth (the committee first). */
export function subtreeIds(nodes: Iterable<TreeNode>, rootId: number): number[] {
  const children = new Map<number, number[]>();
  for (const n of nodes) if (n.parentId !== null) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
  const out: number[] = [];
  const seen = new Set<number>();
  const queue = [rootId];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue; // a loop in stored data never spins forever
    seen.add(id);
    out.push(id);
    queue.push(...(children.get(id) ?? []));
  }
  return out;
}

/** True when `ancestorId` is `id` itself or one of its parents, grandparents, … */
export function isAncestorOrSelf(parents: ReadonlyMap<number, number | null>, ancestorId: number, id: number): boolean {
  const seen = new Set<number>();
  for (let at: number | null | undefined = id; at !== null && at !== undefined && !seen.has(at); at = parents.get(at)) {
    if (at === ancestorId) return true;
    seen.add(at);
  }
  return false;
}

/** A unit that can be attached under a committee. */
export type Unit = { kind: "cell"; id: number; parentId: number | null } | { kind: "committee"; id: number; parentId: number | null };

/** What attaching `unit` under committee `targetId` means. */
export type AttachPlan =
  | { kind: "attach" }
  | { kind: "move"; fromId: number }
  | { kind: "already" }
  /** The target is the unit itself or below it: attaching would make a loop. */
  | { kind: "loop" };

/**
 * Decides an attachment: a unit has one parent, so attaching it elsewhere moves it; a
 * committee may not go under itself or under any committee of its own subtree.
 */
export function planAttach(parents: ReadonlyMap<number, number | null>, unit: Unit, targetId: number): AttachPlan {
  if (unit.kind === "committee" && isAncestorOrSelf(parents, unit.id, targetId)) return { kind: "loop" };
  if (unit.parentId === targetId) return { kind: "already" };
  if (unit.parentId === null) return { kind: "attach" };
  return { kind: "move", fromId: unit.parentId };
}

/** One cell's figures in a campaign, as its own report counts them (aggregates only). */
export interface CellFigures {
  cellId: number;
  name: string;
  /** The committee the cell sits directly under. */
  parentId: number;
  /** Members counted in the cell's campaign round (its active members when it has none). */
  members: number;
  submitted: number;
  /** The cell has a round in the campaign. */
  hasRound: boolean;
  /** That round is closed (deadline passed, or ended early). */
  closed: boolean;
  /** The cell's own setting: forms needed before its item figures reach a group. */
  threshold: number;
  /** Members marking each item at each level (NONE excluded). */
  items: { itemCode: string; value: string; count: number }[];
  remediation: RemediationSummary;
  /** The cell's meeting on the campaign's round (members present), null when none is recorded. */
  meeting?: { present: number } | null;
  /** The chi ủy's collective form of the round is filed (counted apart, never among the members). */
  collective?: boolean;
  /**
   * A unit not on the bot whose figures the committee's office entered (/nhapso): counted like a
   * cell, its items given as totals (value "TOTAL"), its line marked as entered.
   */
  entered?: boolean;
  /** An entered unit's item counts were entered (the sheet); without them its forms never count for items. */
  itemsEntered?: boolean;
}

export interface UnitLine {
  kind: "cell" | "committee";
  id: number;
  name: string;
  members: number;
  submitted: number;
  percent: number;
  /** A unit not on the bot, its figures entered by the committee's office. */
  entered?: boolean;
  /** The unit held its meeting (a đảng bộ: every cell below it did; see directUnitFigures); set by buildRollup. */
  held?: boolean;
}

/** An item line's share of the counted members (those who submitted in the cells whose figures count), whole percent. */
export const itemPercent = (data: Pick<RollupData, "countedMembers">, item: ItemCount): number => percent(item.total, data.countedMembers);

export interface RollupData {
  cells: number;
  /** Cells with at least one submitted form in the campaign. */
  started: number;
  startedPercent: number;
  /** Cells where every counted member submitted (a cell with no member is not complete). */
  complete: number;
  members: number;
  submitted: number;
  percent: number;
  /** One line per direct unit (a cell or a lower committee), lowest share first. */
  units: UnitLine[];
  /** Names of cells of the subtree with no form submitted yet. */
  notStarted: string[];
  /** Cells whose item figures count: round closed with at least the threshold of forms. */
  itemCells: number;
  /** Items marked in the counted cells, most frequent first. */
  items: ItemCount[];
  /** Members who submitted in the counted cells: what each item's percent is of (itemPercent). */
  countedMembers: number;
  remediation: RemediationSummary;
  /** Direct units (đảng bộ, chi bộ trực thuộc) the Party's way, see directUnitFigures. */
  direct: DirectUnitFigures;
  /** Cells of the subtree whose chi ủy filed its collective form (a line of its own)… */
  collectives: number;
  /** …out of the subtree's cells on the bot (entered units have no collective form here). */
  botCells: number;
  /** Some figures were entered by the committee's office for units not on the bot. */
  hasEntered: boolean;
}

/**
 * The Party's own count of a committee's direct units ("đảng bộ, chi bộ trực thuộc"): a direct
 * cell has started when a form was submitted, held its meeting when one is recorded; a direct
 * đảng bộ has started when any cell below it has, held when every cell below it has (and it has
 * one); meetings and members present add up over the whole subtree.
 */
export interface DirectUnitFigures {
  units: number;
  started: number;
  startedPercent: number;
  held: number;
  heldPercent: number;
  meetings: number;
  present: number;
}

const collator = new Intl.Collator("vi", { sensitivity: "base" });

const emptyRemediation = (): RemediationSummary => ({ committed: 0, corrected: 0, inProgress: 0, notStarted: 0, noAnswer: 0, overdue: 0 });

/**
 * The roll-up of a committee's subtree: participation over every cell, one line per direct
 * unit, and items and correction figures over the cells whose own group may see them
 * (groupSeesItems: closed round, at least the threshold of forms), so that comparing two
 * roll-ups never reveals what one member marked.
 */
export function buildRollup(input: {
  rootId: number;
  committees: (TreeNode & { name: string })[];
  cells: CellFigures[];
  /** Item codes in checklist order (ties keep this order). */
  codes: readonly string[];
  /**
   * The counted cells' items and corrections already added up (one aggregate query instead of
   * per-cell rows); when absent, the cells' own `items` and `remediation` are added here.
   */
  countedTotals?: { items: { itemCode: string; value: string; count: number }[]; remediation: RemediationSummary };
}): RollupData {
  const parents = parentMap(input.committees);
  const inTree = new Set(subtreeIds(input.committees, input.rootId));
  const cells = input.cells.filter((c) => inTree.has(c.parentId));
  const units = new Map<string, UnitLine>();
  // The direct unit a cell counts under: itself when it sits right under the root, else the
  // root's child committee it descends from.
  const directUnitOf = (cell: CellFigures): UnitLine => {
    if (cell.parentId === input.rootId) {
      // An entered unit keeps its own key: its id is not a cell's.
      return {
        kind: "cell",
        id: cell.entered ? -cell.cellId : cell.cellId,
        name: cell.name,
        members: 0,
        submitted: 0,
        percent: 0,
        ...(cell.entered ? { entered: true } : {}),
      };
    }
    let at = cell.parentId;
    for (let depth = 0; parents.get(at) !== input.rootId && depth < parents.size; depth++) at = parents.get(at) ?? input.rootId;
    const name = input.committees.find((c) => c.id === at)?.name ?? "";
    return { kind: "committee", id: at, name, members: 0, submitted: 0, percent: 0 };
  };
  for (const committee of input.committees) {
    if (committee.parentId === input.rootId)
      units.set(`committee:${committee.id}`, { kind: "committee", id: committee.id, name: committee.name, members: 0, submitted: 0, percent: 0 });
  }
  const counted = cells.filter(countsItems);
  const remediation = input.countedTotals ? { ...input.countedTotals.remediation } : emptyRemediation();
  if (!input.countedTotals)
    for (const cell of counted) for (const key of Object.keys(remediation) as (keyof RemediationSummary)[]) remediation[key] += cell.remediation[key];
  let members = 0;
  let submitted = 0;
  for (const cell of cells) {
    members += cell.members;
    submitted += cell.submitted;
    const unit = directUnitOf(cell);
    const line = units.get(`${unit.kind}:${unit.id}`) ?? unit;
    line.members += cell.members;
    line.submitted += cell.submitted;
    units.set(`${unit.kind}:${unit.id}`, line);
  }
  // Direct units the Party's way: each direct unit with the cells it stands for.
  const cellsOf = new Map<string, CellFigures[]>();
  for (const key of units.keys()) cellsOf.set(key, []);
  for (const cell of cells) {
    const unit = directUnitOf(cell);
    cellsOf.get(`${unit.kind}:${unit.id}`)?.push(cell);
  }
  const lines = [...units.entries()]
    .map(([key, u]) => ({ ...u, percent: percent(u.submitted, u.members), held: unitHeld(cellsOf.get(key) ?? []) }))
    .sort((a, b) => share(a) - share(b) || collator.compare(a.name, b.name));
  const started = cells.filter((c) => c.submitted > 0).length;
  const direct = directUnitFigures([...cellsOf.values()], cells);
  // Entered units' item counts are totals (no level), added to the counted cells' own.
  const enteredItems = counted.filter((c) => c.entered).flatMap((c) => c.items);
  const itemRows = input.countedTotals ? [...input.countedTotals.items, ...enteredItems] : counted.flatMap((c) => c.items);
  const countedMembers = counted.reduce((sum, c) => sum + c.submitted, 0);
  return {
    cells: cells.length,
    started,
    startedPercent: percent(started, cells.length),
    complete: cells.filter((c) => c.members > 0 && c.submitted === c.members).length,
    members,
    submitted,
    percent: percent(submitted, members),
    units: lines,
    notStarted: cells
      .filter((c) => c.submitted === 0)
      .map((c) => c.name)
      .sort(collator.compare),
    itemCells: counted.length,
    items: tallyItems(itemRows, input.codes),
    countedMembers,
    remediation,
    direct,
    collectives: cells.filter((c) => c.collective).length,
    botCells: cells.filter((c) => !c.entered).length,
    hasEntered: cells.some((c) => c.entered),
  };
}

/**
 * Started, held, meetings and attendance over direct units, each given as the cells it stands
 * for (a direct cell: itself; a direct đảng bộ: every cell below it, none when it has none).
 */
export function directUnitFigures(units: CellFigures[][], cells: CellFigures[]): DirectUnitFigures {
  const started = units.filter((own) => own.some((c) => c.submitted > 0)).length;
  const held = units.filter(unitHeld).length;
  const withMeeting = cells.filter((c) => c.meeting);
  return {
    units: units.length,
    started,
    startedPercent: percent(started, units.length),
    held,
    heldPercent: percent(held, units.length),
    meetings: withMeeting.length,
    present: withMeeting.reduce((sum, c) => sum + (c.meeting?.present ?? 0), 0),
  };
}

/** A direct unit held its meeting: it stands for at least one cell, and every one of them held it. */
function unitHeld(own: CellFigures[]): boolean {
  return own.length > 0 && own.every((c) => c.meeting);
}

/** A cell's item figures count in the roll-up: its round closed with at least its threshold of forms (groupSeesItems). */
export function countsItems(cell: CellFigures): boolean {
  if (cell.entered && !cell.itemsEntered) return false;
  return cell.hasRound && groupSeesItems(cell.closed, cell.submitted, cell.threshold);
}

/** Exact share for ordering (a unit with no members sorts first: nothing has been done there). */
function share(u: UnitLine): number {
  return u.members === 0 ? -1 : u.submitted / u.members;
}

/** A counted cell's follow-up for the month: asked (schedule.ts followUpAskedFor) and its next follow-up day (cell time). */
export interface CellFollowUp {
  asked: boolean;
  nextDay: string;
}

/**
 * The month's correction progress of a subtree whose cells follow up on different days (issue
 * 19): the month's figures are shown once at least one counted cell's follow-up asked about its
 * campaign round's measures this month; until then `firstDay`, the earliest next follow-up day
 * among the counted cells ("Các chi bộ sẽ được hỏi tiến độ khắc phục từ ngày …"). No counted
 * cell: not asked, no day (there are no measures to ask about).
 */
export function subtreeFollowUp(cells: readonly CellFollowUp[]): { asked: boolean; firstDay: string | null } {
  if (cells.some((c) => c.asked)) return { asked: true, firstDay: null };
  const days = cells.map((c) => c.nextDay).sort();
  return { asked: false, firstDay: days[0] ?? null };
}
