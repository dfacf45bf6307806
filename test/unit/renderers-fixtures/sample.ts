/**
 * Report inputs for the renderer tests and scripts/preview-docx.ts: a small cell with a
 * previous round, an empty round, a 60-member cell, a secretary's detail view, a huyện ủy's
 * report under its tỉnh ủy, and a member's correction plan.
 */
import type {
  CommitteeDocumentInput,
  DetailInput,
  DetailMember,
  DocumentLocale,
  GroupRows,
  ItemRow,
  ParticipationRow,
  PlanDocumentInput,
  ReportDocumentInput,
} from "../../../src/app/documents.js";
import type { ItemCount, ReportData } from "../../../src/domain/report.js";

type Label = { vi: string; en: string };

const GROUPS: { title: Label; shortTitle: Label; items: Label[] }[] = [
  {
    title: { vi: "Nhóm 1: Những biểu hiện suy thoái về tư tưởng chính trị", en: "Group 1: Manifestations of degradation in political ideology" },
    shortTitle: { vi: "Nhóm 1: Tư tưởng chính trị", en: "Group 1: Political ideology" },
    items: [
      { vi: "Phai nhạt lý tưởng cách mạng", en: "Fading revolutionary ideals" },
      { vi: "Xa rời tôn chỉ, mục đích của Đảng", en: "Straying from the Party's tenets and aims" },
      { vi: "Nhận thức sai lệch, lười học tập lý luận", en: "Misperceiving and neglecting the study of theory" },
      { vi: "Không chấp hành nghiêm nguyên tắc tổ chức", en: "Not strictly observing organisational principles" },
      { vi: "Thiếu thành khẩn trong tự phê bình, phê bình", en: "Lacking sincerity in self-criticism and criticism" },
      { vi: "Nói không đi đôi với làm", en: "Words not matching deeds" },
      { vi: "Áp đặt ý kiến cá nhân, bảo thủ", en: "Imposing personal opinions, conservatism" },
      { vi: "Né tránh nơi khó khăn, kén chọn vị trí", en: "Avoiding hardship, picking positions" },
      { vi: "Cất nhắc người thân không đủ tiêu chuẩn", en: "Promoting unqualified relatives" },
    ],
  },
  {
    title: { vi: "Nhóm 2: Những biểu hiện suy thoái về đạo đức, lối sống", en: "Group 2: Manifestations of degradation in ethics and lifestyle" },
    shortTitle: { vi: "Nhóm 2: Đạo đức, lối sống", en: "Group 2: Ethics and lifestyle" },
    items: [
      { vi: "Chủ nghĩa cá nhân, ích kỷ, vụ lợi", en: "Individualism, selfishness, self-interest" },
      { vi: "Kèn cựa địa vị, tranh giành quyền lực", en: "Jockeying for status and power" },
      { vi: "Kê khai tài sản không trung thực", en: "Dishonest asset declaration" },
      { vi: "Che giấu khuyết điểm, phô trương, hình thức", en: "Concealing shortcomings, ostentation, formalism" },
      { vi: "Quan liêu, xa rời quần chúng", en: "Bureaucratism, remoteness from the masses" },
      { vi: "Gây lãng phí, thất thoát", en: "Causing waste and losses" },
      { vi: "Tham ô, tham nhũng, trục lợi", en: "Embezzlement, corruption, profiteering" },
      { vi: "Can thiệp công tác cán bộ, chạy chức", en: "Interfering in personnel work, buying positions" },
      { vi: "Đánh bạc, rượu chè, tệ nạn xã hội", en: "Gambling, heavy drinking, social evils" },
    ],
  },
  {
    title: {
      vi: "Nhóm 3: Những biểu hiện “tự diễn biến”, “tự chuyển hóa” trong nội bộ",
      en: "Group 3: Manifestations of “self-evolution” and “self-transformation” within the ranks",
    },
    shortTitle: { vi: "Nhóm 3: “Tự diễn biến”, “tự chuyển hóa”", en: "Group 3: “Self-evolution”, “self-transformation”" },
    items: [
      { vi: "Phủ nhận chủ nghĩa Mác - Lênin, đòi đa đảng", en: "Denying Marxism-Leninism, demanding a multi-party system" },
      { vi: "Đòi tam quyền phân lập, xã hội dân sự", en: "Demanding separation of powers, civil society" },
      { vi: "Nói, viết, làm trái đường lối của Đảng", en: "Speaking, writing, acting against the Party line" },
      { vi: "Kích động bất mãn, chống đối trong nội bộ", en: "Inciting discontent and internal opposition" },
      { vi: "Đòi phi chính trị hóa quân đội, công an", en: "Demanding depoliticisation of army and police" },
      { vi: "Cấu kết với các thế lực thù địch", en: "Colluding with hostile forces" },
      { vi: "Sai lệch trong hoạt động đối ngoại", en: "Wrongdoing in external relations" },
      { vi: "Sáng tác, quảng bá tác phẩm lệch lạc", en: "Creating, promoting deviant works" },
      { vi: "Dân tộc hẹp hòi, tôn giáo cực đoan", en: "Narrow nationalism, religious extremism" },
    ],
  },
];

