/**
 * The committee level's storage contract: cases every implementation of the committees,
 * campaigns and committee-reports ports must pass, written against the ports only. Run on
 * each engine next to the storage contract (test/integration/contracts*.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CellRecord, CommitteeRecord, MemberWithCell, Stores } from "../../src/app/ports.js";
import { cellRecord, committeeRecord } from "../support/committee-tree.js";
import type { ContractSubject } from "./stores.contract.js";

const at = (iso: string) => new Date(iso);

export function committeesContract(name: string, open: () => Promise<ContractSubject>): void {
  describe(`committee storage contract: ${name}`, () => {
    let subject: ContractSubject;
    let s: Stores;
    let province: CommitteeRecord;
    let district: CommitteeRecord;
    let cellA: CellRecord;
    let cellB: CellRecord;
    let secretaryA: MemberWithCell;

    beforeAll(async () => {
      subject = await open();
      s = subject.stores;
      province = await committeeRecord(s, { name: "Tỉnh ủy", chat: -9100n, joinCode: "jc-9100", user: 9101n });
      district = await committeeRecord(s, { name: "Huyện ủy", chat: -9200n, joinCode: "jc-9200", user: 9201n });
      cellA = await cellRecord(s, { name: "Chi bộ A", chat: -9300n, joinCode: "cc-9300", user: 9301n });
      cellB = await cellRecord(s, { name: "Chi bộ B", chat: -9400n, joinCode: "cc-9400", user: 9401n });
      secretaryA = (await s.answerPath.findActiveMembership(9301n))!;
      for (let i = 0; i < 3; i++) await s.members.addMember(cellA.id, { id: BigInt(9310 + i), firstName: `M${i}`, username: null }, `Đảng viên A${i}`);
    });
    afterAll(() => subject.close());

    it("keeps the tree: parents of committees and cells, cells under a set of committees", async () => {
      await s.committees.setCommitteeParent(district.id, province.id);
      await s.committees.setCellParent(cellA.id, district.id);
      await s.committees.setCellParent(cellB.id, province.id);
      const tree = await s.committees.committeeTree();
      expect(tree.find((n) => n.id === district.id)).toEqual({ id: district.id, parentId: province.id, name: "Huyện ủy" });
      expect(tree.find((n) => n.id === province.id)?.parentId).toBeNull();
      expect(await s.committees.cellParent(cellA.id)).toBe(district.id);
      expect((await s.committees.cellsUnder([province.id, district.id])).map((c) => [c.name, c.parentCommitteeId]).sort()).toEqual([
        ["Chi bộ A", district.id],
        ["Chi bộ B", province.id],
      ]);
      expect(await s.committees.findCommitteeByGroup({ channel: "telegram", address: "-9200" })).toEqual({ ...district, parentCommitteeId: province.id });
    });

    it("keeps a roster apart from cell membership, with roles and leaving", async () => {
      const entry = await s.committees.addToRoster(province.id, { id: 9301n, firstName: "Bí thư", username: null }, "Bí thư Chi bộ A");
      expect(entry).toMatchObject({ committeeId: province.id, userId: 9301n, role: "MEMBER", leftAt: null });
      await s.committees.setRosterRole(entry.id, "STAFF");
      expect((await s.committees.rostersOf(9301n)).map((r) => [r.committee.name, r.role])).toEqual([["Tỉnh ủy", "STAFF"]]);
      expect((await s.answerPath.findActiveMembership(9301n))?.cellId).toBe(cellA.id);
      await s.committees.setRosterName(entry.id, "Nguyễn Văn Bí");
      expect((await s.committees.rosterEntryById(entry.id))?.fullName).toBe("Nguyễn Văn Bí");
      await s.committees.removeFromRoster(entry.id, at("2026-11-22T03:00:00Z"));
      expect(await s.committees.rosterEntry(province.id, 9301n)).toBeNull();
      expect(await s.committees.rostersOf(9301n)).toEqual([]);
    });

    it("stores link codes with their expiry", async () => {
      const link = await s.committees.createLink({
        code: "LINKCODE1",
        committeeId: province.id,
        createdByUserId: 9101n,
        createdAt: at("2026-11-22T03:00:00Z"),
        expiresAt: at("2026-11-24T03:00:00.500Z"),
      });
      expect(await s.committees.findLink("LINKCODE1")).toEqual(link);
      expect(link.expiresAt).toEqual(at("2026-11-24T03:00:00.500Z"));
      expect(await s.committees.findLink("nope")).toBeNull();
    });

    it("opens a campaign with a round and an announcement in every cell of the subtree, once per cell", async () => {
      const opening = await s.campaigns.openCampaign(
        {
          committeeId: province.id,
          title: "Đợt toàn tỉnh",
          deadline: at("2026-12-15T16:59:59.999Z"),
          deadlineDay: "2026-12-15",
          checklistCode: "nq04-xii",
          checklistVersion: 2,
          openedByUserId: 9101n,
          committeeIds: [province.id, district.id],
          now: at("2026-11-22T03:00:00Z"),
        },
        (round) => [
          {
            key: `round-opened:${round.id}`,
            kind: "ROUND_OPENED",
            cellId: round.cellId,
            memberId: null,
            roundId: round.id,
            to: { destination: round.cell.group! },
            message: { text: round.title },
            notBefore: at("2026-11-22T03:00:00Z"),
            expiresAt: round.deadline,
          },
        ],
      );
      expect(opening.rounds.map((r) => r.cell.name).sort()).toEqual(["Chi bộ A", "Chi bộ B"]);
      expect(opening.busy).toEqual([]);
      for (const round of opening.rounds) expect((await s.outbox.outboxStatus(`round-opened:${round.id}`))?.status).toBe("PENDING");
      expect(await s.campaigns.findCampaign(opening.campaign.id)).toEqual(opening.campaign);
      expect((await s.campaigns.campaignsOf([province.id], 5)).map((c) => c.title)).toEqual(["Đợt toàn tỉnh"]);
      expect((await s.campaigns.campaignRoundOf(opening.campaign.id, cellA.id))?.title).toBe("Đợt toàn tỉnh");
      expect((await s.campaigns.openCampaignRounds(opening.campaign.id)).length).toBe(2);
    });

    it("counts participation per cell, and marks per item, from submitted forms only", async () => {
      const [campaign] = await s.campaigns.campaignsOf([province.id], 1);
      const round = (await s.campaigns.campaignRoundOf(campaign!.id, cellA.id))!;
      const members = (await s.members.listActiveMembers(cellA.id)).slice(0, 2);
      for (const m of members) {
        const form = await s.assessments.createAssessment({ roundId: round.id, memberId: m.id, checklistCode: "nq04-xii", checklistVersion: 2, cursor: "c" });
        await s.answerPath.saveAssessment(
          {
            assessmentId: form.id,
            cursor: "c",
            status: "SUBMITTED",
            editing: false,
            answers: { "1.1": { value: "MINOR", measure: "Học tập", targetDate: "2026-12-31" }, "1.2": { value: "NONE", measure: null, targetDate: null } },
            file: { at: at("2026-11-23T00:00:00Z") },
          },
          at("2026-11-23T00:00:00Z"),
        );
      }
      const rows = await s.committeeReports.campaignParticipation(campaign!.id, [cellA.id, cellB.id]);
      const byCell = new Map(rows.map((r) => [r.cellId, r]));
      expect(byCell.get(cellA.id)).toMatchObject({ roundId: round.id, members: 4, submitted: 2 });
      expect(byCell.get(cellB.id)).toMatchObject({ members: 1, submitted: 0 });
      const items = await s.committeeReports.campaignItems(campaign!.id, [cellA.id], "2026-11-23", "2026-11");
      expect(items.map((i) => [i.itemCode, i.value, i.count])).toEqual([["1.1", "MINOR", 2]]);
      const totals = await s.committeeReports.campaignTotals(campaign!.id, [cellA.id, cellB.id], "2026-11-23", "2026-11");
      expect(totals.items).toEqual([{ itemCode: "1.1", value: "MINOR", count: 2 }]);
      expect(totals.remediation.committed).toBe(2);
      expect(secretaryA.cellId).toBe(cellA.id);
    });

    it("adds up corrections: the latest follow-up decides 'corrected', this period's answer 'in progress' / 'not started'", async () => {
      const [campaign] = await s.campaigns.campaignsOf([province.id], 1);
      const round = (await s.campaigns.campaignRoundOf(campaign!.id, cellA.id))!;
      const [first, second, third] = await s.members.listActiveMembers(cellA.id);
      const formOf = async (memberId: number) => (await s.assessments.findAssessment(round.id, memberId))!;
      const form3 = await s.assessments.createAssessment({
        roundId: round.id,
        memberId: third!.id,
        checklistCode: "nq04-xii",
        checklistVersion: 2,
        cursor: "c",
      });
      await s.answerPath.saveAssessment(
        {
          assessmentId: form3.id,
          cursor: "c",
          status: "SUBMITTED",
          editing: false,
          answers: { "1.2": { value: "SIGNIFICANT", measure: "Sửa ngay", targetDate: "2026-12-31" } },
          file: { at: at("2026-11-23T00:00:00Z") },
        },
        at("2026-11-23T00:00:00Z"),
      );
      const progress = (assessmentId: number, itemCode: string, period: string, status: "DONE" | "IN_PROGRESS" | "NOT_STARTED") =>
        s.progress.saveProgress({ assessmentId, itemCode, period, status, at: at(`${period}-20T00:00:00Z`) });
      const form1 = await formOf(first!.id);
      const form2 = await formOf(second!.id);
      // First: in progress, then done (corrected). Second: done, then not started again (not corrected). Third: in progress.
      await progress(form1.id, "1.1", "2026-10", "IN_PROGRESS");
      await progress(form1.id, "1.1", "2026-11", "DONE");
      await progress(form2.id, "1.1", "2026-10", "DONE");
      await progress(form2.id, "1.1", "2026-11", "NOT_STARTED");
      await progress(form3.id, "1.2", "2026-11", "IN_PROGRESS");

      const november = await s.committeeReports.campaignTotals(campaign!.id, [cellA.id, cellB.id], "2027-01-05", "2026-11");
      expect(november.items.map((i) => [i.itemCode, i.value, i.count]).sort()).toEqual([
        ["1.1", "MINOR", 2],
        ["1.2", "SIGNIFICANT", 1],
      ]);
      expect(november.remediation).toEqual({ committed: 3, corrected: 1, inProgress: 1, notStarted: 1, noAnswer: 0, overdue: 2 });
      const december = await s.committeeReports.campaignTotals(campaign!.id, [cellA.id, cellB.id], "2026-12-10", "2026-12");
      expect(december.remediation).toEqual({ committed: 3, corrected: 1, inProgress: 0, notStarted: 0, noAnswer: 2, overdue: 0 });

      const items = await s.committeeReports.campaignItems(campaign!.id, [cellA.id, cellB.id], "2027-01-05", "2026-11");
      expect(items.map((i) => [i.cellId, i.itemCode, i.value, i.count, i.remediation]).sort()).toEqual([
        [cellA.id, "1.1", "MINOR", 2, { committed: 2, corrected: 1, inProgress: 0, notStarted: 1, noAnswer: 0, overdue: 1 }],
        [cellA.id, "1.2", "SIGNIFICANT", 1, { committed: 1, corrected: 0, inProgress: 1, notStarted: 0, noAnswer: 0, overdue: 1 }],
      ]);
      // Another cell's figures stay out of a subtree that does not hold it.
      expect((await s.committeeReports.campaignTotals(campaign!.id, [cellB.id], "2027-01-05", "2026-11")).items).toEqual([]);
    });

    it("ends a campaign once", async () => {
      const [campaign] = await s.campaigns.campaignsOf([province.id], 1);
      expect(await s.campaigns.endCampaign(campaign!.id, at("2026-11-30T00:00:00Z"))).toBe(true);
      expect(await s.campaigns.endCampaign(campaign!.id, at("2026-12-01T00:00:00Z"))).toBe(false);
      expect((await s.campaigns.findCampaign(campaign!.id))?.closedAt).toEqual(at("2026-11-30T00:00:00Z"));
    });
  });
}
