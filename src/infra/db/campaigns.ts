/**
 * Committee campaigns with Prisma: opening one writes a round in every cell of a subtree and
 * their announcements in one transaction (raw SQL for the bulk insert: 2,000 cells in one
 * statement, not 2,000 round trips).
 */
import type { CampaignOpening, CampaignRecord, CampaignRound, CampaignsRepository, NewCampaign, NewOutboxMessage, RoundRecord } from "../../app/ports.js";
import type { Db } from "./client.js";
import { toCell } from "./rows.js";
import { addressMessages, MESSAGE_METHOD } from "./outbox.js";

const roundFields = {
  id: true,
  cellId: true,
  title: true,
  deadline: true,
  deadlineDay: true,
  checklistCode: true,
  checklistVersion: true,
  openedAt: true,
  closedAt: true,
} as const;
const campaignFields = {
  id: true,
  committeeId: true,
  title: true,
  deadline: true,
  deadlineDay: true,
  checklistCode: true,
  checklistVersion: true,
  openedAt: true,
  closedAt: true,
} as const;

export class PrismaCampaigns implements CampaignsRepository {
  constructor(private readonly db: Db) {}

  async openCampaign(input: NewCampaign, announce: (round: CampaignRound) => NewOutboxMessage[]): Promise<CampaignOpening> {
    const under = { parentCommitteeId: { in: input.committeeIds } };
    // One transaction, a handful of statements whatever the number of cells (createMany is
    // one multi-row insert on both engines): 2,000 cells must not mean 2,000 round trips.
    return this.db.$transaction(
      async (tx) => {
        const campaign = await tx.campaign.create({
          data: {
            committeeId: input.committeeId,
            title: input.title,
            deadline: input.deadline,
            deadlineDay: input.deadlineDay,
            checklistCode: input.checklistCode,
            checklistVersion: input.checklistVersion,
            openedByUserId: input.openedByUserId,
            openedAt: input.now,
          },
          select: campaignFields,
        });
        // An open round past its deadline is closed first, as /dotmoi does in a cell.
        await tx.round.updateMany({ where: { closedAt: null, deadline: { lt: input.now }, cell: under }, data: { closedAt: input.now } });
        const busy = await tx.round.findMany({ where: { closedAt: null, cell: under }, select: { ...roundFields, cell: true }, orderBy: { id: "asc" } });
        const taken = new Set(busy.map((r) => r.cellId));
        const cells = (await tx.cell.findMany({ where: under, select: { id: true }, orderBy: { id: "asc" } })).filter((c) => !taken.has(c.id));
        // The opener of a campaign round is the cell's secretary (the round belongs to the cell).
        const secretaries = new Map(
          (await tx.member.findMany({ where: { role: "SECRETARY", leftAt: null, cell: under }, select: { id: true, cellId: true } })).map((m) => [
            m.cellId,
            m.id,
          ]),
        );
        await tx.round.createMany({
          data: cells.map((c) => ({
            cellId: c.id,
            title: input.title,
            deadline: input.deadline,
            deadlineDay: input.deadlineDay,
            checklistCode: input.checklistCode,
            checklistVersion: input.checklistVersion,
            openedByMemberId: secretaries.get(c.id) ?? 0,
            openedAt: input.now,
            campaignId: campaign.id,
          })),
        });
        const created = await tx.round.findMany({ where: { campaignId: campaign.id }, select: { ...roundFields, cell: true }, orderBy: { id: "asc" } });
        const rounds = created.map((r) => ({ ...r, cell: toCell(r.cell) }));
        // Every key names a round created just now, so none can exist yet: a plain insert.
        await tx.outbox.createMany({
          data: (await addressMessages(tx, rounds.flatMap(announce))).map((m) => ({
            key: m.key,
            kind: m.kind,
            cellId: m.cellId,
            memberId: m.memberId,
            roundId: m.roundId,
            channel: m.channel,
            recipient: m.recipient,
            method: MESSAGE_METHOD,
            payload: JSON.stringify(m.message),
            notBefore: m.notBefore,
            expiresAt: m.expiresAt,
            createdAt: input.now,
          })),
        });
        return { campaign, rounds, busy: busy.map(({ cell, ...round }) => ({ cell: toCell(cell), round })) };
      },
      { timeout: 120_000 },
    );
  }

  findCampaign(id: number): Promise<CampaignRecord | null> {
    return this.db.campaign.findUnique({ where: { id }, select: campaignFields });
  }

  campaignsOf(committeeIds: number[], limit: number): Promise<CampaignRecord[]> {
    return this.db.campaign.findMany({ where: { committeeId: { in: committeeIds } }, orderBy: { id: "desc" }, take: limit, select: campaignFields });
  }

  async endCampaign(id: number, at: Date): Promise<boolean> {
    const { count } = await this.db.campaign.updateMany({ where: { id, closedAt: null }, data: { closedAt: at } });
    return count === 1;
  }

  async openCampaignRounds(campaignId: number): Promise<CampaignRound[]> {
    const rows = await this.db.round.findMany({ where: { campaignId, closedAt: null }, select: { ...roundFields, cell: true }, orderBy: { id: "asc" } });
    return rows.map((r) => ({ ...r, cell: toCell(r.cell) }));
  }

  campaignRoundOf(campaignId: number, cellId: number): Promise<RoundRecord | null> {
    return this.db.round.findFirst({ where: { campaignId, cellId }, select: roundFields });
  }

  async joinCampaign(campaign: CampaignRecord, cellId: number, openedByMemberId: number, now: Date): Promise<RoundRecord | null> {
    return this.db.$transaction(async (tx) => {
      const open = await tx.round.findFirst({ where: { cellId, closedAt: null }, select: { id: true } });
      if (open) return null;
      const existing = await tx.round.findFirst({ where: { campaignId: campaign.id, cellId }, select: { id: true } });
      if (existing) return null;
      return tx.round.create({
        data: {
          cellId,
          title: campaign.title,
          deadline: campaign.deadline,
          deadlineDay: campaign.deadlineDay,
          checklistCode: campaign.checklistCode,
          checklistVersion: campaign.checklistVersion,
          openedByMemberId,
          openedAt: now,
          campaignId: campaign.id,
        },
        select: roundFields,
      });
    });
  }
}
