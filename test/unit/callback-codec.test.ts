/**
 * Issue 18: the typed callback codecs next to each feature write exactly the strings the
 * hand-written codecs wrote (buttons already in users' chats keep working), read them back as
 * typed values, refuse forged data, and can't be defined past Telegram's 64 bytes.
 */
import { describe, expect, it } from "vitest";
import { codec, codeField, idField, optional, textField, wordField } from "../../src/bot/callback-codec.js";
import { callbackKind, CALLBACK_KINDS } from "../../src/bot/callback-data.js";
import * as committee from "../../src/bot/features/committee/callbacks.js";
import * as entered from "../../src/bot/features/entered-units.callbacks.js";
import * as meeting from "../../src/bot/features/meeting.callbacks.js";
import * as handover from "../../src/bot/features/handover.callbacks.js";
import * as members from "../../src/bot/features/members.callbacks.js";
import * as papers from "../../src/bot/features/papers.callbacks.js";
import * as reportBack from "../../src/bot/features/report-back.callbacks.js";
import * as report from "../../src/bot/features/report.callbacks.js";
import * as rounds from "../../src/bot/features/rounds.callbacks.js";

const BIG = 9_999_999_999;
const bytes = (s: string) => Buffer.byteLength(s, "utf8");

describe("the committee's, the meeting's and /nhapso's codecs", () => {
  // [the codec's data, the values, the string the old codec wrote]
  const cases: [string, string, unknown][] = [
    [committee.committeeFileData.encode({ committeeId: 12, campaignId: 34, file: "xlsx" }), "1wf:12:34:x", { committeeId: 12, campaignId: 34, file: "xlsx" }],
    [committee.committeeFileData.encode({ committeeId: 12, campaignId: 34, file: "chart" }), "1wf:12:34:c", { committeeId: 12, campaignId: 34, file: "chart" }],
    [committee.committeeCampaignData.encode({ committeeId: 1, campaignId: BIG }), `1wp:1:${BIG}`, { committeeId: 1, campaignId: BIG }],
    [committee.askEndCampaignData.encode({ committeeId: 5, campaignId: 6 }), "1we:5:6", { committeeId: 5, campaignId: 6 }],
    [committee.endCampaignData.encode({ committeeId: 5, campaignId: 6 }), "1wy:5:6", { committeeId: 5, campaignId: 6 }],
    [committee.cancelEndCampaignData.encode({}), "1wn", {}],
    [committee.chooseCommitteeData.encode({ committeeId: 7 }), "1wt:7", { committeeId: 7 }],
    [committee.joinCampaignData.encode({ campaignId: 8 }), "1wj:8", { campaignId: 8 }],
    [committee.rosterMenuData.encode({ entryId: 9 }), "1wm:9", { entryId: 9 }],
    [committee.rosterRoleData.encode({ entryId: 9, role: "STAFF" }), "1wr:9:s", { entryId: 9, role: "STAFF" }],
    [committee.rosterRoleData.encode({ entryId: 9, role: "REMOVE" }), "1wr:9:x", { entryId: 9, role: "REMOVE" }],
    [committee.rosterNameData.encode({ entryId: 3, choice: "edit" }), "1wc:3:edit", { entryId: 3, choice: "edit" }],
    [committee.confirmMoveData.encode({ linkId: 3, token: "Ab-_0123456789xy" }), "1wv:3:Ab-_0123456789xy", { linkId: 3, token: "Ab-_0123456789xy" }],
    [meeting.reportTextData.encode({ roundId: 4, text: "direction" }), "1rt:4:d", { roundId: 4, text: "direction" }],
    [
      meeting.campaignTextData.encode({ committeeId: 4, campaignId: 5, text: "assessment" }),
      "1wx:4:5:a",
      { committeeId: 4, campaignId: 5, text: "assessment" },
    ],
    [entered.enterUnitData.encode({ committeeId: 4, unitId: 5 }), "1wu:4:5", { committeeId: 4, unitId: 5 }],
    [entered.itemSheetData.encode({ committeeId: 4, unitId: 5 }), "1wz:4:5", { committeeId: 4, unitId: 5 }],
  ];

  it.each(cases)("%s is the string the old codec wrote, and reads back typed", (data, old, values) => {
    expect(data).toBe(old);
    expect(bytes(data)).toBeLessThanOrEqual(64);
    const kind = callbackKind(data);
    expect(kind).not.toBeNull();
    const codecs = [...committee.COMMITTEE_CALLBACKS, ...meeting.MEETING_CALLBACKS, ...entered.ENTERED_UNIT_CALLBACKS];
    const own = codecs.find((c) => c.name === kind!.name)!;
    expect(own.decode(data)).toEqual(values);
  });

  it("keeps the old encode functions' strings", () => {
    expect(committee.encodeCommitteeFile(1, 2, "docx")).toBe("1wf:1:2:d");
    expect(committee.encodeRosterRole(1, "DEPUTY")).toBe("1wr:1:d");
    expect(committee.CANCEL_END_CAMPAIGN).toBe("1wn");
    expect(meeting.encodeCampaignText(1, 2, "direction")).toBe("1wx:1:2:d");
  });

  it("reads a move confirmation sent before tokens as one without a token (stale, not misread)", () => {
    expect(committee.confirmMoveData.decode("1wv:3")).toEqual({ linkId: 3, token: undefined });
  });

  it.each([
    ["1wf:12:34:z", committee.committeeFileData],
    ["1wf:0:34:d", committee.committeeFileData],
    ["1wf:12:34", committee.committeeFileData],
    ["1wf:12:034:d", committee.committeeFileData],
    ["2wf:12:34:d", committee.committeeFileData],
    [`1wf:12:${BIG}0:d`, committee.committeeFileData],
    ["1wr:9:c", committee.rosterRoleData],
    ["1wr:9:S", committee.rosterRoleData],
    ["1wc:3:okay", committee.rosterNameData],
    ["1wv:3:short", committee.confirmMoveData],
    ["1wv:3:AAAAAAAAAAAAAAA!", committee.confirmMoveData],
    ["1wn:1", committee.cancelEndCampaignData],
    ["1rt:4:x", meeting.reportTextData],
    ["1wx:4:a", meeting.campaignTextData],
    [" 1wu:4:5", entered.enterUnitData],
    ["1wz:4:5\n", entered.itemSheetData],
  ])("decodes forged %j to null", (data, c) => {
    expect((c as { decode(d: string): unknown }).decode(data)).toBeNull();
  });

  it("declares each codec's scope in the guard's table, under its own name", () => {
    for (const c of [...committee.COMMITTEE_CALLBACKS, ...meeting.MEETING_CALLBACKS, ...entered.ENTERED_UNIT_CALLBACKS]) {
      const kind = CALLBACK_KINDS.find((k) => k.name === c.name);
      expect(kind, c.name).toMatchObject({ match: c.match, scope: c.scope });
    }
    expect(CALLBACK_KINDS.find((k) => k.name === "rosterRole")).toMatchObject({ scope: "officer", refusal: "committee:roster.forbidden" });
  });
});

