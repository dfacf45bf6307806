/**
 * The Zalo channel wired into the composition root (issue 20): startApp with only
 * ZALO_BOT_TOKEN runs the bot on Zalo, against the Zalo Bot API fake over real HTTP. Long
 * polling answers a private message through the shared text conversation; a wrong token stops
 * start-up with one line.
 */
import { afterEach, describe, expect, it } from "vitest";
import { issueFileLink } from "../../src/app/file-links.js";
import type { Config } from "../../src/config.js";
import { DiskFileStore } from "../../src/server/file-links.js";
import { startApp, StartError, type Running } from "../../src/root.js";
import { ZaloFake, type ZaloUser } from "../support/zalo-fake.js";
import { freePort } from "../support/ports.js";
import { download, tempSqlite, zaloConfig } from "../support/zalo-harness.js";

const AN: ZaloUser = { id: "7001", displayName: "Nguyễn Văn An" };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(env: Record<string, string> = {}): Promise<{ fake: ZaloFake; config: Config }> {
  const fake = new ZaloFake({ pollIdleMs: 50 });
  await fake.start();
  cleanups.push(() => fake.stop());
  const sqlite = tempSqlite("tusoi-zalo-");
  cleanups.push(sqlite.remove);
  return { fake, config: zaloConfig(fake, sqlite.url, env) };
}

describe("the Zalo channel in the composition root", () => {
  it("runs Zalo alone (no BOT_TOKEN): a private /thamgia with a wrong code is answered in that chat, by long polling", async () => {
    const { fake, config } = await setUp();
    const running: Running = await startApp(config);
    cleanups.push(() => running.stop());
    await fake.sendText(AN, "/thamgia KHONG-CO");
    const reply = await fake.nextMessage(AN.id, 10_000);
    expect(reply.text).toMatch(/Liên kết tham gia không còn đúng/);
    expect(fake.calls.some((c) => c.method === "getUpdates")).toBe(true);
    expect(fake.calls.some((c) => c.method === "setWebhook")).toBe(false);
  });

  it("stops start-up with one line naming ZALO_BOT_TOKEN when the token is wrong", async () => {
    const { config } = await setUp();
    const wrong = { ...config, zalo: { ...config.zalo!, token: "1234567890:not-the-token" } };
    await expect(startApp(wrong)).rejects.toThrow(StartError);
    await expect(startApp(wrong)).rejects.toThrow(/^Cannot reach the Zalo Bot API at .*\(401 .*\)\. Check ZALO_BOT_TOKEN/);
  });

  it("/tusua on Zalo: the plan as text, then its DOCX as a signed link that downloads the file", async () => {
    const port = await freePort();
    const { fake, config } = await setUp({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ZALO_MESSAGES_PER_SECOND: "30" });
    const running = await startApp(config);
    cleanups.push(() => running.stop());
    /** The bot's messages to An until one matches. */
    const until = async (pattern: RegExp): Promise<string> => {
      for (;;) {
        const { text } = await fake.nextMessage(AN.id, 20_000).catch((error: Error) => {
          throw new Error(
            `${error.message} (waiting for ${pattern}; sent: ${fake
              .messagesTo(AN.id)
              .map((m) => m.text.slice(0, 300))
              .join(" | ")})`,
          );
        });
        if (pattern.test(text)) return text;
      }
    };
    await fake.sendText(AN, "/chibo Chi bộ Zalo");
    await until(/\/thamgia /);
    const deadline = new Date(Date.now() + 10 * 86_400_000);
    const day = (n: number) => String(n).padStart(2, "0");
    await fake.sendText(AN, `/dotmoi ${day(deadline.getUTCDate())}/${day(deadline.getUTCMonth() + 1)}/${deadline.getUTCFullYear()}`);
    await until(/Đã mở đợt/);
    await fake.sendText(AN, "/tusoi");
    await until(/Câu 1\/27/);
    await fake.sendText(AN, "1".repeat(27));
    const review = await until(/Nộp bản tự soi/);
    const submit = /^(\d+)\. \S* ?Nộp bản tự soi$/m.exec(review)?.[1];
    if (!submit) throw new Error(review);
    await fake.sendText(AN, submit);
    await until(/\/tusua/);
    await fake.sendText(AN, "/tusua");
    expect(await until(/Kế hoạch khắc phục|kế hoạch/)).toBeTruthy();
    const linkLine = await until(/ke-hoach-khac-phuc-01\.docx: /);
    const url = /(http:\/\/\S+\/f\/\S+)/.exec(linkLine)![1]!;
    const file = await download(url);
    expect(file.status).toBe(200);
    expect(file.head).toBe("PK");
  }, 60_000);

  it("serves file links on /f/<token> with PUBLIC_URL and PORT: the file for a genuine link, the 404 page for a forged one", async () => {
    const port = await freePort();
    const { config } = await setUp({ PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` });
    const running = await startApp(config);
    cleanups.push(() => running.stop());
    const link = await issueFileLink(
      { store: new DiskFileStore(config.filesDir), secret: config.fileLinkSecret, publicUrl: config.publicUrl!, now: () => new Date() },
      { kind: "document", filename: "Kế hoạch.docx", base64: Buffer.from("plan bytes").toString("base64") },
      "zalo:7001",
    );
    const file = await fetch(link);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).toString()).toBe("plan bytes");
    const forged = await fetch(`${config.publicUrl}/f/${"0".repeat(32)}.eA.zz.AAAAAAAAAAAAAAAAAAAAAA`);
    expect(forged.status).toBe(404);
    expect(await forged.text()).toContain("Không tìm thấy tệp");
  });
});
