/**
 * Forged button presses (issue 17, points 3, 4 and 9): callback data comes from the client, so
 * anyone can press any data on any message. Every kind of callback the bot emits (enumerated
 * from callback-data.ts) is replayed, as a stranger and as a plain member, on each kind of
 * message the bot posts in a group: the message's text and buttons stay as they were and the
 * database does not change. A move under another committee needs the code typed for that unit;
 * a forged close of another cell's round gets a truthful refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CALLBACK_KINDS } from "../../src/bot/callback-data.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { appDeps, testClock } from "../support/app.js";
import { stubbedBot, type Group, type Person, type SentMessage, type StubbedBot } from "../support/bot.js";

const committeeGroup: Group = { id: -9001, title: "Đảng ủy phường Một" };
const otherCommitteeGroup: Group = { id: -9002, title: "Đảng ủy phường Hai" };
const cellA: Group = { id: -9011, title: "Chi bộ Khu phố A" };
const cellB: Group = { id: -9012, title: "Chi bộ Khu phố B" };
const kSecretary: Person = { id: 9101, first_name: "Lê Văn Thành" };
const kMember: Person = { id: 9102, first_name: "Ngô Thị Lan" };
const k2Secretary: Person = { id: 9103, first_name: "Trịnh Văn Hải" };
const secA: Person = { id: 9111, first_name: "Nguyễn Văn Ánh" };
const memberA: Person = { id: 9112, first_name: "Hồ Văn Dũng" };
const secB: Person = { id: 9121, first_name: "Phạm Văn Bình" };
const memberB: Person = { id: 9122, first_name: "Mai Văn Giang" };
const stranger: Person = { id: 9199, first_name: "Người Lạ" };

let database: TestDatabase;
let tg: StubbedBot;

async function joinCell(p: Person, g: Group) {
  await tg.send(p, `/start j_${(await database.store.findCellByGroup({ channel: "telegram", address: String(g.id) }))!.joinCode}`);
  await tg.press(p, tg.last(p.id), "Đúng");
}

/** The code /lienket posts in `committee`'s group. */
async function linkCode(by: Person, committee: Group): Promise<string> {
  await tg.send(by, "/lienket", committee);
  return /\/captren ([A-Z0-9]+)/.exec(tg.last(committee.id).text)![1]!;
}

/** What the database holds that a press could change (languages aside: a press may set the presser's own). */
async function snapshot() {
  const { db } = database;
  return JSON.stringify(
    {
      rounds: await db.round.findMany({ select: { id: true, closedAt: true }, orderBy: { id: "asc" } }),
      cells: await db.cell.findMany({ select: { id: true, name: true, parentCommitteeId: true }, orderBy: { id: "asc" } }),
      committees: await db.committee.findMany({ select: { id: true, name: true, parentCommitteeId: true }, orderBy: { id: "asc" } }),
      campaigns: await db.campaign.findMany({ select: { id: true, closedAt: true }, orderBy: { id: "asc" } }),
      members: await db.member.findMany({ select: { id: true, role: true, leftAt: true, fullName: true, nameConfirmed: true }, orderBy: { id: "asc" } }),
      roster: await db.committeeMember.findMany({ select: { id: true, role: true, leftAt: true, fullName: true }, orderBy: { id: "asc" } }),
      awaiting: await db.user.findMany({ where: { awaiting: { not: null } }, select: { id: true, awaiting: true }, orderBy: { id: "asc" } }),
      answers: await db.answer.count(),
    },
    (_k, v) => (typeof v === "bigint" ? String(v) : v),
  );
}

const edits = (chatId: number, messageId: number) =>
  tg.calls.filter(
    (c) =>
      ["editMessageText", "editMessageReplyMarkup", "editMessageCaption", "deleteMessage"].includes(c.method) &&
      Number(c.payload.chat_id) === chatId &&
      Number(c.payload.message_id) === messageId,
  );

const shown = (m: SentMessage) => JSON.stringify({ text: m.text, keyboard: m.keyboard ?? null });
const find = (chatId: number, messageId: number) => tg.chat(chatId).find((m) => m.messageId === messageId)!;

