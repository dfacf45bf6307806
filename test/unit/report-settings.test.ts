/**
 * `/caidat so <n>` and `/caidat kl21 bat|tat` (issue 12): the number belongs to the latest
 * round's report only; Kết luận 21-KL/TW is on by default. Against in-memory fakes of the ports.
 */
import { describe, expect, it } from "vitest";
import type { CellSettings, MemberWithCell, RoundRecord } from "../../src/app/ports.js";
import { reportSettings } from "../../src/app/report-files.js";

function fakes(latestRoundId: number | null) {
  const settings: CellSettings = {
    place: "",
    higherBody: "",
    reportThreshold: 3,
    reportNumber: "",
    reportNumberRoundId: null,
    conclusion21: true,
    numberSuffix: "",
    signOff: "",
  };
  const state = { latest: latestRoundId };
  const deps = {
    cells: {
      cellSettings: async () => ({ ...settings }),
      setCellSettings: async (_cellId: number, change: Partial<CellSettings>) => {
        Object.assign(settings, change);
      },
    },
    committees: { cellParent: async () => null, findCommittee: async () => null },
    rounds: {
      findLatestRound: async () => (state.latest === null ? null : ({ id: state.latest, cellId: 1 } as RoundRecord)),
    },
  } as unknown as Parameters<typeof reportSettings>[0];
  return { deps, settings, state };
}

const cell = { id: 1, name: "Chi bộ Phòng Tổ chức" };
const secretary = { id: 1, cellId: 1, cell, role: "SECRETARY" } as MemberWithCell;
const deputy = { id: 2, cellId: 1, cell, role: "DEPUTY" } as MemberWithCell;

describe("/caidat so", () => {
  it("numbers the latest round's report, and '-' leaves it blank again", async () => {
    const { deps, settings } = fakes(7);
    expect(await reportSettings(deps, secretary, "so 05")).toMatchObject({ kind: "changed", settings: { reportNumber: "05", reportNumberRoundId: 7 } });
    expect(settings).toMatchObject({ reportNumber: "05", reportNumberRoundId: 7 });
    expect(await reportSettings(deps, secretary, "")).toMatchObject({ kind: "shown", settings: { reportNumber: "05" } });
    expect(await reportSettings(deps, secretary, "số -")).toMatchObject({ kind: "changed", settings: { reportNumber: "" } });
    expect(settings).toMatchObject({ reportNumber: "", reportNumberRoundId: null });
    expect(await reportSettings(deps, secretary, "number 12")).toMatchObject({ kind: "changed", settings: { reportNumber: "12" } });
  });

  it("does not show a number once a newer round is the latest", async () => {
    const { deps, state } = fakes(7);
    await reportSettings(deps, secretary, "so 05");
    state.latest = 8;
    expect(await reportSettings(deps, secretary, "")).toMatchObject({ kind: "shown", settings: { reportNumber: "" } });
  });

  it("refuses what is not a number, a cell without rounds, and anyone but the secretary", async () => {
    const { deps, settings } = fakes(7);
    for (const bad of ["so", "so 05/BC", "so abc", "so 1234567", "so -5"]) expect(await reportSettings(deps, secretary, bad)).toEqual({ kind: "badNumber" });
    expect(await reportSettings(fakes(null).deps, secretary, "so 05")).toEqual({ kind: "noRound" });
    expect(await reportSettings(deps, deputy, "so 05")).toEqual({ kind: "forbidden" });
    expect(settings.reportNumber).toBe("");
  });
});

describe("/caidat kl21", () => {
  it("is on by default and switches with bat/tat (on/off)", async () => {
    const { deps, settings } = fakes(7);
    expect(await reportSettings(deps, secretary, "")).toMatchObject({ settings: { conclusion21: true } });
    expect(await reportSettings(deps, secretary, "kl21 tắt")).toMatchObject({ kind: "changed", settings: { conclusion21: false } });
    expect(settings.conclusion21).toBe(false);
    expect(await reportSettings(deps, secretary, "KL21 bat")).toMatchObject({ settings: { conclusion21: true } });
    expect(await reportSettings(deps, secretary, "kl21 off")).toMatchObject({ settings: { conclusion21: false } });
    expect(await reportSettings(deps, secretary, "kl21 maybe")).toEqual({ kind: "badConclusion" });
    expect(await reportSettings(deps, deputy, "kl21 on")).toEqual({ kind: "forbidden" });
  });
});
