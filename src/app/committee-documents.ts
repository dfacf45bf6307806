/**
 * The committee's report files (DOCX in the 36-HD/VPTW layout, XLSX, chart) made from the
 * same roll-up as the `/tonghop` text, so their numbers are the text's. Aggregates only.
 */
import { dayInZone } from "../domain/calendar.js";
import { isCommitteeOfficer } from "../domain/committee.js";
import type { CommitteeActor } from "./committee.js";
import { cellMarks, committeeRollup, type CommitteeRollup } from "./committee-rollup.js";
import type { AppDeps } from "./deps.js";
import type { CommitteeDocumentInput, DocumentLocale, GroupRows } from "./documents.js";
import { committeeMarks } from "./papers.js";
import type { ReportFileKind } from "./ports.js";

export type CommitteeFileResult =
  { kind: "file"; bytes: Uint8Array; rollup: CommitteeRollup; input: CommitteeDocumentInput } | { kind: "forbidden" } | { kind: "noCampaign" };

/** The data of the committee's files for a campaign, from the roll-up itself. */
export async function committeeDocument(
  deps: Parameters<typeof committeeRollup>[0],
  actor: CommitteeActor | null,
  campaignId: number,
  locale: DocumentLocale,
): Promise<{ kind: "document"; input: CommitteeDocumentInput; rollup: CommitteeRollup } | { kind: "forbidden" } | { kind: "noCampaign" }> {
  if (!actor || !isCommitteeOfficer(actor.role)) return { kind: "forbidden" };
  const result = await committeeRollup(deps, actor, campaignId);
  if (result.kind !== "rollup") return result;
  const { rollup } = result;
  const [settings, roster, cells, texts] = await Promise.all([
    deps.committees.committeeSettings(actor.committeeId),
    deps.committees.listRoster(actor.committeeId),
    cellMarks(deps, rollup),
    deps.committees.campaignTexts(actor.committeeId, rollup.campaign.id),
  ]);
  const {
    marks: { higherBody, ...marks },
  } = await committeeMarks(deps, actor.committee, settings);
  const counts = new Map(rollup.data.items.map((i) => [i.code, i]));
  const groups: GroupRows[] = rollup.checklist.groups.map((group) => ({
    number: group.number,
    title: group.title[locale],
    shortTitle: group.shortTitle[locale],
    items: group.items.map((item) => {
      const c = counts.get(item.code);
      return { code: item.code, short: item.short[locale], minor: c?.minor ?? 0, significant: c?.significant ?? 0, total: c?.total ?? 0, previousTotal: null };
    }),
  }));
  return {
    kind: "document",
    rollup,
    input: {
      locale,
      committeeName: actor.committee.name,
      higherBody,
      marks,
      conclusion21: settings.conclusion21,
      place: settings.place,
      documentNumber: settings.reportNumber,
      campaignTitle: rollup.campaign.title,
      issuerName: rollup.issuer.id === actor.committeeId ? null : rollup.issuer.name,
      deadlineDay: rollup.campaign.deadlineDay,
      issuedDay: dayInZone(rollup.generatedAt, actor.committee.timezone),
      period: rollup.period,
      firstFollowUpDay: rollup.followUpAsked ? null : rollup.firstFollowUpDay,
      secretaryName: roster.find((e) => e.role === "SECRETARY")?.fullName ?? "",
      closed: rollup.closed,
      data: rollup.data,
      groups,
      cells,
      assessment: texts.assessment,
      direction: texts.direction,
    },
  };
}

/** One of the committee's files for a campaign, drawn (for officers; delivered to the committee's group). */
export async function committeeFile(
  deps: Parameters<typeof committeeRollup>[0] & Pick<AppDeps, "documents">,
  actor: CommitteeActor | null,
  campaignId: number,
  kind: ReportFileKind,
  locale: DocumentLocale,
): Promise<CommitteeFileResult> {
  const result = await committeeDocument(deps, actor, campaignId, locale);
  if (result.kind !== "document") return result;
  return { kind: "file", bytes: await deps.documents.committeeFile(kind, result.input, locale), rollup: result.rollup, input: result.input };
}
