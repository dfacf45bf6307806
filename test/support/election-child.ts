/** A stand-in bot instance for the failover test: joins the sender election, says when it leads, waits to be killed. */
import { SenderElection } from "../../src/infra/outbox/election.js";

const election = new SenderElection(process.argv[2]!, { retryMs: 200, onWake: () => {} });
await election.start();
const report = setInterval(() => {
  if (election.leading) {
    process.stdout.write("leading\n");
    clearInterval(report);
  }
}, 50);
setInterval(() => {}, 1000);