describe("the cell features' codecs", () => {
  const removedAt = new Date("2026-11-22T03:00:00Z");
  const cases: [string, string, unknown][] = [
    [rounds.closeRoundData.encode({ roundId: 77 }), "1cr:77", { roundId: 77 }],
    [report.reportFileData.encode({ roundId: 7, file: "docx" }), "1rf:7:d", { roundId: 7, file: "docx" }],
    [report.reportRoundData.encode({ roundId: 7 }), "1rr:7", { roundId: 7 }],
    [report.detailXlsxData.encode({ roundId: 7 }), "1rx:7", { roundId: 7 }],
    [report.askCloseRoundData.encode({ roundId: 7 }), "1cq:7", { roundId: 7 }],
    [report.cancelCloseRoundData.encode({}), "1cq:no", {}],
    [reportBack.reportBackData.encode({ roundId: 7 }), "1rb:7", { roundId: 7 }],
    [reportBack.reportBackConclusionsData.encode({ roundId: 7 }), "1rk:7", { roundId: 7 }],
    [reportBack.reportBackSendData.encode({ roundId: 7 }), "1rs:7", { roundId: 7 }],
    [reportBack.cancelReportBackData.encode({}), "1rb:no", {}],
    [reportBack.reportYearData.encode({ year: 2026 }), "1ry:2026", { year: 2026 }],
    [members.membersPageData.encode({ page: 2 }), "1vp:2", { page: 2 }],
    [members.memberMenuData.encode({ memberId: BIG }), `1mm:${BIG}`, { memberId: BIG }],
    [members.setRoleData.encode({ memberId: 1234, role: "COMMITTEE" }), "1sr:1234:c", { memberId: 1234, role: "COMMITTEE" }],
    [members.renameMemberData.encode({ memberId: 5 }), "1rn:5", { memberId: 5 }],
    [members.rejoinData.encode({ memberId: 5, removedAt }), `1rj:5:${removedAt.getTime().toString(36)}`, { memberId: 5, removedAt }],
    [handover.handoverData.encode({ memberId: 5 }), "1ho:5", { memberId: 5 }],
    [handover.handoverConfirmData.encode({ memberId: 5, stayAs: "DEPUTY" }), "1hc:5:d", { memberId: 5, stayAs: "DEPUTY" }],
    [handover.cancelHandoverData.encode({}), "1ho:no", {}],
    [papers.planDocxData.encode({}), "1pd", {}],
    [papers.reviewDocxData.encode({ year: 2026 }), "1kd:2026", { year: 2026 }],
  ];
  const codecs = [
    ...rounds.ROUNDS_CALLBACKS,
    ...report.REPORT_CALLBACKS,
    ...reportBack.REPORT_BACK_CALLBACKS,
    ...members.MEMBERS_CALLBACKS,
    ...handover.HANDOVER_CALLBACKS,
    ...papers.PAPERS_CALLBACKS,
  ];

  it.each(cases)("%s is the string the old codec wrote, and reads back typed", (data, old, values) => {
    expect(data).toBe(old);
    const kind = callbackKind(data)!;
    const own = codecs.find((c) => c.name === kind.name)!;
    expect(own.decode(data)).toEqual(values);
    expect(CALLBACK_KINDS.find((k) => k.name === own.name)).toMatchObject({ match: own.match, scope: own.scope });
  });

  it("reads a rejoin stamp that is no instant as stale, as before", () => {
    expect(members.rejoinData.decode("1rj:5:0")).toEqual({ memberId: 5, removedAt: "stale" });
    expect(members.rejoinStamp("0")).toBeNull();
  });
});

