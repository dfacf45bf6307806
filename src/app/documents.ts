/**
 * What the report files (DOCX, XLSX, chart PNG) are made from: plain data, aggregates only
 * (no individual answers) except `DetailInput`, which is for the secretary in private chat.
 * Renderers live in infra/renderers; the words come from locales/<lang>/documents.json.
 */
import type { RollupData } from "../domain/committee.js";
import type { RemediationSummary, ReportData } from "../domain/report.js";
import type { Role } from "../domain/roles.js";

export type DocumentLocale = "vi" | "en";

export interface ItemRow {
  code: string;
  /** The item's short label, in the document's language. */
  short: string;
  minor: number;
  significant: number;
  /** minor + significant */
  total: number;
  /** The same item's total in the previous round, or null when there is no previous round. */
  previousTotal: number | null;
}

export interface GroupRows {
  number: number;
  title: string;
  shortTitle: string;
  items: ItemRow[];
}

export interface Trend {
  previousRoundTitle: string;
  previousDeadlineDay: string;
  previousSubmitted: number;
  previousTotal: number;
  /** Correction items committed in the previous round. */
  previousCommitted: number;
  /** Of those, now corrected. */
  previousCorrected: number;
  /** previousCorrected / previousCommitted, whole percent (0 when nothing was committed). */
  previousCorrectedPercent: number;
}

export interface ParticipationRow {
  name: string;
  submitted: boolean;
  /** False when Telegram refused messages to the member (blocked the bot / never opened it). */
  reachable: boolean;
}

/**
 * What a paper prints about its issuing unit's level (36-HD/VPTW), resolved by app/papers.ts
 * from the unit's settings, the committee it is linked under and its name. Absent in a
 * paper's input: a chi bộ's (or, for a committee's report, a đảng ủy's) with no higher body.
 */
export interface LevelMarks {
  /** The line above the issuing unit ("Đảng bộ tỉnh An Giang"), written in capitals; "" prints dots. */
  higherBody: string;
  /** Who the report goes to under "Nơi nhận" ("Tỉnh ủy An Giang"); "" prints dots. */
  recipient: string;
  /** "CB", "ĐU", "HU" …: after "BC/" in the number. */
  numberSuffix: string;
  /** The sign-off as the unit set it (/caidat kyten), printed as it is; null: the level's own. */
  signOff: string | null;
  /** Whose behalf the level's own sign-off names: "T/M CHI BỘ", "T/M ĐẢNG ỦY", "T/M BAN THƯỜNG VỤ". */
  signOffBody: "cell" | "committee" | "standing";
}

/** Everything a group-level report file shows. */
export interface ReportDocumentInput {
  locale: DocumentLocale;
  cellName: string;
  /** Place name for the date line ("Hà Nội"); empty when the secretary has not set it. */
  place: string;
  /** The higher Party body, shown above the cell's name ("ĐẢNG BỘ …"); may be empty. */
  higherBody: string;
  /** The suffix, sign-off and recipient by level; absent: a chi bộ's, the recipient being `higherBody`. */
  marks?: Omit<LevelMarks, "higherBody">;
  /** The round's sequence number in the cell (1, 2, …), for file names; never printed as the document number. */
  roundNumber: number;
  /** The document number the secretary set for this report ("Số 05-BC/CB"); empty or absent: left blank for the register. */
  documentNumber?: string;
  /** The campaign runs under Kết luận 21-KL/TW as well as the resolution (the intro says so); absent: yes. */
  conclusion21?: boolean;
  /** The meeting's conclusions, printed in the assessment section when no assessment was typed; empty or absent: dotted lines to write on. */
  conclusions?: string;
  /** The meeting (/sinhhoat), said in the first section; absent or null: not recorded. */
  meeting?: { day: string; present: number; total: number; chair: string } | null;
  /** ĐÁNH GIÁ CHUNG as typed by an officer (it replaces the conclusions there); empty or absent: the conclusions, else dotted lines. */
  assessment?: string;
  /** PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI as typed; empty or absent: dotted lines. */
  direction?: string;
  roundTitle: string;
  /** "YYYY-MM-DD" */
  deadlineDay: string;
  secretaryName: string;
  /** "YYYY-MM-DD", in the cell's time zone: the document's date. */
  issuedDay: string;
  /** "YYYY-MM", the month of the correction-progress figures. */
  period: string;
  /**
   * Set when this month's follow-up has not yet asked about the round's measures: the day it
   * will, said instead of the month's figures (which would all read "no answer"). Absent: the figures.
   */
  firstFollowUpDay?: string | null;
  data: ReportData;
  groups: GroupRows[];
  trend: Trend | null;
  participation: ParticipationRow[];
  /**
   * The chi ủy's collective form (/tusoi taphe), its own section; absent or null when the
   * round has none (a small cell has no chi ủy). Its items are the committee's, not a member's.
   */
  collective?: CollectiveSection | null;
}

