/**
 * Issue 18: "Kết thúc đợt" under /tonghop asks the use case whether the presser may end the
 * campaign, and that reads the roster and the campaign, not the whole roll-up (which queries
 * every cell's participation, meetings and entered figures). Counted on the real store.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppDeps } from "../../src/app/deps.js";
import { appDeps, testClock } from "../support/app.js";
import { stubbedBot, type Group, type Person, type StubbedBot } from "../support/bot.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";

const committeeGroup: Group = { id: -8801, title: "Đảng ủy phường Ba" };
const cell: Group = { id: -8811, title: "Chi bộ Khu phố C" };
const kSecretary: Person = { id: 8801, first_name: "Đỗ Văn Khải" };
const secretary: Person = { id: 8811, first_name: "Vũ Văn Sơn" };

let database: TestDatabase;
let tg: StubbedBot;
/** Calls of the roll-up's own queries (the committee reports port, the cells under a subtree). */
const rollupQueries: string[] = [];

/** The app's ports with the roll-up's queries counted. */
function counted(deps: AppDeps): AppDeps {
  const reports = deps.committeeReports;
  const committees = deps.committees;
  return {
    ...deps,
    committeeReports: new Proxy(reports, {
      get: (target, name, receiver) => {
        const value = Reflect.get(target, name, receiver) as unknown;
        return typeof value === "function"
          ? (...args: unknown[]) => (rollupQueries.push(String(name)), (value as (...a: unknown[]) => unknown).apply(target, args))
          : value;
      },
    }),
    committees: new Proxy(committees, {
      get: (target, name, receiver) => {
        const value = Reflect.get(target, name, receiver) as unknown;
        if (typeof value !== "function") return value;
        return name === "cellsUnder" || name === "enteredUnits"
          ? (...args: unknown[]) => (rollupQueries.push(String(name)), (value as (...a: unknown[]) => unknown).apply(target, args))
          : (value as (...a: unknown[]) => unknown).bind(target);
      },
    }),
  };
}

beforeAll(async () => {
  database = await freshDatabase();
  tg = await stubbedBot(counted(appDeps(database, testClock("2026-11-22T03:00:00Z"))));
  tg.makeAdmin(committeeGroup, kSecretary);
  tg.makeAdmin(cell, secretary);
  await tg.send(kSecretary, `/dangbo ${committeeGroup.title}`, committeeGroup);
  await tg.send(secretary, `/chibo ${cell.title}`, cell);
  await tg.send(kSecretary, "/lienket", committeeGroup);
  const code = /\/captren ([A-Z0-9]+)/.exec(tg.last(committeeGroup.id).text)![1]!;
  await tg.send(secretary, `/captren ${code}`, cell);
  await tg.send(kSecretary, "/dotmoi 20/12/2026 Đợt toàn đảng bộ", committeeGroup);
});
afterAll(() => database.close());

describe("'Kết thúc đợt' under /tonghop", () => {
  it("asks for the confirmation without computing the roll-up again", async () => {
    await tg.send(kSecretary, "/tonghop", committeeGroup);
    const rollup = tg.last(committeeGroup.id);
    expect(tg.buttons(rollup)).toContain("Kết thúc đợt");
    expect(rollupQueries).toContain("campaignParticipation"); // the roll-up itself was counted
    rollupQueries.length = 0;
    await tg.press(kSecretary, rollup, "Kết thúc đợt");
    expect(tg.last(kSecretary.id).text).toContain("Kết thúc đợt <b>Đợt toàn đảng bộ</b> ngay bây giờ?");
    expect(rollupQueries).toEqual([]);
  });
});
