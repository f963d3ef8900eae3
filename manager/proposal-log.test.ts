// Goal: the store's proposals that fail or take seconds are logged with their reason and size,
// a leader change's failures at info and the others at warn, and the caller still gets the error.
import test from "ava";
import { FakeClock, type LogLevel } from "../common/index.js";
import { ProposalDroppedError } from "../raft/index.js";
import { loggingProposer, slowProposalMs } from "./proposal-log.js";

test("logging proposer logs failed and slow proposals and passes the outcome on", async (t) => {
  const clock = new FakeClock(0);
  const lines: { level: LogLevel; event: string; fields: Record<string, unknown> }[] = [];
  let fail: Error | null = null;
  const proposer = loggingProposer(
    {
      propose: () => {
        clock.ms += slowProposalMs;
        return fail ? Promise.reject(fail) : Promise.resolve([]);
      },
    },
    (level, event, fields) => lines.push({ level, event, fields }),
    clock,
  );
  t.deepEqual(await proposer.propose(new Uint8Array(10)), []);
  t.like(lines[0], { level: "info", event: "store.write-slow", fields: { tookMs: slowProposalMs, bytes: 10 } });
  fail = new ProposalDroppedError("leadership changed before the entry committed");
  await t.throwsAsync(() => proposer.propose(new Uint8Array(3)), { is: fail });
  t.like(lines[1], { level: "info", event: "store.write-failed", fields: { code: "PROPOSAL_DROPPED", bytes: 3 } });
  fail = new Error("disk on fire");
  await t.throwsAsync(() => proposer.propose(new Uint8Array(3)));
  t.like(lines[2], { level: "warn", event: "store.write-failed", fields: { code: "INTERNAL" } });
});