/** The collective form's section of the report: filed or not, its marked items with measures. */
export interface CollectiveSection {
  submitted: boolean;
  items: {
    code: string;
    short: string;
    level: "MINOR" | "SIGNIFICANT";
    measure: string | null;
    targetDate: string | null;
    progress: "DONE" | "IN_PROGRESS" | "NOT_STARTED" | null;
  }[];
}

/** One member's form, for the secretary's private detailed view. */
export interface DetailMember {
  name: string;
  submitted: boolean;
  items: {
    code: string;
    short: string;
    level: "MINOR" | "SIGNIFICANT";
    measure: string | null;
    targetDate: string | null;
    /** Latest follow-up answer, if any. */
    progress: "DONE" | "IN_PROGRESS" | "NOT_STARTED" | null;
    progressPeriod: string | null;
  }[];
}

/** What a personal paper (a member's own plan, their year's record) shows at its head and foot. */
export interface PersonalPaperHead {
  locale: DocumentLocale;
  cellName: string;
  higherBody: string;
  place: string;
  /** The member's position in the cell (bí thư, chi ủy viên, đảng viên …); absent: not printed. */
  role?: Role;
  /** "YYYY-MM-DD" in the cell's time zone: the paper's date. */
  issuedDay: string;
  /** The member who writes the paper ("NGƯỜI VIẾT"). */
  memberName: string;
}

/** A member's own correction plan (kế hoạch khắc phục) after one round: for that member only. */
export interface PlanDocumentInput extends PersonalPaperHead {
  roundTitle: string;
  deadlineDay: string;
  items: {
    code: string;
    short: string;
    level: "MINOR" | "SIGNIFICANT";
    measure: string | null;
    targetDate: string | null;
    /** Monthly follow-up answers, oldest first. */
    progress: { period: string; status: "DONE" | "IN_PROGRESS" | "NOT_STARTED"; note: string | null }[];
  }[];
}

/** A member's record of one year (material for the annual self-review): for that member only. */
export interface ReviewDocumentInput extends PersonalPaperHead {
  year: number;
  rounds: { title: string; deadlineDay: string; tookPart: boolean }[];
  items: {
    roundTitle: string;
    code: string;
    short: string;
    level: "MINOR" | "SIGNIFICANT";
    measure: string | null;
    targetDate: string | null;
    state: "corrected" | "open" | "overdue";
    correctedIn: string | null;
  }[];
  totals: { tookPart: number; rounds: number; committed: number; corrected: number; open: number; overdue: number };
}

export interface DetailInput {
  locale: DocumentLocale;
  cellName: string;
  roundTitle: string;
  deadlineDay: string;
  issuedDay: string;
  members: DetailMember[];
}

/** Everything a committee's report file shows. */
export interface CommitteeDocumentInput {
  locale: DocumentLocale;
  committeeName: string;
  /** The line above the committee: the /caidat captren setting, else the linked committee's đảng bộ; may be empty. */
  higherBody: string;
  /** The suffix, sign-off and recipient by level; absent: a đảng ủy's, the recipient being `higherBody`. */
  marks?: Omit<LevelMarks, "higherBody">;
  /** The intro cites Kết luận 21-KL/TW as well (/caidat kl21); absent: yes. */
  conclusion21?: boolean;
  place: string;
  /** "Số <n>-BC/ĐU" as set by /caidat so; empty: left blank for the register. */
  documentNumber: string;
  campaignTitle: string;
  /** The committee that issued the campaign, when it is one above this committee. */
  issuerName: string | null;
  deadlineDay: string;
  issuedDay: string;
  /** "YYYY-MM" of the correction figures. */
  period: string;
  /**
   * Set while no counted cell's follow-up has asked this month (CommitteeRollup.followUpAsked):
   * the earliest day one will, said instead of the month's figures. Absent: the figures.
   */
  firstFollowUpDay?: string | null;
  secretaryName: string;
  /** Campaign over: item figures and corrections are shown (counted cells only). */
  closed: boolean;
  data: RollupData;
  /** Items across the subtree by group and level (zeros while the campaign runs). */
  groups: GroupRows[];
  cells: CellRollupRow[];
  /** The committee's typed ĐÁNH GIÁ CHUNG and PHƯƠNG HƯỚNG (✍ under an ended campaign's /tonghop); empty or absent: dotted lines. */
  assessment?: string;
  direction?: string;
}

/** One cell's line of the spreadsheet: what the cell's own report shows, marks only when its group may see them. */
export interface CellRollupRow {
  cellId: number;
  name: string;
  /** The committee the cell sits directly under. */
  parentName: string;
  members: number;
  submitted: number;
  percent: number;
  /** Item figures count (round closed with enough forms); otherwise `marks` is empty. */
  counted: boolean;
  /** A unit not on the bot: its figures were entered by the committee's office (/nhapso). */
  entered?: boolean;
  /** The meeting held (members present), or null. */
  meeting?: { present: number } | null;
  /** By item code; read with byCode (domain/checklist.ts), never marks[code]. */
  marks: Record<string, number>;
  remediation: RemediationSummary;
}
