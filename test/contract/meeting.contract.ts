/**
 * Issue 19's storage contract, on each engine (test/integration/contracts*.test.ts): a round's
 * meeting and typed sections, a committee's texts per campaign, the campaign's meetings and
 * collective forms, units not on the bot and their figures; and the roll-up over both (cells
 * with meetings and an entered unit) through the use case.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { committeeRollup } from "../../src/app/committee-rollup.js";
import type { CampaignRecord, CellRecord, CommitteeRecord, Stores } from "../../src/app/ports.js";
import { appDeps, testClock } from "../support/app.js";
import { cellRecord, committeeRecord } from "../support/committee-tree.js";
import type { ContractSubject } from "./stores.contract.js";

const at = (iso: string) => new Date(iso);

export function meetingContract(name: string, open: () => Promise<ContractSubject>): void {
  describe(`meeting and entered figures storage contract: ${name}`, () => {
    let subject: ContractSubject;
    let s: Stores;
    let district: CommitteeRecord;
    let commune: CommitteeRecord;
    let cells: CellRecord[];
    let campaign: CampaignRecord;

    beforeAll(async () => {
      subject = await open();
      s = subject.stores;
      district = await committeeRecord(s, { name: "Huyện ủy", chat: -8100n, joinCode: "mc-8100", user: 8101n });
      commune = await committeeRecord(s, { name: "Đảng ủy xã", chat: -8200n, joinCode: "mc-8200", user: 8201n });
      await s.committees.setCommitteeParent(commune.id, district.id);
      cells = [];
      for (const [i, parent] of [commune, commune, district].entries()) {
        const cell = await cellRecord(s, { name: `Chi bộ ${i + 1}`, chat: -8300 - i, joinCode: `mx${i}`, user: 8310 + i * 10, fullName: String(i + 1) });
        for (let k = 1; k <= 3; k++)
          await s.members.addMember(cell.id, { id: BigInt(8310 + i * 10 + k), firstName: `M${k}`, username: null }, `Đảng viên ${i + 1}.${k}`);
        await s.committees.setCellParent(cell.id, parent.id);
        cells.push(cell);
      }
      campaign = (
        await s.campaigns.openCampaign(
          {
            committeeId: district.id,
            title: "Đợt cuối năm",
            deadline: at("2026-12-15T16:59:59.999Z"),
            deadlineDay: "2026-12-15",
            checklistCode: "nq04-xii",
            checklistVersion: 2,
            openedByUserId: 8101n,
            committeeIds: [district.id, commune.id],
            now: at("2026-11-22T03:00:00Z"),
          },
          () => [],
        )
      ).campaign;
    });
    afterAll(() => subject.close());

    it("records a round's meeting, the latest standing, and its typed sections", async () => {
      const round = (await s.campaigns.campaignRoundOf(campaign.id, cells[0]!.id))!;
      expect(await s.rounds.roundMeeting(round.id)).toBeNull();
      await s.rounds.setRoundMeeting(round.id, { day: "2026-11-23", present: 3, total: 4, chair: "" });
      await s.rounds.setRoundMeeting(round.id, { day: "2026-11-24", present: 4, total: 4, chair: "Bí thư 1" });
      expect(await s.rounds.roundMeeting(round.id)).toEqual({ day: "2026-11-24", present: 4, total: 4, chair: "Bí thư 1" });
      expect(await s.rounds.roundTexts(round.id)).toEqual({ assessment: "", direction: "" });
      await s.rounds.setRoundText(round.id, "assessment", "Đánh giá.\nHai dòng.");
      await s.rounds.setRoundText(round.id, "direction", "Phương hướng.");
      await s.rounds.setRoundText(round.id, "assessment", "Đánh giá mới.");
      expect(await s.rounds.roundTexts(round.id)).toEqual({ assessment: "Đánh giá mới.", direction: "Phương hướng." });
    });

    it("lists the campaign's meetings and the cells whose collective form is filed", async () => {
      const round2 = (await s.campaigns.campaignRoundOf(campaign.id, cells[1]!.id))!;
      const secretary = (await s.members.secretaryOf(cells[1]!.id))!;
      const form = await s.assessments.createAssessment({
        roundId: round2.id,
        memberId: secretary.id,
        checklistCode: "nq04-xii",
        checklistVersion: 2,
        cursor: "c",
        collective: true,
      });
      await s.answerPath.saveAssessment(
        {
          assessmentId: form.id,
          cursor: "c",
          status: "SUBMITTED",
          editing: false,
          answers: { "1.1": { value: "NONE", measure: null, targetDate: null } },
          file: { at: at("2026-11-23T00:00:00Z") },
        },
        at("2026-11-23T00:00:00Z"),
      );
      expect(await s.committeeReports.campaignMeetings(campaign.id)).toEqual([{ cellId: cells[0]!.id, day: "2026-11-24", present: 4, total: 4 }]);
      expect(await s.committeeReports.campaignCollectives(campaign.id)).toEqual([cells[1]!.id]);
    });

    it("keeps a committee's own texts per campaign", async () => {
      await s.committees.setCampaignText(district.id, campaign.id, "direction", "Hướng của huyện.");
      await s.committees.setCampaignText(commune.id, campaign.id, "assessment", "Đánh giá của xã.");
      expect(await s.committees.campaignTexts(district.id, campaign.id)).toEqual({ assessment: "", direction: "Hướng của huyện." });
      expect(await s.committees.campaignTexts(commune.id, campaign.id)).toEqual({ assessment: "Đánh giá của xã.", direction: "" });
    });

    it("adds units not on the bot once per name, and keeps their figures per campaign (the latest standing)", async () => {
      const added = await s.committees.addEnteredUnit({ committeeId: district.id, name: "Chi bộ Trường học", createdByUserId: 8101n });
      expect(added.created).toBe(true);
      expect(await s.committees.addEnteredUnit({ committeeId: district.id, name: "Chi bộ Trường học", createdByUserId: 8101n })).toEqual({
        unit: added.unit,
        created: false,
      });
      expect(await s.committees.enteredUnits([district.id, commune.id])).toEqual([{ id: added.unit.id, committeeId: district.id, name: "Chi bộ Trường học" }]);
      expect(await s.committees.findEnteredUnit(added.unit.id)).toEqual(added.unit);
      const figures = {
        unitId: added.unit.id,
        campaignId: campaign.id,
        members: 12,
        submitted: 9,
        meetingDay: null,
        present: null,
        items: null,
        enteredByUserId: 8101n,
      };
      await s.committees.setEnteredFigures(figures);
      await s.committees.setEnteredFigures({ ...figures, submitted: 10, meetingDay: "2026-11-25", present: 11, items: { "1.1": 3 } });
      expect(await s.committees.enteredFigures(campaign.id, [added.unit.id])).toEqual([
        { unitId: added.unit.id, campaignId: campaign.id, members: 12, submitted: 10, meetingDay: "2026-11-25", present: 11, items: { "1.1": 3 } },
      ]);
    });

    it("the roll-up counts the cells' meetings and the entered unit together", async () => {
      const deps = appDeps(subject, testClock("2026-11-26T03:00:00Z"));
      const actor = { ...(await s.committees.rosterEntry(district.id, 8101n))!, committee: district };
      const result = await committeeRollup(deps, actor, campaign.id);
      if (result.kind !== "rollup") throw new Error(result.kind);
      const d = result.rollup.data;
      // Direct units: the commune (its cell 2 has not met), cell 3, the entered school; only the school has started.
      expect(d.direct).toEqual({ units: 3, started: 1, startedPercent: 33, held: 1, heldPercent: 33, meetings: 2, present: 15 });
      expect(d).toMatchObject({ members: 24, submitted: 10, collectives: 1, botCells: 3, hasEntered: true });
      expect(d.units.find((u) => u.entered)).toMatchObject({ name: "Chi bộ Trường học", members: 12, submitted: 10 });
    });
  });
}