/** The short label of an item code in a language. */
export function shortLabel(code: string, locale: DocumentLocale): string {
  const [g, i] = code.split(".").map(Number);
  return GROUPS[(g ?? 1) - 1]?.items[(i ?? 1) - 1]?.[locale] ?? code;
}

/** All 27 items with the given [minor, significant] counts (others 0) and previous totals. */
function groupsOf(locale: DocumentLocale, counts: Record<string, [number, number]>, previous: Record<string, number> | null): GroupRows[] {
  return GROUPS.map((group, gi) => ({
    number: gi + 1,
    title: group.title[locale],
    shortTitle: group.shortTitle[locale],
    items: group.items.map((label, ii): ItemRow => {
      const code = `${gi + 1}.${ii + 1}`;
      const [minor, significant] = counts[code] ?? [0, 0];
      return { code, short: label[locale], minor, significant, total: minor + significant, previousTotal: previous ? (previous[code] ?? 0) : null };
    }),
  }));
}

function itemCounts(groups: GroupRows[]): ItemCount[] {
  return groups
    .flatMap((g) => g.items)
    .filter((i) => i.total > 0)
    .map(({ code, minor, significant, total }) => ({ code, minor, significant, total }))
    .sort((a, b) => b.total - a.total);
}

export const SECRETARY = "Trần Văn Bình";
/** Not submitted: these appear in the report's pending list. */
export const PENDING = ["Lê Văn Đức", "Nguyễn Thị Hằng", "Phạm <b>& Cường"];
/** Submitted: their names must not appear in the group-level report. */
export const SUBMITTED_OTHERS = ["Đỗ Minh Châu", "Hoàng Thị Lan", "Vũ Đức Thắng", "Bùi Quang Huy", "Đặng Thu Trang", "Ngô Văn Long"];

/** Counts of the sample: 1.4 has 2 minor + 1 needs correction = 3 (previous round 4). */
export const SAMPLE_COUNTS: Record<string, [number, number]> = {
  "1.4": [2, 1],
  "1.5": [1, 1],
  "2.4": [2, 0],
  "2.1": [0, 1],
  "3.3": [1, 0],
};
export const SAMPLE_PREVIOUS: Record<string, number> = { "1.4": 4, "1.5": 1, "2.4": 2, "1.6": 1 };

const participation: ParticipationRow[] = [
  { name: SECRETARY, submitted: true, reachable: true },
  ...SUBMITTED_OTHERS.map((name) => ({ name, submitted: true, reachable: true })),
  { name: "Lê Văn Đức", submitted: false, reachable: false },
  { name: "Nguyễn Thị Hằng", submitted: false, reachable: true },
  { name: "Phạm <b>& Cường", submitted: false, reachable: true },
];

