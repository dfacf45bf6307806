import { describe, expect, it } from "vitest";
import { levelPaper, normalizeSignOff, normalizeSuffix, partyBodyOf } from "../../src/domain/party-level.js";

describe("a unit's level from its name (36-HD/VPTW)", () => {
  it.each([
    ["Chi bộ ấp Vĩnh Thạnh", "cell", "CB", "T/M CHI BỘ"],
    ["Phòng Tổ chức", "cell", "CB", "T/M CHI BỘ"],
    ["Đảng ủy xã Vĩnh Thạnh Trung", "committee", "ĐU", "T/M ĐẢNG ỦY"],
    ["Đảng uỷ phường Ba Đình", "committee", "ĐU", "T/M ĐẢNG ỦY"],
    ["Đảng bộ Công ty Điện lực", "committee", "ĐU", "T/M ĐẢNG ỦY"],
    ["Đảng ủy Khối các cơ quan tỉnh", "committee", "ĐUK", "T/M BAN THƯỜNG VỤ"],
    ["Huyện ủy Châu Phú", "committee", "HU", "T/M BAN THƯỜNG VỤ"],
    ["Quận ủy Ba Đình", "committee", "QU", "T/M BAN THƯỜNG VỤ"],
    ["Thị ủy Tân Châu", "committee", "TU", "T/M BAN THƯỜNG VỤ"],
    ["Thành ủy Long Xuyên", "committee", "TU", "T/M BAN THƯỜNG VỤ"],
    ["TỈNH ỦY AN GIANG", "committee", "TU", "T/M BAN THƯỜNG VỤ"],
    ["Ban chỉ đạo", "committee", "ĐU", "T/M ĐẢNG ỦY"],
  ] as const)("%s (%s) → BC/%s, %s", (name, kind, suffix, signOff) => {
    expect(levelPaper(name, kind)).toMatchObject({ suffix, signOff });
  });
});

describe("the đảng bộ a committee stands for", () => {
  it.each([
    ["Đảng ủy xã Vĩnh Thạnh Trung", "Đảng bộ xã Vĩnh Thạnh Trung"],
    ["Tỉnh ủy An Giang", "Đảng bộ tỉnh An Giang"],
    ["Huyện ủy Châu Phú", "Đảng bộ huyện Châu Phú"],
    ["Quận ủy Ba Đình", "Đảng bộ quận Ba Đình"],
    ["Thị ủy Tân Châu", "Đảng bộ thị xã Tân Châu"],
    ["Thành ủy Hà Nội", "Đảng bộ thành phố Hà Nội"],
    ["Đảng uỷ Khối các cơ quan tỉnh", "Đảng bộ Khối các cơ quan tỉnh"],
    ["  Đảng bộ  xã Tân Phú ", "Đảng bộ xã Tân Phú"],
    ["Ban Cán sự đảng", "Ban Cán sự đảng"],
  ])("%s → %s", (committee, body) => {
    expect(partyBodyOf(committee)).toBe(body);
  });
});

describe("settings as typed", () => {
  it("takes a suffix in any case, keeping a mixed one", () => {
    expect(normalizeSuffix("hu")).toBe("HU");
    expect(normalizeSuffix("đu")).toBe("ĐU");
    expect(normalizeSuffix("BC/QU")).toBe("QU");
    expect(normalizeSuffix("ThU")).toBe("ThU");
    expect(normalizeSuffix("H U")).toBeNull();
    expect(normalizeSuffix("12")).toBeNull();
    expect(normalizeSuffix("ABCDEFGHI")).toBeNull();
  });

  it("writes a sign-off as T/M and capitals", () => {
    expect(normalizeSignOff("ban thường vụ")).toBe("T/M BAN THƯỜNG VỤ");
    expect(normalizeSignOff("T/M Chi ủy")).toBe("T/M CHI ỦY");
    expect(normalizeSignOff("TM. Đảng ủy")).toBe("T/M ĐẢNG ỦY");
    expect(normalizeSignOff("  ")).toBeNull();
  });
});
