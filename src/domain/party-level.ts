/**
 * A unit's level in the Party, as its papers show it (Hướng dẫn 36-HD/VPTW): the suffix of the
 * document number ("Số 05-BC/CB"), the sign-off ("T/M CHI BỘ"), and the đảng bộ a committee
 * stands for when it is printed above a unit it leads ("ĐẢNG BỘ TỈNH AN GIANG" above "HUYỆN ỦY
 * CHÂU PHÚ"). Guessed from the unit's name; each cell and committee can set its own (/caidat
 * sohieu, /caidat kyten, /caidat captren), which always wins over the guess.
 *
 * The guess, by how the name starts (ủy and uỷ alike, any case):
 *
 * | Name starts with        | Suffix | Sign-off           | Đảng bộ it stands for      |
 * |-------------------------|--------|--------------------|----------------------------|
 * | Chi bộ …                | CB     | T/M CHI BỘ         | (a cell leads no one)      |
 * | Đảng ủy Khối …          | ĐUK    | T/M BAN THƯỜNG VỤ  | Đảng bộ Khối …             |
 * | Đảng ủy … / Đảng bộ …   | ĐU     | T/M ĐẢNG ỦY        | Đảng bộ …                  |
 * | Huyện ủy …              | HU     | T/M BAN THƯỜNG VỤ  | Đảng bộ huyện …            |
 * | Quận ủy …               | QU     | T/M BAN THƯỜNG VỤ  | Đảng bộ quận …             |
 * | Thị ủy …                | TU     | T/M BAN THƯỜNG VỤ  | Đảng bộ thị xã …           |
 * | Thành ủy …              | TU     | T/M BAN THƯỜNG VỤ  | Đảng bộ thành phố …        |
 * | Tỉnh ủy …               | TU     | T/M BAN THƯỜNG VỤ  | Đảng bộ tỉnh …             |
 * | anything else           | CB for a cell, ĐU for a committee, with their sign-offs     |
 *
 * Thị ủy and thành ủy thuộc tỉnh number their papers in more than one way across provinces
 * ("TU", "ThU"): the guess takes "TU", and a committee that uses another sets it.
 */

/** What a unit is, as far as its papers go. */
export type PartyLevel = "cell" | "grassroots" | "bloc" | "district" | "urbanDistrict" | "town" | "city" | "province";

/** What the level guess gives a unit's papers. */
export interface LevelPaper {
  level: PartyLevel;
  /** "CB", "ĐU", "HU" …: the part after "BC/" in the number. */
  suffix: string;
  /** "T/M CHI BỘ", "T/M ĐẢNG ỦY", "T/M BAN THƯỜNG VỤ". */
  signOff: string;
  /** Whose behalf the sign-off names (the words are the paper's language): the chi bộ, the đảng ủy, the ban thường vụ. */
  signOffBody: "cell" | "committee" | "standing";
}

const STANDING = "T/M BAN THƯỜNG VỤ";

const PAPERS: Record<PartyLevel, { suffix: string; signOff: string }> = {
  cell: { suffix: "CB", signOff: "T/M CHI BỘ" },
  grassroots: { suffix: "ĐU", signOff: "T/M ĐẢNG ỦY" },
  bloc: { suffix: "ĐUK", signOff: STANDING },
  district: { suffix: "HU", signOff: STANDING },
  urbanDistrict: { suffix: "QU", signOff: STANDING },
  town: { suffix: "TU", signOff: STANDING },
  city: { suffix: "TU", signOff: STANDING },
  province: { suffix: "TU", signOff: STANDING },
};

/** "ủy"/"uỷ" (the old placement of the mark), NFC, with the rest of the name after it. */
const COMMITTEE = /^(đảng|huyện|quận|thị|thành|tỉnh)\s+(?:ủy|uỷ)(?:\s+(.*))?$/iu;
const ADMIN: Record<string, { level: PartyLevel; area: string }> = {
  huyện: { level: "district", area: "huyện" },
  quận: { level: "urbanDistrict", area: "quận" },
  thị: { level: "town", area: "thị xã" },
  thành: { level: "city", area: "thành phố" },
  tỉnh: { level: "province", area: "tỉnh" },
};