/** A 10-member cell, 7 submitted, five items marked, with a previous round. */
export function sampleReport(locale: DocumentLocale = "vi"): ReportDocumentInput {
  const groups = groupsOf(locale, SAMPLE_COUNTS, SAMPLE_PREVIOUS);
  const data: ReportData = {
    total: 10,
    submitted: 7,
    percent: 70,
    pendingNames: [...PENDING],
    items: itemCounts(groups),
    cleanForms: 2,
    remediation: { committed: 5, corrected: 1, inProgress: 2, notStarted: 1, noAnswer: 1, overdue: 1 },
  };
  return {
    locale,
    cellName: locale === "vi" ? "Chi bộ Phòng Tổ chức" : "Party cell of the Organisation Office",
    place: locale === "vi" ? "Hà Nội" : "Ha Noi",
    higherBody: locale === "vi" ? "Đảng bộ phường Ba Đình" : "Ba Dinh Ward Party Committee",
    roundNumber: 3,
    roundTitle: locale === "vi" ? "Đợt tự soi quý IV/2026" : "Self-examination, Q4 2026",
    deadlineDay: "2026-11-30",
    secretaryName: SECRETARY,
    issuedDay: "2026-12-05",
    period: "2026-12",
    data,
    groups,
    trend: {
      previousRoundTitle: locale === "vi" ? "Đợt tự soi quý III/2026" : "Self-examination, Q3 2026",
      previousDeadlineDay: "2026-08-31",
      previousSubmitted: 9,
      previousTotal: 10,
      previousCommitted: 6,
      previousCorrected: 4,
      previousCorrectedPercent: 67,
    },
    participation,
  };
}

/** A round nobody has answered yet: nothing marked, no trend, no place, no higher body. */
export function emptyReport(locale: DocumentLocale = "vi"): ReportDocumentInput {
  const base = sampleReport(locale);
  return {
    ...base,
    place: "",
    higherBody: "",
    roundNumber: 1,
    groups: groupsOf(locale, {}, null),
    trend: null,
    data: {
      total: 3,
      submitted: 0,
      percent: 0,
      pendingNames: ["Lê Văn Đức", "Nguyễn Thị Hằng", SECRETARY],
      items: [],
      cleanForms: 0,
      remediation: { committed: 0, corrected: 0, inProgress: 0, notStarted: 0, noAnswer: 0, overdue: 0 },
    },
    participation: [
      { name: SECRETARY, submitted: false, reachable: true },
      { name: "Lê Văn Đức", submitted: false, reachable: false },
      { name: "Nguyễn Thị Hằng", submitted: false, reachable: true },
    ],
  };
}

/** A 60-member cell with most items marked, for timing. */
export function largeReport(locale: DocumentLocale = "vi"): ReportDocumentInput {
  const counts: Record<string, [number, number]> = {};
  const previous: Record<string, number> = {};
  for (let g = 1; g <= 3; g++) {
    for (let i = 1; i <= 9; i++) {
      const k = (g * 7 + i * 3) % 11;
      counts[`${g}.${i}`] = [k * 2, k];
      previous[`${g}.${i}`] = (k * 5) % 17;
    }
  }
  const groups = groupsOf(locale, counts, previous);
  const names = Array.from({ length: 60 }, (_, n) => `Đảng viên Số ${n + 1}`);
  return {
    ...sampleReport(locale),
    groups,
    data: {
      total: 60,
      submitted: 52,
      percent: 87,
      pendingNames: names.slice(52),
      items: itemCounts(groups),
      cleanForms: 4,
      remediation: { committed: 120, corrected: 30, inProgress: 40, notStarted: 20, noAnswer: 30, overdue: 12 },
    },
    participation: names.map((name, n) => ({ name, submitted: n < 52, reachable: n % 13 !== 0 })),
  };
}