let ids: {
  roundA: number;
  memberA: number;
  secA: number;
  formA: number;
  committee: number;
  campaign: number;
  entry: number;
  link: number;
  link2: number;
  cellA: number;
};

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(appDeps(database, testClock("2026-11-22T03:00:00Z")));
  for (const [g, p] of [
    [committeeGroup, kSecretary],
    [otherCommitteeGroup, k2Secretary],
    [cellA, secA],
    [cellB, secB],
  ] as const)
    tg.makeAdmin(g, p);
  await tg.send(kSecretary, `/dangbo ${committeeGroup.title}`, committeeGroup);
  await tg.send(k2Secretary, `/dangbo ${otherCommitteeGroup.title}`, otherCommitteeGroup);
  const committee = await database.db.committee.findFirstOrThrow({ where: { groupChannel: "telegram", groupAddress: String(committeeGroup.id) } });
  await tg.send(kMember, `/start c_${committee.joinCode}`);
  await tg.send(secA, `/chibo ${cellA.title}`, cellA);
  await tg.send(secB, `/chibo ${cellB.title}`, cellB);
  for (const p of [secA, memberA]) await joinCell(p, cellA);
  for (const p of [secB, memberB]) await joinCell(p, cellB);
  const code = await linkCode(kSecretary, committeeGroup);
  await tg.send(secA, `/captren ${code}`, cellA);
  await tg.send(secB, `/captren ${code}`, cellB);
  // Cell A runs its own round; the committee's campaign then finds A busy (the "join" message) and opens in B.
  await tg.send(secA, "/dotmoi 15/12/2026 Đợt của chi bộ", cellA);
  await tg.send(memberA, "/tusoi");
  await tg.press(memberA, tg.last(memberA.id), "Không có");
  await tg.send(kSecretary, "/dotmoi 20/12/2026 Đợt toàn đảng bộ", committeeGroup);
  const roundA = await database.db.round.findFirstOrThrow({ where: { title: "Đợt của chi bộ" } });
  const member = await database.db.member.findFirstOrThrow({ where: { userId: BigInt(memberA.id) } });
  const secretary = await database.db.member.findFirstOrThrow({ where: { userId: BigInt(secA.id) } });
  const form = await database.db.assessment.findFirstOrThrow({ where: { memberId: member.id } });
  const campaign = await database.db.campaign.findFirstOrThrow();
  const entry = await database.db.committeeMember.findFirstOrThrow({ where: { userId: BigInt(kMember.id) } });
  const link = await database.db.committeeLink.findFirstOrThrow({ where: { code } });
  // Cell A's secretary asks to move A under the other committee: the confirmation waits in A's group.
  const code2 = await linkCode(k2Secretary, otherCommitteeGroup);
  await tg.send(secA, `/captren ${code2}`, cellA);
  const link2 = await database.db.committeeLink.findFirstOrThrow({ where: { code: code2 } });
  ids = {
    roundA: roundA.id,
    memberA: member.id,
    secA: secretary.id,
    formA: form.id,
    committee: committee.id,
    campaign: campaign.id,
    entry: entry.id,
    link: link.id,
    link2: link2.id,
    cellA: roundA.cellId,
  };
});
afterAll(() => database.close());