function clean(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/g, " ");
}

/**
 * The level of a unit from its name; `kind` says which default an unrecognised name takes
 * (a cell is a chi bộ whatever it is called, "Phòng Tổ chức" included).
 *
 * @example
 *   levelOf("Huyện ủy Châu Phú", "committee") // "district"
 *   levelOf("Phòng Tổ chức", "cell")          // "cell"
 */
export function levelOf(name: string, kind: "cell" | "committee"): PartyLevel {
  const text = clean(name);
  const lower = text.toLocaleLowerCase("vi");
  if (kind === "cell" || lower.startsWith("chi bộ")) return "cell";
  if (lower.startsWith("đảng bộ")) return /^đảng bộ khối\b/u.test(lower) ? "bloc" : "grassroots";
  const match = COMMITTEE.exec(lower);
  if (!match) return "grassroots";
  const head = match[1]!;
  if (head === "đảng") return /^khối\b/u.test(match[2] ?? "") ? "bloc" : "grassroots";
  return ADMIN[head]!.level;
}

/** The number's suffix and the sign-off a unit's papers take by the guess. */
export function levelPaper(name: string, kind: "cell" | "committee"): LevelPaper {
  const level = levelOf(name, kind);
  return { level, ...PAPERS[level], signOffBody: level === "cell" ? "cell" : level === "grassroots" ? "committee" : "standing" };
}

/**
 * The đảng bộ a committee stands for, printed above the units it leads: "Đảng ủy xã Vĩnh
 * Thạnh Trung" → "Đảng bộ xã Vĩnh Thạnh Trung", "Tỉnh ủy An Giang" → "Đảng bộ tỉnh An Giang",
 * "Thị ủy Tân Châu" → "Đảng bộ thị xã Tân Châu". A name it does not recognise ("Ban Cán sự
 * đảng …", "Đảng bộ …" already) is returned as it is. The renderer writes it in capitals.
 */
export function partyBodyOf(committeeName: string): string {
  const text = clean(committeeName);
  const match = COMMITTEE.exec(text.toLocaleLowerCase("vi"));
  if (!match || !match[2]) return text;
  // The rest keeps its own spelling: only the committee word is replaced.
  const rest = text.slice(text.length - match[2].length);
  const head = match[1]!;
  return head === "đảng" ? `Đảng bộ ${rest}` : `Đảng bộ ${ADMIN[head]!.area} ${rest}`;
}

/** The longest suffix /caidat sohieu takes ("ĐUK", "ThU", "ĐUBP" …). */
export const SUFFIX_MAX_LENGTH = 8;

/**
 * A suffix as typed ("hu", "đu", "ThU") made a suffix: letters only, up to 8; upper case,
 * except a mixed-case one ("ThU"), kept as typed. Null when it is not one.
 */
export function normalizeSuffix(input: string): string | null {
  const text = input.normalize("NFC").trim().replace(/^bc\//iu, "");
  if (!/^\p{L}{1,8}$/u.test(text) || [...text].length > SUFFIX_MAX_LENGTH) return null;
  const mixed = text !== text.toLocaleLowerCase("vi") && text !== text.toLocaleUpperCase("vi");
  return mixed ? text : text.toLocaleUpperCase("vi");
}

/** The longest sign-off /caidat kyten takes. */
export const SIGN_OFF_MAX_LENGTH = 60;

/**
 * A sign-off as typed made the line printed: "ban thường vụ" → "T/M BAN THƯỜNG VỤ", "T/M Chi
 * ủy" → "T/M CHI ỦY"; "TM." and "T/M" alike. Null when empty or too long.
 */
export function normalizeSignOff(input: string): string | null {
  const text = clean(input).replace(/^(t\/m|tm\.?)\s*/iu, "");
  if (!text || [...text].length > SIGN_OFF_MAX_LENGTH) return null;
  return `T/M ${text.toLocaleUpperCase("vi")}`;
}
