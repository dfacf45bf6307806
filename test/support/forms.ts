/** Test data builder: a member's whole form answered, planned and submitted through the use cases. */
import { applyAssessmentEvent, startAssessment } from "../../src/app/assessment.js";
import type { AppDeps } from "../../src/app/deps.js";
import type { MemberWithCell } from "../../src/app/ports.js";

/**
 * Answers every item (`marked` maps item index → level; the rest "NONE"), writes a measure
 * "Biện pháp <code>" and `targetDate` for each marked item, submits, and returns the form id.
 * With `collective`, the chi ủy's collective form (the member must be the secretary).
 */
export async function submitForm(
  deps: AppDeps,
  member: MemberWithCell,
  marked: Record<number, "MINOR" | "SIGNIFICANT"> = {},
  targetDate = "2027-06-30",
  options: { collective?: boolean } = {},
): Promise<number> {
  const start = await startAssessment(deps, member, options);
  if (start.kind !== "view") throw new Error(start.kind);
  const id = start.view.assessmentId;
  for (let index = 0; index < start.view.state.codes.length; index++) {
    await applyAssessmentEvent(deps, member, id, { type: "answer", index, value: marked[index] ?? "NONE" });
  }
  if (Object.keys(marked).length > 0) await applyAssessmentEvent(deps, member, id, { type: "continue" });
  for (const index of Object.keys(marked)
    .map(Number)
    .sort((a, b) => a - b)) {
    const code = start.view.state.codes[index]!;
    await applyAssessmentEvent(deps, member, id, { type: "measure", code, text: `Biện pháp ${code}` });
    await applyAssessmentEvent(deps, member, id, { type: "date", code, day: targetDate });
  }
  const result = await applyAssessmentEvent(deps, member, id, { type: "submit" });
  if (result.kind !== "applied") throw new Error(result.reason);
  return id;
}
