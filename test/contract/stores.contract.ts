/**
 * The storage contract: cases every implementation of the storage ports must pass, written
 * against the ports only (no ORM, no SQL). Each implementation runs the same suite from its
 * own test file (SQLite today: test/integration/contracts.test.ts), so a second engine is
 * held to exactly the same behaviour.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MemberWithCell, NewOutboxMessage, Stores } from "../../src/app/ports.js";

export interface ContractSubject {
  stores: Stores;
  close(): Promise<void>;
}

const at = (iso: string) => new Date(iso);

export function storesContract(name: string, open: () => Promise<ContractSubject>): void {
  describe(`storage contract: ${name}`, () => {
    let subject: ContractSubject;
    let s: Stores;
    let secretary: MemberWithCell;
    let member: MemberWithCell;

    beforeAll(async () => {
      subject = await open();
      s = subject.stores;
      const { cell } = await s.cells.createCell({
        name: "Chi bộ Hợp đồng",
        group: { channel: "telegram", address: "-900" },
        groupTitle: "Nhóm",
        joinCode: "contract-code",
        timezone: "Asia/Ho_Chi_Minh",
        secretary: { userId: 901n, firstName: "An", username: null, fullName: "Nguyễn Văn An" },
      });
      await s.members.addMember(cell.id, { id: 902n, firstName: "Bình", username: "binh" }, "Trần Thị Bình");
      secretary = (await s.answerPath.findActiveMembership(901n))!;
      member = (await s.answerPath.findActiveMembership(902n))!;
    });
    afterAll(() => subject.close());

    describe("AnswerPath", () => {
      it("touchUser creates a user once, refreshes the name, and clears 'unreachable'", async () => {
        // First contact: no user behind the identity yet; the users repository creates both (Telegram id as app id).
        const identity = { channel: "telegram", externalId: "950" };
        expect(await s.answerPath.touchUser(identity, { firstName: "Cường", username: null }, at("2026-11-22T03:00:00Z"))).toBeNull();
        const first = await s.users.createUserForIdentity(identity, { firstName: "Cường", username: null }, at("2026-11-22T03:00:00Z"));
        expect(first).toMatchObject({ id: 950n, firstName: "Cường", locale: null, awaiting: null, unreachableAt: null });
        expect(await s.users.createUserForIdentity(identity, { firstName: "Cường", username: null }, at("2026-11-22T03:00:00Z"))).toMatchObject({ id: 950n });
        await s.outbox.markUnreachable("telegram", "950", at("2026-11-22T04:00:00Z"));
        expect((await s.users.findUser(950n))?.unreachableAt).toEqual(at("2026-11-22T04:00:00Z"));
        const again = await s.answerPath.touchUser(identity, { firstName: "Cường Lê", username: "cuong" }, at("2026-11-22T05:00:00Z"));
        expect(again).toMatchObject({ firstName: "Cường Lê", unreachableAt: null });
        expect((await s.users.findUser(950n))?.firstName).toBe("Cường Lê");
      });

      it("replaceAwaiting writes the awaited input only while it still holds the expected one (null matches null)", async () => {
        const t = at("2026-11-22T06:00:00Z");
        await s.users.setAwaiting(902n, null);
        expect(await s.answerPath.replaceAwaiting(902n, "other", '{"v":1,"k":"screen"}', t)).toBe(false);
        expect((await s.users.findUser(902n))?.awaiting).toBeNull();
        expect(await s.answerPath.replaceAwaiting(902n, null, '{"v":1,"k":"screen"}', t)).toBe(true);
        expect((await s.users.findUser(902n))?.awaiting).toBe('{"v":1,"k":"screen"}');
        expect(await s.answerPath.replaceAwaiting(902n, null, '{"v":1,"k":"name"}', t)).toBe(false);
        expect(await s.answerPath.replaceAwaiting(902n, '{"v":1,"k":"screen"}', null, t)).toBe(true);
        expect((await s.users.findUser(902n))?.awaiting).toBeNull();
        expect(await s.answerPath.replaceAwaiting(999n, null, '{"v":1,"k":"screen"}', t)).toBe(false);
      });

      it("findActiveMembership returns the membership with its cell, and nothing after leaving", async () => {
        expect(member).toMatchObject({
          fullName: "Trần Thị Bình",
          role: "MEMBER",
          leftAt: null,
          cell: { name: "Chi bộ Hợp đồng", group: { channel: "telegram", address: "-900" } },
        });
        expect(secretary.role).toBe("SECRETARY");
        expect(await s.answerPath.findActiveMembership(999n)).toBeNull();
      });

      it("findRound reads the instants another port wrote, to the millisecond", async () => {
        const deadline = at("2026-12-15T16:59:59.999Z");
        const opened = await s.rounds.openRound({
          cellId: secretary.cellId,
          title: "Đợt hợp đồng",
          deadline,
          deadlineDay: "2026-12-15",
          checklistCode: "nq04-xii",
          checklistVersion: 1,
          openedByMemberId: secretary.id,
          now: at("2026-11-22T03:00:00.123Z"),
        });
        if (!opened.ok) throw new Error("a round was open");
        const round = await s.answerPath.findRound(opened.round.id);
        expect(round).toEqual(opened.round);
        expect(round?.deadline.getTime()).toBe(deadline.getTime());
        expect(await s.rounds.findOpenRound(secretary.cellId)).toEqual(opened.round);
      });

      it("saveAssessment commits answers and the cursor; filing copies them in the same write", async () => {
        const round = (await s.rounds.findLatestRound(secretary.cellId))!;
        const form = await s.assessments.createAssessment({
          roundId: round.id,
          memberId: member.id,
          checklistCode: "nq04-xii",
          checklistVersion: 1,
          cursor: "c0",
        });
        await s.answerPath.saveAssessment(
          {
            assessmentId: form.id,
            cursor: "c1",
            status: "DRAFT",
            editing: false,
            answers: { "1.1": { value: "MINOR", measure: "Học tập", targetDate: "2026-12-31" }, "1.2": { value: "NONE", measure: null, targetDate: null } },
          },
          at("2026-11-22T03:01:00Z"),
        );
        const saved = await s.answerPath.findAssessmentById(form.id);
        expect(saved).toMatchObject({ cursor: "c1", status: "DRAFT", submittedAt: null });
        expect(saved?.answers["1.1"]).toEqual({ value: "MINOR", measure: "Học tập", targetDate: "2026-12-31" });
        expect(await s.assessments.filedAnswers(form.id)).toEqual({});

        const filedAt = at("2026-11-22T03:02:00.456Z");
        await s.answerPath.saveAssessment(
          { assessmentId: form.id, cursor: "c2", status: "SUBMITTED", editing: false, answers: {}, file: { at: filedAt } },
          filedAt,
        );
        expect((await s.answerPath.findAssessmentById(form.id))?.submittedAt).toEqual(filedAt);
        expect((await s.assessments.findAssessment(round.id, member.id))?.submittedAt).toEqual(filedAt);
        expect(Object.keys(await s.assessments.filedAnswers(form.id)).sort()).toEqual(["1.1", "1.2"]);
        // A resubmission replaces what was filed.
        await s.answerPath.saveAssessment(
          {
            assessmentId: form.id,
            cursor: "c3",
            status: "SUBMITTED",
            editing: false,
            answers: { "1.1": { value: "NONE", measure: null, targetDate: null } },
            file: { at: at("2026-11-23T00:00:00Z") },
          },
          at("2026-11-23T00:00:00Z"),
        );
        expect((await s.assessments.filedAnswers(form.id))["1.1"]).toEqual({ value: "NONE", measure: null, targetDate: null });
      });

      it("saveAssessment with `expected` writes only while the form is as it was read: of two presses from one state, one wins", async () => {
        const round = (await s.rounds.findLatestRound(secretary.cellId))!;
        const form = await s.assessments.createAssessment({
          roundId: round.id,
          memberId: secretary.id,
          checklistCode: "nq04-xii",
          checklistVersion: 1,
          cursor: "q0",
        });
        const read = { cursor: "q0", status: "DRAFT" as const, editing: false };
        const press = (cursor: string, code: string) =>
          s.answerPath.saveAssessment(
            {
              assessmentId: form.id,
              cursor,
              status: "DRAFT",
              editing: false,
              expected: read,
              answers: { [code]: { value: "SIGNIFICANT", measure: null, targetDate: null } },
            },
            at("2026-11-22T04:00:00Z"),
          );
        // One after the other: the second press was read before the first was written.
        expect(await press("q1", "1.1")).toBe(true);
        expect(await press("q1b", "1.2")).toBe(false);
        const after = await s.answerPath.findAssessmentById(form.id);
        expect(after?.cursor).toBe("q1");
        expect(Object.keys(after?.answers ?? {})).toEqual(["1.1"]);
        // At the same time, from the state both read: exactly one is written, whole.
        const again = { cursor: "q1", status: "DRAFT" as const, editing: false };
        const both = await Promise.all(
          ["2.1", "2.2"].map((code) =>
            s.answerPath.saveAssessment(
              {
                assessmentId: form.id,
                cursor: `q2-${code}`,
                status: "DRAFT",
                editing: false,
                expected: again,
                answers: { [code]: { value: "MINOR", measure: null, targetDate: null } },
              },
              at("2026-11-22T04:01:00Z"),
            ),
          ),
        );
        expect(both.filter(Boolean)).toHaveLength(1);
        const winner = both[0] ? "2.1" : "2.2";
        const final = await s.answerPath.findAssessmentById(form.id);
        expect(final?.cursor).toBe(`q2-${winner}`);
        expect(Object.keys(final?.answers ?? {}).sort()).toEqual(["1.1", winner]);
      });
    });

    describe("ProcessedUpdates", () => {
      it("marks an update once and forgets it after pruning", async () => {
        expect(await s.updates.markUpdateProcessed("telegram", "42", at("2026-11-01T00:00:00Z"))).toBe(true);
        expect(await s.updates.markUpdateProcessed("telegram", "42", at("2026-11-01T00:00:01Z"))).toBe(false);
        expect(await s.updates.markUpdateProcessed("telegram", "43", at("2026-11-20T00:00:00Z"))).toBe(true);
        expect(await s.updates.pruneProcessedUpdates(at("2026-11-10T00:00:00Z"))).toBe(1);
        expect(await s.updates.markUpdateProcessed("telegram", "42", at("2026-11-21T00:00:00Z"))).toBe(true);
        expect(await s.updates.markUpdateProcessed("telegram", "43", at("2026-11-21T00:00:00Z"))).toBe(false);
      });

      it("keys updates per channel: the same id on another channel is another update", async () => {
        expect(await s.updates.markUpdateProcessed("telegram", "77", at("2026-11-21T00:00:00Z"))).toBe(true);
        expect(await s.updates.markUpdateProcessed("zalo", "77", at("2026-11-21T00:00:00Z"))).toBe(true);
        expect(await s.updates.markUpdateProcessed("zalo", "77", at("2026-11-21T00:00:01Z"))).toBe(false);
      });
    });

    describe("Users and channel identities", () => {
      it("first contact on Telegram takes the Telegram id as app id when free; anyone else gets the next negative id", async () => {
        const t = at("2026-11-22T03:00:00Z");
        const telegram = await s.users.createUserForIdentity({ channel: "telegram", externalId: "960" }, { firstName: "Dũng", username: null }, t);
        expect(telegram.id).toBe(960n);
        // Another channel's person: never a positive (Telegram-range) id.
        const zalo = await s.users.createUserForIdentity({ channel: "zalo", externalId: "z-960" }, { firstName: "Em", username: null }, t);
        expect(zalo.id).toBe(-1n);
        // A Telegram id already taken as an app id (user 901 was made without a Telegram identity).
        const taken = await s.users.createUserForIdentity({ channel: "telegram", externalId: "901" }, { firstName: "Giang", username: null }, t);
        expect(taken.id).toBe(-2n);
        expect(await s.answerPath.touchUser({ channel: "telegram", externalId: "901" }, { firstName: "Giang", username: null }, t)).toMatchObject({ id: -2n });
        expect(await s.answerPath.touchUser({ channel: "zalo", externalId: "960" }, { firstName: "Dũng", username: null }, t)).toBeNull();
        expect(await s.users.identitiesOf(-1n)).toEqual([{ channel: "zalo", externalId: "z-960" }]);
      });

      it("finds the person an identity points to without touching them; nobody for an unknown identity", async () => {
        const t = at("2026-11-22T03:00:00Z");
        const made = await s.users.createUserForIdentity({ channel: "zalo", externalId: "z-965" }, { firstName: "Lan", username: null }, t);
        expect(await s.users.findUserByIdentity({ channel: "zalo", externalId: "z-965" })).toMatchObject({ id: made.id, firstName: "Lan" });
        expect(await s.users.findUserByIdentity({ channel: "telegram", externalId: "z-965" })).toBeNull();
        expect(await s.users.findUserByIdentity({ channel: "zalo", externalId: "group-1" })).toBeNull();
      });
    });

    describe("OutboxRepository", () => {
      const message = (key: string, chatId: bigint) => ({
        key,
        kind: "NUDGE" as const,
        cellId: secretary.cellId,
        memberId: member.id,
        roundId: null,
        to: { destination: { channel: "telegram", address: String(chatId) } },
        message: { text: key },
        notBefore: at("2026-11-22T03:00:00Z"),
        expiresAt: null,
      });

      it("enqueues each key once", async () => {
        const now = at("2026-11-22T03:00:00Z");
        // Three recipients: a chat's messages are claimed one at a time (see the order case below).
        expect(await s.outbox.enqueue([message("k1", 902n), message("k2", 903n)], now)).toBe(2);
        expect(await s.outbox.enqueue([message("k1", 902n), message("k3", 904n)], now)).toBe(1);
        expect(await s.outbox.outboxStatus("k1")).toEqual({ status: "PENDING", lastError: null });
        expect(await s.outbox.outboxStatus("nope")).toBeNull();
      });

      it("claims each due message for one worker only, and takes over an expired lease", async () => {
        const now = at("2026-11-22T03:00:10Z");
        const lease = at("2026-11-22T03:02:10Z");
        const [a, b] = await Promise.all([s.outbox.claim("a", now, lease, 2, "telegram"), s.outbox.claim("b", now, lease, 2, "telegram")]);
        const keys = [...a, ...b].map((m) => m.key).sort();
        expect(keys).toEqual(["k1", "k2", "k3"]);
        expect(new Set(keys).size).toBe(keys.length);
        const mine = a[0] ?? b[0]!;
        const owner = a.length > 0 ? "a" : "b";
        expect(mine.message).toEqual({ text: mine.key });
        expect(await s.outbox.holdClaim(mine.id, "someone-else", now, lease)).toBe(false);
        expect(await s.outbox.holdClaim(mine.id, owner, now, lease)).toBe(true);
        const later = at("2026-11-22T03:05:00Z");
        const taken = await s.outbox.claim("c", later, at("2026-11-22T03:07:00Z"), 10, "telegram");
        expect(taken.map((m) => m.key).sort()).toEqual(["k1", "k2", "k3"]);
        expect(await s.outbox.holdClaim(mine.id, owner, later, lease)).toBe(false);
      });

      it("records outcomes: sent, retry later, failed, skipped", async () => {
        const now = at("2026-11-22T03:05:00Z");
        const claimed = await s.outbox.claim("d", at("2026-11-22T03:10:00Z"), at("2026-11-22T03:12:00Z"), 10, "telegram");
        const [one, two, three] = claimed.sort((x, y) => x.key.localeCompare(y.key));
        await s.outbox.markSent(one!.id, "d", 77, now);
        await s.outbox.markRetry(two!.id, "d", at("2026-11-22T04:00:00Z"), "429", false);
        await s.outbox.markFailed(three!.id, "d", "400 Bad Request");
        expect(await s.outbox.outboxStatus("k1")).toEqual({ status: "SENT", lastError: null });
        expect(await s.outbox.outboxStatus("k2")).toEqual({ status: "PENDING", lastError: "429" });
        expect(await s.outbox.outboxStatus("k3")).toEqual({ status: "FAILED", lastError: "400 Bad Request" });
        expect(await s.outbox.nextPendingAt("telegram")).toEqual(at("2026-11-22T04:00:00Z"));
        expect(await s.outbox.claim("e", at("2026-11-22T03:30:00Z"), at("2026-11-22T03:32:00Z"), 10, "telegram")).toEqual([]);
        const due = await s.outbox.claim("e", at("2026-11-22T04:00:00Z"), at("2026-11-22T04:02:00Z"), 10, "telegram");
        await s.outbox.markSkipped(due[0]!.id, "e", "expired");
        expect((await s.outbox.outboxStatus("k2"))?.status).toBe("SKIPPED");
        expect(await s.outbox.sentRecently(member.id, 0, ["NUDGE"], at("2026-11-01T00:00:00Z"))).toBe(false);
      });

      it("claims only each chat's oldest open message (a member's messages go in order), and releases a gone sender's claims", async () => {
        const now = at("2026-11-22T05:00:00Z");
        const due = (key: string, chatId: bigint) => ({ ...message(key, chatId), notBefore: now });
        await s.outbox.enqueue([due("k4", 905n), due("k5", 905n), due("k6", 906n)], now);
        const lease = at("2026-11-22T05:02:00Z");
        expect((await s.outbox.claim("f", now, lease, 10, "telegram")).map((m) => m.key)).toEqual(["k4", "k6"]);
        // k5 is due but waits behind k4: not claimable, not the next pending either.
        expect(await s.outbox.claim("g", now, lease, 10, "telegram")).toEqual([]);
        expect(await s.outbox.nextPendingAt("telegram")).toBeNull();
        // "f" is gone (its process lock or election lock went with it): its claims are free at once.
        expect(await s.outbox.releaseClaims("g")).toBe(2);
        expect(await s.outbox.outboxStatus("k4")).toEqual({ status: "PENDING", lastError: null });
        const again = await s.outbox.claim("g", now, lease, 10, "telegram");
        expect(again.map((m) => m.key)).toEqual(["k4", "k6"]);
        expect(await s.outbox.releaseClaims("g")).toBe(0);
        await s.outbox.markRetry(again[0]!.id, "g", at("2026-11-22T05:00:30Z"), "502", true);
        // A retry waiting in the future still holds back the chat's later message.
        expect(await s.outbox.claim("g", at("2026-11-22T05:00:10Z"), lease, 10, "telegram")).toEqual([]);
        expect(await s.outbox.nextPendingAt("telegram")).toEqual(at("2026-11-22T05:00:30Z"));
        const k4 = await s.outbox.claim("g", at("2026-11-22T05:00:30Z"), lease, 10, "telegram");
        expect(k4.map((m) => m.key)).toEqual(["k4"]);
        await s.outbox.markSent(k4[0]!.id, "g", 1, at("2026-11-22T05:00:31Z"));
        expect((await s.outbox.claim("g", at("2026-11-22T05:00:31Z"), lease, 10, "telegram")).map((m) => m.key)).toEqual(["k5"]);
      });

      it("resolves a person to their channel identity at enqueue; a sender claims only its channel's rows; 403 marks the person, never a group", async () => {
        const now = at("2026-11-22T07:00:00Z");
        const t = at("2026-11-22T03:00:00Z");
        const tg = await s.users.createUserForIdentity({ channel: "telegram", externalId: "970" }, { firstName: "Hà", username: null }, t);
        const other = await s.users.createUserForIdentity({ channel: "zalo", externalId: "z-971" }, { firstName: "Khoa", username: null }, t);
        const to = (key: string, recipient: NewOutboxMessage["to"]): NewOutboxMessage => ({ ...message(key, 0n), to: recipient, notBefore: now });
        expect(await s.outbox.enqueue([to("p1", { userId: tg.id }), to("p2", { userId: other.id })], now)).toBe(2);
        await expect(s.outbox.enqueue([to("p3", { userId: 123_456_789n })], now)).rejects.toThrow(/no channel identity/);
        const claimed = await s.outbox.claim("h", now, at("2026-11-22T07:02:00Z"), 10, "telegram");
        // (Earlier cases' Telegram rows whose lease ran out may come along; never another channel's.)
        expect(claimed.map((m) => m.channel)).not.toContain("zalo");
        expect(claimed.filter((m) => m.key.startsWith("p")).map((m) => [m.key, m.channel, m.recipient])).toEqual([["p1", "telegram", "970"]]);
        const zalo = await s.outbox.claim("z", now, at("2026-11-22T07:02:00Z"), 10, "zalo");
        expect(zalo.map((m) => [m.key, m.channel, m.recipient])).toEqual([["p2", "zalo", "z-971"]]);
        await s.outbox.markUnreachable("telegram", "-900", now);
        expect((await s.users.findUser(901n))?.unreachableAt).toBeNull();
        await s.outbox.markUnreachable("telegram", "970", now);
        expect((await s.users.findUser(tg.id))?.unreachableAt).toEqual(now);
        expect((await s.users.findUser(other.id))?.unreachableAt).toBeNull();
        for (const m of [...claimed, ...zalo]) await s.outbox.markSent(m.id, m.channel === "zalo" ? "z" : "h", 1, now);
      });

      it("lists a round's report-back messages with their states", async () => {
        const now = at("2026-11-22T06:00:00Z");
        const back = (key: string) => ({ ...message(key, 907n), kind: "REPORT_BACK" as const, roundId: 4242, notBefore: now });
        await s.outbox.enqueue([back("report-back:4242:x"), back("report-back:4242:x:docx")], now);
        expect(await s.outbox.reportBackStates(4242)).toEqual([
          { memberId: member.id, key: "report-back:4242:x", status: "PENDING" },
          { memberId: member.id, key: "report-back:4242:x:docx", status: "PENDING" },
        ]);
        expect(await s.outbox.reportBackStates(4243)).toEqual([]);
      });
    });

    describe("Cells, Members, Rounds", () => {
      it("finds a cell by group and join code, and one cell's schedule", async () => {
        const cell = await s.cells.findCellByGroup({ channel: "telegram", address: "-900" });
        expect(cell?.name).toBe("Chi bộ Hợp đồng");
        expect(await s.cells.findCellByJoinCode("contract-code")).toEqual(cell);
        expect(await s.cells.findCellSchedule(cell!.id)).toMatchObject({ id: cell!.id, followUpDay: 1, followUpTime: "08:00", lastFollowUpAt: null });
        expect(await s.cells.findCellSchedule(-1)).toBeNull();
      });

      it("loads members with their users in one call", async () => {
        const rows = await s.members.membersWithUsers([member.id, secretary.id]);
        expect(rows.map((r) => [r.fullName, r.user.firstName])).toEqual([
          ["Nguyễn Văn An", "An"],
          ["Trần Thị Bình", "Bình"],
        ]);
        expect(await s.members.membersWithUsers([])).toEqual([]);
      });

      it("closes a round once", async () => {
        const round = (await s.rounds.findLatestRound(secretary.cellId))!;
        expect(await s.rounds.closeRound(round.id, at("2026-11-30T00:00:00Z"))).toBe(true);
        expect(await s.rounds.closeRound(round.id, at("2026-12-01T00:00:00Z"))).toBe(false);
        expect((await s.answerPath.findRound(round.id))?.closedAt).toEqual(at("2026-11-30T00:00:00Z"));
        expect(await s.rounds.roundNumber(round)).toBe(1);
      });
    });

    describe("AuditLog", () => {
      it("lists entries newest first with the actor's name and the round's title", async () => {
        const round = (await s.rounds.findLatestRound(secretary.cellId))!;
        await s.audit.addAudit({
          cellId: secretary.cellId,
          actorMemberId: secretary.id,
          action: "DETAIL_VIEW",
          roundId: round.id,
          at: at("2026-11-22T05:00:00Z"),
        });
        await s.audit.addAudit({ cellId: secretary.cellId, actorMemberId: secretary.id, action: "DETAIL_XLSX", roundId: null, at: at("2026-11-22T06:00:00Z") });
        expect(await s.audit.listAudit(secretary.cellId, 10)).toEqual([
          { actorName: "Nguyễn Văn An", action: "DETAIL_XLSX", roundTitle: null, at: at("2026-11-22T06:00:00Z") },
          { actorName: "Nguyễn Văn An", action: "DETAIL_VIEW", roundTitle: "Đợt hợp đồng", at: at("2026-11-22T05:00:00Z") },
        ]);
      });
    });

    describe("after the meeting (issue 13)", () => {
      it("keeps a cell's pause and time zone; null lifts the pause", async () => {
        await s.cells.setPause(secretary.cellId, { from: "2027-02-05", until: "2027-02-12" });
        expect((await s.cells.findCellSchedule(secretary.cellId))?.pause).toEqual({ from: "2027-02-05", until: "2027-02-12" });
        expect((await s.cells.listCellSchedules()).find((c) => c.id === secretary.cellId)?.pause).toEqual({ from: "2027-02-05", until: "2027-02-12" });
        await s.cells.setPause(secretary.cellId, null);
        expect((await s.cells.findCellSchedule(secretary.cellId))?.pause).toBeNull();
        await s.cells.setTimezone(secretary.cellId, "Asia/Tokyo");
        expect((await s.answerPath.findActiveMembership(901n))?.cell.timezone).toBe("Asia/Tokyo");
        await s.cells.setTimezone(secretary.cellId, "Asia/Ho_Chi_Minh");
      });

      it("keeps a round's conclusions, lists the cell's rounds, and moves only an open round's deadline", async () => {
        const round = (await s.rounds.findLatestRound(secretary.cellId))!;
        expect(await s.rounds.roundConclusions(round.id)).toBe("");
        await s.rounds.setRoundConclusions(round.id, "Kết luận\nhai dòng");
        expect(await s.rounds.roundConclusions(round.id)).toBe("Kết luận\nhai dòng");
        expect((await s.rounds.roundsOfCell(secretary.cellId)).map((r) => r.id)).toContain(round.id);
        expect(round.closedAt).not.toBeNull();
        await s.rounds.setRoundDeadline(round.id, at("2030-01-01T00:00:00Z"));
        expect((await s.answerPath.findRound(round.id))?.deadline).toEqual(round.deadline);
      });

      it("records a member's muted follow-up month", async () => {
        await s.members.muteFollowUp(member.id, "2027-01");
        expect(await s.members.mutedMembers(member.cellId, "2027-01")).toEqual([member.id]);
        expect(await s.members.mutedMembers(member.cellId, "2027-02")).toEqual([]);
      });

      it("hands the secretary role over only from the current secretary, in one step", async () => {
        expect(await s.members.handOverSecretary(secretary.cellId, member.id, secretary.id, "MEMBER")).toBe(false);
        expect(await s.members.handOverSecretary(secretary.cellId, secretary.id, member.id, "DEPUTY")).toBe(true);
        expect((await s.members.secretaryOf(secretary.cellId))?.id).toBe(member.id);
        expect((await s.members.findMember(secretary.id))?.role).toBe("DEPUTY");
        expect(await s.members.handOverSecretary(secretary.cellId, secretary.id, member.id, "MEMBER")).toBe(false);
        expect(await s.members.handOverSecretary(secretary.cellId, member.id, secretary.id, "MEMBER")).toBe(true);
        expect((await s.members.secretaryOf(secretary.cellId))?.id).toBe(secretary.id);
      });

      it("reads forms with their filed answers by round", async () => {
        expect(await s.assessments.filedForms([])).toEqual([]);
        const round = (await s.rounds.findLatestRound(secretary.cellId))!;
        const forms = await s.assessments.filedForms([round.id]);
        expect(forms.every((f) => f.roundId === round.id && Array.isArray(f.answers))).toBe(true);
        expect(await s.assessments.filedForms([round.id], 987654)).toEqual([]);
      });
    });

    describe("the chi ủy's collective form (issue 11)", () => {
      it("is one form per round, apart from the secretary's own, and no member figure counts it", async () => {
        const round = (await s.rounds.findLatestRound(secretary.cellId))!;
        const before = {
          rows: await s.reports.roundReportRows(round.id, secretary.cellId),
          detail: await s.reports.detailRows(round.id, secretary.cellId),
          pending: (await s.members.pendingMembers(round.id, secretary.cellId)).map((m) => [m.id, m.answered]),
          forms: await s.assessments.filedForms([round.id]),
          items: await s.assessments.correctionItems(secretary.cellId, at("2030-01-01T00:00:00Z")),
          own: await s.assessments.findAssessment(round.id, secretary.id),
        };
        expect(await s.reports.collectiveForm(round.id)).toBeNull();
        const form = await s.assessments.createAssessment({
          roundId: round.id,
          memberId: secretary.id,
          checklistCode: "nq04-xii",
          checklistVersion: 1,
          cursor: "c0",
          collective: true,
        });
        expect(form.collective).toBe(true);
        // Asked again (a double tap, or another secretary later): the same form.
        expect(
          (
            await s.assessments.createAssessment({
              roundId: round.id,
              memberId: member.id,
              checklistCode: "nq04-xii",
              checklistVersion: 1,
              cursor: "c0",
              collective: true,
            })
          ).id,
        ).toBe(form.id);
        expect(await s.reports.collectiveForm(round.id)).toEqual({ assessmentId: form.id, submitted: false, answers: [] });
        await s.answerPath.saveAssessment(
          {
            assessmentId: form.id,
            cursor: "c1",
            status: "SUBMITTED",
            editing: false,
            file: { at: at("2026-11-22T07:00:00Z") },
            answers: {
              "1.4": { value: "SIGNIFICANT", measure: "Chi ủy họp định kỳ đúng nguyên tắc", targetDate: "2027-03-31" },
              "1.5": { value: "NONE", measure: null, targetDate: null },
            },
          },
          at("2026-11-22T07:00:00Z"),
        );

        expect((await s.answerPath.findAssessmentById(form.id))?.collective).toBe(true);
        expect((await s.assessments.findCollective(round.id))?.id).toBe(form.id);
        expect((await s.assessments.findAssessment(round.id, secretary.id))?.id ?? null).toBe(before.own?.id ?? null);
        expect(await s.reports.collectiveForm(round.id)).toEqual({
          assessmentId: form.id,
          submitted: true,
          answers: [{ itemCode: "1.4", value: "SIGNIFICANT", measure: "Chi ủy họp định kỳ đúng nguyên tắc", targetDate: "2027-03-31" }],
        });
        // Every members' figure is exactly what it was: participation, items, the private detail, reminders, follow-ups.
        expect(await s.reports.roundReportRows(round.id, secretary.cellId)).toEqual(before.rows);
        expect(await s.reports.detailRows(round.id, secretary.cellId)).toEqual(before.detail);
        expect((await s.members.pendingMembers(round.id, secretary.cellId)).map((m) => [m.id, m.answered])).toEqual(before.pending);
        expect(await s.assessments.filedForms([round.id])).toEqual(before.forms);
        expect(await s.assessments.correctionItems(secretary.cellId, at("2030-01-01T00:00:00Z"))).toEqual(before.items);
        // Its measures are followed up on their own.
        expect(
          (await s.assessments.collectiveCorrectionItems(secretary.cellId, at("2030-01-01T00:00:00Z"))).map((i) => [i.assessmentId, i.itemCode, i.measure]),
        ).toEqual([[form.id, "1.4", "Chi ủy họp định kỳ đúng nguyên tắc"]]);
        expect(await s.assessments.collectiveCorrectionItems(secretary.cellId, at("2026-11-22T06:00:00Z"))).toEqual([]);
      });
    });

    describe("WebAccessRepository", () => {
      it("a login token is used once, only before it expires; sessions end one by one or all together; audit in order", async () => {
        const t0 = at("2026-11-22T03:00:00Z");
        const later = (ms: number) => new Date(t0.getTime() + ms);
        await s.web.addLoginToken({ tokenHash: "h-token-1", userId: 901n, createdAt: t0, expiresAt: later(600_000) });
        await s.web.addLoginToken({ tokenHash: "h-token-2", userId: 901n, createdAt: t0, expiresAt: later(600_000) });
        expect(await s.web.findLoginToken("h-token-1")).toEqual({ userId: 901n, expiresAt: later(600_000), usedAt: null });
        expect(await s.web.findLoginToken("nope")).toBeNull();
        expect(await s.web.useLoginToken("h-token-1", later(1000))).toBe(901n);
        expect(await s.web.useLoginToken("h-token-1", later(2000))).toBeNull();
        expect((await s.web.findLoginToken("h-token-1"))?.usedAt).toEqual(later(1000));
        expect(await s.web.useLoginToken("h-token-2", later(600_000))).toBeNull();
        for (const hash of ["h-session-1", "h-session-2", "h-session-3"])
          await s.web.addSession({ sessionHash: hash, userId: 901n, createdAt: t0, expiresAt: later(3600_000) });
        await s.web.addSession({ sessionHash: "h-session-other", userId: 902n, createdAt: t0, expiresAt: later(3600_000) });
        expect(await s.web.findActiveSession("h-session-1", later(1000))).toMatchObject({ userId: 901n, endedAt: null });
        expect(await s.web.findActiveSession("h-session-1", later(3600_000))).toBeNull();
        expect(await s.web.endSession("h-session-1", later(1000))).toBe(901n);
        expect(await s.web.endSession("h-session-1", later(2000))).toBeNull();
        expect(await s.web.findActiveSession("h-session-1", later(3000))).toBeNull();
        expect(await s.web.endSessionsOf(901n, later(4000))).toBe(2);
        expect(await s.web.findActiveSession("h-session-2", later(5000))).toBeNull();
        expect(await s.web.findActiveSession("h-session-other", later(5000))).toMatchObject({ userId: 902n });
        await s.web.addWebAudit({ userId: 901n, action: "SIGN_IN", at: t0 });
        await s.web.addWebAudit({ userId: 901n, action: "SIGN_OUT", at: later(1000) });
        expect(await s.web.listWebAudit(901n, 5)).toEqual([
          { action: "SIGN_OUT", at: later(1000) },
          { action: "SIGN_IN", at: t0 },
        ]);
      });
    });
  });
}