/** The secretary's detail for the sample: every submitted member's items, in the language. */
export function sampleDetail(locale: DocumentLocale = "vi"): DetailInput {
  const item = (
    code: string,
    level: "MINOR" | "SIGNIFICANT",
    measure: string | null,
    targetDate: string | null,
    progress: DetailMember["items"][number]["progress"] = null,
    progressPeriod: string | null = null,
  ) => ({ code, short: shortLabel(code, locale), level, measure, targetDate, progress, progressPeriod });
  const members: DetailMember[] = [
    { name: SECRETARY, submitted: true, items: [item("1.4", "MINOR", "Đúng giờ sinh hoạt chi bộ", "2027-01-31", "IN_PROGRESS", "2026-12")] },
    {
      name: "Đỗ Minh Châu",
      submitted: true,
      items: [
        item("1.4", "SIGNIFICANT", "Nhận việc & hoàn thành đúng hạn <đúng hẹn>", "2026-11-15", "NOT_STARTED", "2026-12"),
        item("1.5", "SIGNIFICANT", "Góp ý thẳng thắn trong sinh hoạt", "2027-03-01"),
      ],
    },
    {
      name: "Hoàng Thị Lan",
      submitted: true,
      items: [item("1.4", "MINOR", null, null), item("2.4", "MINOR", "Giảm hội họp hình thức", "2027-02-28", "DONE", "2026-12")],
    },
    { name: "Vũ Đức Thắng", submitted: true, items: [item("2.4", "MINOR", null, null), item("1.5", "MINOR", null, null)] },
    {
      name: "Bùi Quang Huy",
      submitted: true,
      items: [item("2.1", "SIGNIFICANT", "Tham gia việc chung của cơ quan", "2027-06-30", "IN_PROGRESS", "2026-12"), item("3.3", "MINOR", null, null)],
    },
    { name: "Đặng Thu Trang", submitted: true, items: [] },
    { name: "Ngô Văn Long", submitted: true, items: [] },
    { name: "Lê Văn Đức", submitted: false, items: [] },
    { name: "Nguyễn Thị Hằng", submitted: false, items: [] },
    { name: "Phạm <b>& Cường", submitted: false, items: [] },
  ];
  return {
    locale,
    cellName: locale === "vi" ? "Chi bộ Phòng Tổ chức" : "Party cell of the Organisation Office",
    roundTitle: locale === "vi" ? "Đợt tự soi quý IV/2026" : "Self-examination, Q4 2026",
    deadlineDay: "2026-11-30",
    issuedDay: "2026-12-05",
    members,
  };
}

/**
 * A huyện ủy linked under its tỉnh ủy, after its campaign closed: two đảng ủy xã and a chi bộ
 * directly under it, the marks of the sample cell's groups, the marks printed by level.
 */
