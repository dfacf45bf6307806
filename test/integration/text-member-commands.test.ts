/**
 * The member's and secretary's other commands on a text channel (issue 20, "Everything else"):
 * `/tusua` (the correction plan as text, then its DOCX as a file the channel sends its own way),
 * `/hoten` (show, change by number or at once), `/nhacnho` (the secretary's nudge through the
 * outbox; a member is refused). Through the shared text conversation, as Zalo uses it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TextConversation } from "../../src/channels/text-conversation.js";
import { createI18n } from "../../src/infra/i18n/index.js";
import { membershipOf } from "../../src/app/session.js";
import { appDeps, testClock } from "../support/app.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";
import { submitForm } from "../support/forms.js";
import { joined, respondPlain, zaloConversation } from "../support/zalo-harness.js";

let database: TestDatabase;
let deps: ReturnType<typeof appDeps>;
let channel: TextConversation;

const respond = (externalId: string, name: string, typed: string) => respondPlain(channel, externalId, name, typed);
const send = async (externalId: string, name: string, typed: string): Promise<string> => joined(await respond(externalId, name, typed));

const userIdOf = async (externalId: string) => (await database.db.channelIdentity.findFirstOrThrow({ where: { channel: "zalo", externalId } })).userId;
const memberOf = async (externalId: string) => (await membershipOf(deps, await userIdOf(externalId)))!;

beforeAll(async () => {
  database = await freshDatabase();
  deps = appDeps(database, testClock("2026-11-10T03:00:00Z"));
  const i18n = await createI18n("vi");
  channel = zaloConversation(deps, i18n, { publicUrl: "https://bot.example.org" });
  await send("s1", "Nguyễn Văn An", "/chibo Chi bộ Zalo");
  const code = (await memberOf("s1")).cell.joinCode;
  for (const [id, name] of [
    ["m1", "Trần Thị Bình"],
    ["m2", "Lê Văn Cường"],
  ] as const) {
    await send(id, name, `/thamgia ${code}`);
    await send(id, name, "1"); // the prefilled name is right
  }
});
afterAll(() => database.close());

describe("/tusua on a text channel", () => {
  it("before a round and before submitting, says so", async () => {
    expect(await send("m1", "Trần Thị Bình", "/tusua")).toBe("Chi bộ chưa có đợt tự soi nào, nên chưa có kế hoạch khắc phục.");
    await send("s1", "Nguyễn Văn An", "/dotmoi 30/11/2026 Đợt cuối năm");
    expect(await send("m1", "Trần Thị Bình", "/tusua")).toContain("Đồng chí chưa nộp bản tự soi của đợt Đợt cuối năm. Gõ /tusoi để làm.");
  });

  it("after submitting: the plan as text (the marked item, its measure and date), then the plan's DOCX as a file", async () => {
    await submitForm(deps, await memberOf("m1"), { 2: "MINOR" }, "2026-12-31");
    const replies = await respond("m1", "Trần Thị Bình", "/tusua");
    expect(replies).toHaveLength(2);
    const [plan, file] = replies;
    expect(plan && "text" in plan && plan.text).toContain("Biện pháp 1.3");
    expect(plan && "text" in plan && plan.text).toContain("31/12/2026");
    if (!file || !("message" in file)) throw new Error("no file");
    expect(file.message.file.filename).toBe("ke-hoach-khac-phuc-01.docx");
    expect(file.message.text).toContain("Kế hoạch khắc phục của đồng chí sau đợt");
    expect(Buffer.from(file.message.file.base64, "base64").subarray(0, 2).toString()).toBe("PK");
  });

  it("someone in no cell is told to join first", async () => {
    expect(await send("x1", "Người Lạ", "/tusua")).toContain("/thamgia");
  });
});

describe("/hoten on a text channel", () => {
  it("shows the name with a number to change it; the number asks for the name, the typed name is saved", async () => {
    const shown = await send("m2", "Lê Văn Cường", "/hoten");
    expect(shown).toContain("Họ tên của đồng chí trên bot: Lê Văn Cường");
    expect(shown).toMatch(/^1\. Đổi họ tên$/m);
    expect(await send("m2", "Lê Văn Cường", "1")).toBe("Đồng chí hãy gõ họ và tên đầy đủ (ví dụ: Nguyễn Văn An) rồi gửi.");
    expect(await send("m2", "Lê Văn Cường", "Lê Văn Cường Mới")).toContain("Lê Văn Cường Mới");
    expect((await memberOf("m2")).fullName).toBe("Lê Văn Cường Mới");
  });

  it("`/hoten <tên>` changes it at once; a name with no letter is refused and nothing changes", async () => {
    expect(await send("m2", "Lê Văn Cường", "/hoten Lê Cường")).toContain("Lê Cường");
    expect((await memberOf("m2")).fullName).toBe("Lê Cường");
    expect(await send("m2", "Lê Văn Cường", "/hoten 12345")).not.toContain("12345");
    expect((await memberOf("m2")).fullName).toBe("Lê Cường");
  });
});

describe("/nhacnho on a text channel", () => {
  it("a member is refused and nothing is queued", async () => {
    expect(await send("m1", "Trần Thị Bình", "/nhacnho")).toContain("Chỉ bí thư hoặc phó bí thư");
    expect(await database.db.outbox.count({ where: { kind: "NUDGE" } })).toBe(0);
  });

  it("the secretary's nudge queues a reminder for each member who has not submitted, through the outbox", async () => {
    const reply = await send("s1", "Nguyễn Văn An", "/nhacnho");
    expect(reply).toBe("Đã gửi nhắc nhở đến 2 đảng viên chưa nộp.");
    const queued = await database.db.outbox.findMany({ where: { kind: "NUDGE" } });
    expect(queued.map((row) => row.memberId).sort()).toEqual([(await memberOf("s1")).id, (await memberOf("m2")).id].sort());
    // Not twice within an hour.
    expect(await send("s1", "Nguyễn Văn An", "/nhacnho")).not.toBe(reply);
    expect(await database.db.outbox.count({ where: { kind: "NUDGE" } })).toBe(2);
  });
});

describe("/baocao tep on a text channel", () => {
  it("a member is refused and gets no file", async () => {
    const replies = await respond("m1", "Trần Thị Bình", "/baocao tep");
    expect(replies.every((part) => "text" in part)).toBe(true);
    expect(replies.map((part) => ("text" in part ? part.text : "")).join("\n")).toBe("Chỉ bí thư, phó bí thư và chi ủy viên mới xem được báo cáo.");
  });

  it("the secretary's /baocao says how to get the files", async () => {
    expect(await send("s1", "Nguyễn Văn An", "/baocao")).toMatch(/\n\nTệp báo cáo \(DOCX, XLSX\): gõ \/baocao tep\.$/);
  });

  it("the secretary gets the round's DOCX and XLSX as files, marked private while the round is open", async () => {
    const replies = await respond("s1", "Nguyễn Văn An", "/baocao tep");
    const files = replies.flatMap((part) => ("message" in part ? [part.message] : []));
    expect(files.map((m) => m.file.filename)).toEqual(["bao-cao-tu-soi-dot-01.docx", "bang-tong-hop-tu-soi-dot-01.xlsx"]);
    for (const m of files) {
      expect(m.text).toContain("chỉ gửi riêng");
      expect(Buffer.from(m.file.base64, "base64").subarray(0, 2).toString()).toBe("PK");
    }
    // No higher body set: the hint how to set it follows.
    expect(replies.at(-1)).toMatchObject({ text: expect.stringContaining("/caidat captren") });
  });
});

describe("/kiemdiem on a text channel", () => {
  it("the member's record of the year as text, then its DOCX as a file; a bad year is refused", async () => {
    const replies = await respond("m1", "Trần Thị Bình", "/kiemdiem");
    expect(replies).toHaveLength(2);
    const [record, file] = replies;
    expect(record && "text" in record && record.text).toContain("Kết quả tự soi, tự sửa năm 2026 · Trần Thị Bình");
    expect(record && "text" in record && record.text).toContain("Biện pháp 1.3");
    if (!file || !("message" in file)) throw new Error("no file");
    expect(file.message.file.filename).toBe("tu-soi-tu-sua-nam-2026.docx");
    expect(Buffer.from(file.message.file.base64, "base64").subarray(0, 2).toString()).toBe("PK");
    expect(await send("m1", "Trần Thị Bình", "/kiemdiem abc")).toBe("Năm không hợp lệ. Ví dụ: /kiemdiem 2026 (để trống là năm nay).");
  });
});

describe("/tamdung on a text channel", () => {
  it("a member may not pause; the secretary pauses, sees and lifts the pause, and the database holds it", async () => {
    expect(await send("m1", "Trần Thị Bình", "/tamdung 20/11/2026 25/11/2026")).toBe("Chỉ bí thư mới đặt được thời gian tạm dừng.");
    const cellId = (await memberOf("s1")).cellId;
    const pauseOf = async () => (await database.db.cell.findUniqueOrThrow({ where: { id: cellId } })).pauseUntil;
    expect(await pauseOf()).toBeNull();
    expect(await send("s1", "Nguyễn Văn An", "/tamdung 20/11/2026 25/11/2026")).toContain(
      "Đã tạm dừng nhắc nhở và theo dõi khắc phục của chi bộ từ 20/11/2026 đến hết 25/11/2026.",
    );
    expect(await pauseOf()).toBe("2026-11-25");
    expect(await send("m1", "Trần Thị Bình", "/tamdung")).toContain("Chi bộ đang tạm dừng nhắc nhở và theo dõi từ 20/11/2026 đến hết 25/11/2026.");
    expect(await send("s1", "Nguyễn Văn An", "/tamdung huy")).toBe("▶️ Đã bỏ tạm dừng. Nhắc nhở và theo dõi hoạt động lại như thường.");
    expect(await pauseOf()).toBeNull();
  });
});
