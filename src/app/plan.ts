/** `/tusua`: the member's own correction plan from their latest submitted form. */
import type { ItemAnswer } from "../domain/assessment.js";
import type { Checklist } from "../domain/checklist.js";
import { checklistFor } from "./checklists.js";
import type { AppDeps } from "./deps.js";
import type { MemberWithCell, ProgressRecord, RoundRecord } from "./ports.js";

export type PlanResult =
  | { kind: "plan"; round: RoundRecord; checklist: Checklist; answers: Record<string, ItemAnswer>; submittedAt: Date; progress: ProgressRecord[] }
  | { kind: "noRound" }
  | { kind: "notSubmitted"; round: RoundRecord };

export async function myPlan(deps: Pick<AppDeps, "assessments" | "checklists" | "progress" | "rounds">, member: MemberWithCell): Promise<PlanResult> {
  const round = await deps.rounds.findLatestRound(member.cellId);
  if (!round) return { kind: "noRound" };
  const record = await deps.assessments.findAssessment(round.id, member.id);
  if (!record?.submittedAt) return { kind: "notSubmitted", round };
  return {
    kind: "plan",
    round,
    checklist: await checklistFor(deps, record.checklistCode, record.checklistVersion),
    answers: await deps.assessments.filedAnswers(record.id),
    submittedAt: record.submittedAt,
    progress: await deps.progress.progressFor([record.id]),
  };
}