export function sampleCommittee(locale: DocumentLocale = "vi"): CommitteeDocumentInput {
  const cell = sampleReport(locale);
  const remediation = { committed: 14, corrected: 5, inProgress: 4, notStarted: 2, noAnswer: 2, overdue: 1 };
  const units = [
    { kind: "committee" as const, id: 2, name: "Đảng ủy xã Vĩnh Thạnh Trung", members: 212, submitted: 150, percent: 71 },
    { kind: "committee" as const, id: 3, name: "Đảng ủy thị trấn Cái Dầu", members: 180, submitted: 162, percent: 90 },
    { kind: "cell" as const, id: 9, name: "Chi bộ Cơ quan Ủy ban Mặt trận Tổ quốc Việt Nam huyện", members: 14, submitted: 14, percent: 100 },
  ];
  const cells: CommitteeDocumentInput["cells"] = [
    {
      cellId: 11,
      name: "Chi bộ ấp Vĩnh Thạnh",
      parentName: "Đảng ủy xã Vĩnh Thạnh Trung",
      members: 120,
      submitted: 80,
      percent: 67,
      counted: true,
      marks: { "1.4": 6, "1.5": 4 },
      remediation,
    },
    {
      cellId: 12,
      name: "Chi bộ ấp Vĩnh Lợi",
      parentName: "Đảng ủy xã Vĩnh Thạnh Trung",
      members: 92,
      submitted: 70,
      percent: 76,
      counted: true,
      marks: { "2.4": 3 },
      remediation,
    },
    {
      cellId: 13,
      name: "Chi bộ khóm Thạnh Lợi",
      parentName: "Đảng ủy thị trấn Cái Dầu",
      members: 180,
      submitted: 162,
      percent: 90,
      counted: true,
      marks: { "1.4": 2 },
      remediation,
    },
    { cellId: 9, name: units[2]!.name, parentName: "Huyện ủy Châu Phú", members: 14, submitted: 14, percent: 100, counted: false, marks: {}, remediation },
  ];
  return {
    locale,
    committeeName: "Huyện ủy Châu Phú",
    higherBody: "Đảng bộ tỉnh An Giang",
    marks: { recipient: "Tỉnh ủy An Giang", numberSuffix: "HU", signOff: null, signOffBody: "standing" },
    conclusion21: true,
    place: "Châu Phú",
    documentNumber: "125",
    campaignTitle:
      locale === "vi"
        ? "Đợt tự soi, tự sửa quý IV năm 2026 theo Kế hoạch của Ban Thường vụ Tỉnh ủy"
        : "Self-examination, Q4 2026, under the provincial standing committee's plan",
    issuerName: "Tỉnh ủy An Giang",
    deadlineDay: "2026-11-30",
    issuedDay: "2026-12-05",
    period: "2026-12",
    secretaryName: "Nguyễn Văn Hùng",
    closed: true,
    data: {
      cells: 4,
      started: 4,
      startedPercent: 100,
      complete: 1,
      members: 406,
      submitted: 326,
      percent: 80,
      units,
      notStarted: [],
      itemCells: 3,
      items: cell.data.items,
      countedMembers: 312,
      remediation,
      direct: { units: 4, started: 4, startedPercent: 100, held: 3, heldPercent: 75, meetings: 3, present: 301 },
      collectives: 2,
      botCells: 4,
      hasEntered: false,
    },
    // The cell's marks ten times over: a district's figures.
    groups: cell.groups.map((g) => ({
      ...g,
      items: g.items.map((i) => ({ ...i, minor: i.minor * 10, significant: i.significant * 10, total: i.total * 10, previousTotal: null })),
    })),
    cells,
  };
}

/** The secretary's own correction plan after the sample round: two items, one with monthly progress. */
export function samplePlan(locale: DocumentLocale = "vi"): PlanDocumentInput {
  return {
    locale,
    cellName: locale === "vi" ? "Chi bộ ấp Vĩnh Thạnh" : "Party cell of Vinh Thanh hamlet",
    higherBody: "Đảng bộ xã Vĩnh Thạnh Trung",
    place: "",
    issuedDay: "2026-12-05",
    memberName: "Đỗ Minh Châu",
    role: "COMMITTEE",
    roundTitle: locale === "vi" ? "Đợt tự soi quý IV/2026" : "Self-examination, Q4 2026",
    deadlineDay: "2026-11-30",
    items: [
      {
        code: "1.4",
        short: shortLabel("1.4", locale),
        level: "SIGNIFICANT",
        measure: "Nhận việc và hoàn thành đúng hạn; báo cáo chi bộ hằng tháng",
        targetDate: "2027-01-31",
        progress: [{ period: "2026-12", status: "IN_PROGRESS", note: "Đã hoàn thành 2/3 việc được giao" }],
      },
      { code: "1.5", short: shortLabel("1.5", locale), level: "MINOR", measure: "Góp ý thẳng thắn trong sinh hoạt", targetDate: "2027-03-01", progress: [] },
    ],
  };
}
