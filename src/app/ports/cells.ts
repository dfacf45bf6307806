/** Cells (chi bộ): their group, join code, follow-up schedule and report settings. */
import type { Destination } from "../messages.js";
import type { CellRecord, CellSchedule, CellSettings, MemberRecord, NewCell, Pause } from "./records.js";

export interface CellsRepository {
  findCellByGroup(group: Destination): Promise<CellRecord | null>;
  findCellByJoinCode(joinCode: string): Promise<CellRecord | null>;
  /** Creates the cell and its secretary's membership together. */
  createCell(cell: NewCell): Promise<{ cell: CellRecord; secretary: MemberRecord }>;
  renameCell(cellId: number, name: string, groupTitle: string): Promise<CellRecord>;
  /**
   * Links the cell to a group (a Zalo group: `@bot /chibo` there), replacing the group it had, or
   * unlinks it (null). Null when another unit's cell holds that group already (the unique pair).
   */
  setCellGroup(cellId: number, group: Destination | null): Promise<CellRecord | null>;
  listCellSchedules(): Promise<CellSchedule[]>;
  findCellSchedule(cellId: number): Promise<CellSchedule | null>;
  setFollowUpSchedule(cellId: number, day: number, time: string): Promise<void>;
  setLastFollowUpAt(cellId: number, at: Date): Promise<void>;
  cellSettings(cellId: number): Promise<CellSettings>;
  setCellSettings(cellId: number, settings: Partial<CellSettings>): Promise<void>;
  /** The cell's time zone (/caidat muigio). */
  setTimezone(cellId: number, timeZone: string): Promise<void>;
  /** The pause of reminders and follow-ups (/tamdung); null lifts it. */
  setPause(cellId: number, pause: Pause | null): Promise<void>;
}
