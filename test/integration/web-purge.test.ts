/**
 * The hourly purge of the web's sign-in records (app/web-sign-in.ts pruneWebAccess, run by
 * main.ts beside the processed updates' purge): used or expired sign-in links go a day after
 * their use or expiry, ended or expired sessions a week after their end; a link still valid
 * and a session still open stay, and the audit log (WebAudit) keeps every row.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { setupCell } from "../../src/app/onboarding.js";
import { inspectWebLink, pruneWebAccess, requestWebLink, sessionUser, signInWithLink, signOut, signOutEverywhere } from "../../src/app/web-sign-in.js";
import { appDeps, person, testClock, tgGroup } from "../support/app.js";
import { freshDatabase, type TestDatabase } from "../support/db.js";

let database: TestDatabase;
let deps: ReturnType<typeof appDeps>;
const clock = testClock("2026-11-02T03:00:00Z");

async function token(userId: bigint): Promise<string> {
  const link = await requestWebLink(deps, userId);
  if (link.kind !== "link") throw new Error(link.kind);
  return link.token;
}
async function session(userId: bigint): Promise<string> {
  const signed = await signInWithLink(deps, await token(userId));
  if (signed.kind !== "signedIn") throw new Error(signed.state);
  return signed.sessionId;
}
const counts = async () => ({
  links: await database.db.webLoginToken.count(),
  sessions: await database.db.webSession.count(),
  audit: await database.db.webAudit.count(),
});

beforeAll(async () => {
  database = await freshDatabase();
  deps = appDeps(database, clock);
  await setupCell(deps, { group: tgGroup(-101n), chatTitle: "A", caller: await person(deps, 11, "Bí thư A"), callerIsAdmin: true, name: "Chi bộ A" });
  await setupCell(deps, { group: tgGroup(-102n), chatTitle: "B", caller: await person(deps, 12, "Bí thư B"), callerIsAdmin: true, name: "Chi bộ B" });
});
afterAll(async () => {
  await database.close();
});

it("used and expired links go a day after, ended and expired sessions a week after; open ones and the audit log stay", async () => {
  // 03:00: a link used (a session, logged out), a link never used, a session ended by /web thoat, a session left open.
  const loggedOut = await session(11n);
  await signOut(deps, loggedOut);
  const unused = await token(11n);
  const ended = await session(12n);
  expect(await signOutEverywhere(deps, 12n)).toBe(1);
  const open = await session(11n); // expires at 15:00
  expect([await sessionUser(deps, loggedOut), await sessionUser(deps, ended), await sessionUser(deps, open)]).toEqual([null, null, 11n]);
  expect(await counts()).toEqual({ links: 4, sessions: 3, audit: 5 });

  // The next day, 03:01: the three links used at 03:00 go; the unused one expired at 03:10, less than a day ago, stays.
  clock.set("2026-11-03T03:01:00Z");
  expect(await pruneWebAccess(deps)).toEqual({ links: 3, sessions: 0 });
  expect(await inspectWebLink(deps, unused)).toBe("expired");
  // 03:11, a link asked for now: the unused old link goes, the new one stays valid.
  clock.set("2026-11-03T03:11:00Z");
  const fresh = await token(11n);
  expect(await pruneWebAccess(deps)).toEqual({ links: 1, sessions: 0 });
  expect(await inspectWebLink(deps, fresh)).toBe("valid");
  expect(await counts()).toEqual({ links: 1, sessions: 3, audit: 5 });

  // A week after 03:00 (plus a minute): the two sessions ended at 03:00 go; the open one expired at 15:00 stays until a week after that.
  clock.set("2026-11-09T03:01:00Z");
  expect(await pruneWebAccess(deps)).toEqual({ links: 1, sessions: 2 });
  expect(await counts()).toEqual({ links: 0, sessions: 1, audit: 5 });
  const current = await session(12n);
  clock.set("2026-11-09T15:00:30Z");
  expect(await pruneWebAccess(deps)).toEqual({ links: 0, sessions: 1 });
  // The session signed in at 03:01 today is still open and still works; the one that expired is gone.
  expect(await sessionUser(deps, current)).toBe(12n);
  expect(await database.db.webSession.findMany({ select: { userId: true } })).toEqual([{ userId: 12n }]);
  expect(await counts()).toEqual({ links: 1, sessions: 1, audit: 6 });
});