describe("the codec helper", () => {
  it("refuses at definition a codec whose longest data passes 64 bytes", () => {
    expect(() => codec("tooLong", "zz", { a: idField, b: idField, c: idField, d: idField, e: idField, f: idField }, { scope: "private" })).toThrow(/over 64/);
    expect(() => codec("fits", "zz", { a: idField, b: idField, c: idField, d: idField, e: idField }, { scope: "private" })).not.toThrow();
  });

  it("refuses to encode a value out of its field's bounds", () => {
    const c = codec(
      "sample",
      "zy",
      { id: idField, token: optional(textField("[a-z]{4}", 4)), word: wordField("ok", "no"), role: codeField({ ONE: "1", TWO: "2" }) },
      { scope: "anyone" },
    );
    expect(c.encode({ id: 5, token: undefined, word: "ok", role: "TWO" })).toBe("1zy:5:ok:2");
    expect(c.encode({ id: 5, token: "abcd", word: "no", role: "ONE" })).toBe("1zy:5:abcd:no:1");
    expect(() => c.encode({ id: 0, token: undefined, word: "ok", role: "ONE" })).toThrow();
    expect(() => c.encode({ id: 5, token: "ABCD", word: "ok", role: "ONE" })).toThrow();
    expect(c.decode("1zy:5:abcd:no:1")).toEqual({ id: 5, token: "abcd", word: "no", role: "ONE" });
  });
});