/** One valid-looking press of every kind of callback the bot emits, with ids of the units in these groups. */
function samples(): Record<string, string[]> {
  const { roundA, memberA: m, formA: f, committee: k, campaign: c, entry: e, link2 } = ids;
  const moveToken = "AAAAAAAAAAAAAAAA";
  return {
    form: [`1f:a:${f}:1:s`, `1f:r:${f}`, `1f:s:${f}`, `1f:o:${f}`, `1f:v:${f}:1`],
    nameOk: ["1nm:ok"],
    nameEdit: ["1nm:edit"],
    language: ["1lg:en"],
    closeRound: [`1cr:${roundA}`],
    askCloseRound: [`1cq:${roundA}`],
    cancelCloseRound: ["1cq:no"],
    membersPage: ["1vp:0", "1vp:1"],
    memberMenu: [`1mm:${m}`],
    setRole: [`1sr:${m}:d`, `1sr:${m}:x`],
    renameMember: [`1rn:${m}`],
    rejoin: [`1rj:${m}:mhx2k1a0`],
    followUp: [`1g:${f}:0:202612:d`, `1g:${f}:0:202612:note`],
    reportFile: [`1rf:${roundA}:d`, `1rf:${roundA}:c`],
    reportRound: [`1rr:${roundA}`],
    detailXlsx: [`1rx:${roundA}`],
    reportBack: [`1rb:${roundA}`],
    reportBackConclusions: [`1rk:${roundA}`],
    reportBackSend: [`1rs:${roundA}`],
    cancelReportBack: ["1rb:no"],
    reportYear: ["1ry:2026"],
    planDocx: ["1pd"],
    reviewDocx: ["1kd:2026"],
    handover: [`1ho:${m}`],
    handoverConfirm: [`1hc:${m}:m`, `1hc:${m}:d`],
    cancelHandover: ["1ho:no"],
    muteFollowUp: ["1mu:202612"],
    template: ["1tu:dangvien-2026", `1tg:c${ids.cellA}:dangvien-2026`, `1tx:k${k}:dangvien-2026`, "1ts:1", "1ti"],
    committeeFile: [`1wf:${k}:${c}:d`],
    committeeCampaign: [`1wp:${k}:${c}`],
    askEndCampaign: [`1we:${k}:${c}`],
    endCampaign: [`1wy:${k}:${c}`],
    cancelEndCampaign: ["1wn"],
    chooseCommittee: [`1wt:${k}`],
    joinCampaign: [`1wj:${c}`],
    rosterMenu: [`1wm:${e}`],
    rosterRole: [`1wr:${e}:d`, `1wr:${e}:x`],
    confirmMove: [`1wv:${link2}:${moveToken}`, `1wv:${link2}`, `1wv:${ids.link}:${moveToken}`],
    rosterName: [`1wc:${e}:ok`, `1wc:${e}:edit`],
    reportText: [`1rt:${roundA}:a`, `1rt:${roundA}:d`],
    campaignText: [`1wx:${k}:${c}:a`, `1wx:${k}:${c}:d`],
    enterUnit: [`1wu:${k}:1`],
    itemSheet: [`1wz:${k}:1`],
    nudgeCell: [`1nc:${ids.cellA}`],
  };
}

describe("every callback kind, replayed on every kind of group message by a stranger and by a plain member", () => {
  it("has a sample for each kind callback-data.ts declares", () => {
    expect(Object.keys(samples()).sort()).toEqual(CALLBACK_KINDS.map((k) => k.name).sort());
    for (const kind of CALLBACK_KINDS) {
      for (const data of samples()[kind.name] ?? [])
        expect(CALLBACK_KINDS.find((k) => (typeof k.match === "string" ? k.match === data : k.match.test(data)))?.name, data).toBe(kind.name);
    }
  });

  it("leaves each message's text and buttons as they were, and changes nothing in the database", async () => {
    // The group messages with buttons, each with a plain member of its unit.
    await tg.send(secA, "/baocao", cellA);
    const summary = tg.last(cellA.id);
    await tg.send(kSecretary, "/tonghop", committeeGroup);
    const rollup = tg.last(committeeGroup.id);
    await tg.send(secA, "/dotmoi 16/12/2026 Lần hai", cellA);
    const alreadyOpen = tg.last(cellA.id);
    await tg.send(secA, "/vaitro", cellA);
    const list = tg.last(cellA.id);
    await tg.send(secA, "/vaitro", cellA);
    await tg.press(secA, tg.last(cellA.id), memberA.first_name);
    const menu = tg.last(cellA.id);
    await tg.send(secA, "/vaitro", cellA);
    await tg.press(secA, tg.last(cellA.id), memberA.first_name);
    await tg.press(secA, tg.last(cellA.id), "👑 Giao chức bí thư");
    expect(tg.last(cellA.id).text).toContain(memberA.first_name);
    const handover = tg.last(cellA.id);
    await tg.send(kSecretary, "/vaitro", committeeGroup);
    const roster = tg.last(committeeGroup.id);
    const busy = tg.chat(cellA.id).find((m) => m.text.includes("Đợt toàn đảng bộ"))!;
    const announcement = tg.chat(cellB.id).find((m) => m.text.includes("Đợt toàn đảng bộ"))!;
    const roundOpened = tg.chat(cellA.id).find((m) => m.text.includes("Đợt của chi bộ"))!;
    const confirmMove = tg.chat(cellA.id).find((m) => m.text.includes("Chuyển không?"))!;
    const targets: [string, SentMessage, Person][] = [
      ["cell summary", summary, memberA],
      ["committee roll-up", rollup, kMember],
      ["'already open' reply", alreadyOpen, memberA],
      ["cell /vaitro list", list, memberA],
      ["member menu", menu, memberA],
      ["handover confirmation", handover, memberA],
      ["committee roster", roster, kMember],
      ["campaign 'join' message", busy, memberA],
      ["campaign announcement", announcement, memberB],
      ["round announcement", roundOpened, memberA],
      ["move confirmation", confirmMove, memberA],
    ];
    for (const [, m] of targets) expect(m, "a group message is missing").toBeDefined();
    const before = await snapshot();
    const changed: string[] = [];
    for (const [label, message, plain] of targets) {
      let shownBefore = shown(find(message.chatId, message.messageId));
      let editsBefore = edits(message.chatId, message.messageId).length;
      for (const datas of Object.values(samples())) {
        for (const data of datas) {
          for (const presser of [stranger, plain]) {
            await tg.pressData(presser, message.chatId, message.messageId, data);
            const now = find(message.chatId, message.messageId);
            if (edits(message.chatId, message.messageId).length > editsBefore || shown(now) !== shownBefore) {
              changed.push(`${label}: ${data} by ${presser === plain ? "member" : "stranger"}`);
              // Keep checking the others against the message as it now is.
              editsBefore = edits(message.chatId, message.messageId).length;
              shownBefore = shown(now);
            }
          }
        }
      }
    }
    expect(changed).toEqual([]);
    expect(await snapshot()).toBe(before);
  }, 120_000);
});

