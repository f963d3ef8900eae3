// Goal: the scale benchmark's phases at a tiny size — 3 real managers, 20 hollow nodes in two
// processes, 100 tasks — measure every phase, and the failovers keep their promises: no node is
// marked DOWN because the leader died, no task restarts for it, and the killed node's tasks run
// elsewhere.
import test from "ava";
import { runScale } from "./scale-phases.js";

test("scale phases run at a tiny size with no node wrongly down and no task restarted", async (t) => {
  t.timeout(600_000);
  const result = await runScale({
    nodes: 20,
    tasks: 100,
    services: 10,
    exitsPerTaskHour: 0,
    progress: (line) => t.log(line),
  });
  t.deepEqual(
    result.phases.map((p) => p.phase),
    ["join", "deploy", "rolling update", "leader kill", "node kill"],
  );
  for (const phase of result.phases) {
    t.true(phase.wallMs > 0, phase.phase);
    t.true(phase.leaderCpuSeconds > 0, phase.phase);
    t.true(phase.leaderRssPeakBytes > 0, phase.phase);
    t.true(phase.listServices.samples > 0, phase.phase);
  }
  t.true(result.phases.find((p) => p.phase === "deploy")!.statusUpdatesPerSecond > 0);
  t.true(result.phases.find((p) => p.phase === "deploy")!.raftEntriesPerSecond > 0);
  t.is(result.leaderKill.nodesWronglyDown, 0);
  t.is(result.leaderKill.tasksRestarted, 0);
  t.true(result.leaderKill.allSessionsMs >= result.leaderKill.newLeaderMs);
  t.is(result.nodeKill.killedNodes, 1);
  t.true(result.nodeKill.replacedMs >= result.nodeKill.downMs);
});