describe("moving under another committee (point 3)", () => {
  it("a forged confirmation, or one made for another unit, moves nothing and tells no committee", async () => {
    const before = await snapshot();
    const toOther = () => tg.chat(otherCommitteeGroup.id).length;
    const sentBefore = toOther();
    const confirmA = tg.chat(cellA.id).find((m) => m.text.includes("Chuyển không?"))!;
    const realData = (confirmA.keyboard!.inline_keyboard.flat()[0] as { callback_data: string }).callback_data;
    // Cell B's secretary, in B's own group: the button made for A, the bare link id, a fabricated token.
    await tg.send(secB, "/baocao", cellB);
    const inB = tg.last(cellB.id).messageId;
    for (const data of [realData, `1wv:${ids.link2}`, `1wv:${ids.link2}:AAAAAAAAAAAAAAAA`, `1wv:${ids.link}:AAAAAAAAAAAAAAAA`]) {
      await tg.pressData(secB, cellB.id, inB, data);
    }
    expect(await snapshot()).toBe(before);
    expect(toOther()).toBe(sentBefore);
    expect((await database.db.cell.findFirstOrThrow({ where: { groupChannel: "telegram", groupAddress: String(cellB.id) } })).parentCommitteeId).toBe(
      ids.committee,
    );
  });

  it("the confirmation A's secretary was given still moves A", async () => {
    const confirmA = tg.chat(cellA.id).find((m) => m.text.includes("Chuyển không?"))!;
    await tg.press(secA, confirmA, /^Chuyển sang/);
    const other = await database.db.committee.findFirstOrThrow({ where: { groupChannel: "telegram", groupAddress: String(otherCommitteeGroup.id) } });
    expect((await database.db.cell.findFirstOrThrow({ where: { groupChannel: "telegram", groupAddress: String(cellA.id) } })).parentCommitteeId).toBe(other.id);
    expect(tg.last(otherCommitteeGroup.id).text).toContain(`${cellA.title}</b> đã liên kết`);
  });
});

describe("closing another cell's round (point 9)", () => {
  it("is refused truthfully, and the round stays open", async () => {
    await tg.pressData(secB, secB.id, 1, `1cr:${ids.roundA}`);
    expect(tg.callbackAnswers().at(-1)).not.toBe("Đợt này đã đóng rồi.");
    expect(tg.callbackAnswers().at(-1)).toBe("Đợt này không thuộc chi bộ của đồng chí.");
    expect((await database.db.round.findUniqueOrThrow({ where: { id: ids.roundA } })).closedAt).toBeNull();
  });
});
