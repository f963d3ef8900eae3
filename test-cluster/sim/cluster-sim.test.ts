// Goal: the whole-cluster simulator (managers, store, leader components, and workers running the
// real agent over a simulated link, on simulated time, network and disk) replays a seed exactly,
// passes seeds that hold every property, and catches bugs injected on purpose: a follower whose
// store skips entries (store-agreement), a leader without a scheduler (convergence), a slot given
// a second task (slot-tasks), a dispatcher that hands out every secret (secrets-need-to-know),
// containers that ignore stop (running-tasks-agree), a task state moved backwards
// (task-state-monotonic), components blind to drain or to constraints (eligible-nodes), a dispatcher
// that hands out every config (secrets-need-to-know), and an orchestrator that runs a completed job
// task again (job-completion-final), ignores maxConcurrent (job-max-concurrent) or never retries a
// failed job task (job-liveness).
import test from "ava";
import { runClusterSeed } from "./cluster-sim.js";

/**
 * Seeds that once failed, kept as regressions. Their new leaders started the components before
 * the read barrier (as the manager never does), so an orchestrator reconciled a store that lagged
 * the log and wrote a second task into slots an earlier leader had filled, which the replicated
 * reconcile then kept (4, 18, 48, 49, 52, 54, 58, 60); and a restart wake-up replaced by another
 * service's earlier one left a service a task short (15, 51). With workers: a start-first update
 * that took over a slot from an interrupted one kept the unstarted task too, three live tasks in a
 * slot (8, 19); a start-first update paused by a failure whose task's restart then ran kept the old
 * task running beside it for good (58); and a paused stop-first update, whose pause had not landed
 * when its updater ended, was started again and took two more slots down for good (46); a rebooted
 * worker's old session expired while it reconnected, and the DOWN committed after the new
 * session's READY left it DOWN for good while it heartbeated (196); the orchestrator refilled a
 * slot whose old task's node was drained, having read the slot before a start-first update's new
 * task committed, and the two commits did not conflict (the store checks the versions of written
 * objects, and the update did not write the old task it kept serving), so two tasks of the new
 * spec ran in one slot for good (133); a start-first update (a rollback whose order differed) took
 * over a slot whose new task a stop-first one had left waiting, and never told it to run (139,
 * and 51 once the fix for 133 changed its schedule); a stop-first update paused by a failure
 * while a slot's new task waited for the old one to stop, and the supervisor cancelled the updater
 * that would have started it, so the slot stayed one task short (4071, and 5001 on a global
 * service's node). The
 * simulator has changed since the earlier ones failed (workers draw from the same seeded stream),
 * so those replay other schedules now; they are kept as seeds known to have been hard. With jobs:
 * a job task on a DOWN node stayed live under restart condition none beside a fresh slot's task
 * (2); a task moved off an unreachable node completed there and left its replacement running
 * beside a fresh slot's task (5); a global job's node drained and made active again never ran it
 * (1), nor did a node that became eligible (6); and a global job's slot retried while its moved
 * task had not ended was filled again after that task completed, the orchestrator having planned
 * before the completion committed (193).
 */
const regressionSeeds = [1, 2, 4, 5, 6, 8, 15, 18, 19, 46, 48, 49, 51, 52, 54, 58, 60, 133, 139, 193, 196, 4071, 5001];

/**
 * Seeds run on every `npm test`: 1..200 besides the regression seeds, about 0.3 s of CPU each on
 * an idle core (5,500 simulated events), some 65 s in all.
 */
const ciSeedsLast = 200;
const ciSeeds = Array.from({ length: ciSeedsLast }, (_, i) => i + 1).filter((seed) => !regressionSeeds.includes(seed));

/**
 * Seeds that failed with the membership workload and pass since their fixes: global jobs placed
 * tasks on paused nodes (11, 29, 104); a pending task counted as kept on a paused node when every
 * node had been promoted (94, 123, 142). Seed 3, which stopped simulated time (updaters restarted
 * in a loop while a leader dropped every proposal), is not here: since raft heartbeats every second
 * tick it takes another course, into one of the membership failures still open (an update still
 * under way once the faults stop); the update supervisor's unit test and the time-moves property
 * keep its first bug covered. A promoted node stayed a learner for good: its join's leader crashed
 * after admitting it and the join, which had no deadline, never answered (57); a snapshot sent to
 * the new learner was lost and the simulator's transport never told the leader, as the real one
 * does, so the leader waited for its outcome for good (95, 119, 163). A paused node got a global
 * task in place of one stopped while the node failed the service's constraint (71, 131, 155, 181).
 * A worker knew only managers since demoted, and could reconnect nowhere: the dispatcher told
 * open sessions of promotions and demotions only when the node's own object changed (52, 59, 100,
 * 113, 115). Seeds 29 and 142 left the list when the dispatcher's fix changed their course, and 52
 * and 155 when the agent's session began to ride out late heartbeats: they now fail with a promoted
 * worker whose agent knows only the founding managers, all demoted since (its own manager part is
 * not among them), one of the failures still open. Seed 58 placed a
 * global job's task on a paused node in place of one moved off it, then counted as missing the
 * pending tasks of a zone whose nodes were one paused, one drained (the property's error).
 */
const membershipRegressionSeeds = [11, 57, 58, 59, 71, 94, 95, 100, 104, 113, 115, 119, 123, 131, 163, 181];

// The tests of this file run concurrently on one thread, each a few seconds of CPU: on a loaded
// machine a test's wall time is the sum of theirs, hence the generous timeouts.
test("cluster simulator replays a seed exactly", async (t) => {
  t.timeout(900_000);
  t.deepEqual(await runClusterSeed(2), await runClusterSeed(2));
});

test("cluster simulator finds no violation in its CI seeds", async (t) => {
  // About 65 s of CPU; a machine shared with other work can take many times that.
  t.timeout(1_800_000);
  const failing: string[] = [];
  let acked = 0;
  let crashes = 0;
  let workerCrashes = 0;
  let tasksRunning = 0;
  for (const seed of [...ciSeeds, ...regressionSeeds]) {
    const result = await runClusterSeed(seed, { membership: false });
    acked += result.acked;
    crashes += result.crashes;
    workerCrashes += result.workerCrashes;
    tasksRunning += result.tasksRunning;
    for (const v of result.violations)
      failing.push(`seed ${seed}: ${v.property}: ${v.detail} (npm run sim -- cluster --seed ${seed} --no-membership)`);
  }
  t.deepEqual(failing, []);
  // The seeds must exercise the cluster, or the run proves nothing.
  t.true(acked > ciSeeds.length * 10, `only ${acked} acknowledged writes`);
  t.true(crashes >= ciSeeds.length, `only ${crashes} manager crashes`);
  t.true(workerCrashes >= ciSeeds.length, `only ${workerCrashes} worker crashes`);
  t.true(tasksRunning > ciSeeds.length * 10, `only ${tasksRunning} tasks reported running`);
});

test("cluster simulator finds no violation in its membership regression seeds", async (t) => {
  t.timeout(1_800_000);
  const failing: string[] = [];
  for (const seed of membershipRegressionSeeds)
    for (const v of (await runClusterSeed(seed)).violations)
      failing.push(`seed ${seed}: ${v.property}: ${v.detail} (npm run sim -- cluster --seed ${seed})`);
  t.deepEqual(failing, []);
});

test("cluster simulator catches a follower whose store skips entries", async (t) => {
  t.timeout(900_000);
  const result = await runClusterSeed(1, { membership: false, hooks: { followerSkipsEntries: true } });
  t.is(result.violations[0]?.property, "store-agreement");
  t.true(result.trace.length > 0, "a failing seed comes with its trace");
});

test("cluster simulator catches a leader that never schedules", async (t) => {
  t.timeout(900_000);
  // Seed 3 fails convergence first; in seeds 1 and 2 a job's liveness fails first, the same fault seen elsewhere.
  const result = await runClusterSeed(3, { membership: false, hooks: { noScheduler: true } });
  t.is(result.violations[0]?.property, "convergence");
});

test("cluster simulator catches a slot given more tasks than its update order allows", async (t) => {
  t.timeout(900_000);
  const result = await runClusterSeed(1, { membership: false, hooks: { duplicateSlot: true } });
  t.is(result.violations[0]?.property, "slot-tasks");
});

test("cluster simulator catches a dispatcher that sends secrets no task of the node needs", async (t) => {
  t.timeout(900_000);
  const result = await runClusterSeed(1, { membership: false, hooks: { dispatcherSendsEverySecret: true } });
  t.is(result.violations[0]?.property, "secrets-need-to-know");
});

test("cluster simulator catches workers whose containers outlive their tasks", async (t) => {
  t.timeout(900_000);
  const result = await runClusterSeed(1, { membership: false, hooks: { containersIgnoreStop: true } });
  t.is(result.violations[0]?.property, "running-tasks-agree");
});

test("cluster simulator catches a task state moved backwards", async (t) => {
  t.timeout(900_000);
  const result = await runClusterSeed(1, { membership: false, hooks: { rewindTaskState: true } });
  t.is(result.violations[0]?.property, "task-state-monotonic");
});

test("cluster simulator catches tasks left on a drained node", async (t) => {
  t.timeout(900_000);
  // Seed 5 drains a node under a running task. Any change to the workload or to the components'
  // timing changes each seed's course; a seed that no longer drains in time is replaced by one that does.
  const result = await runClusterSeed(5, { membership: false, hooks: { drainIgnored: true } });
  t.is(result.violations[0]?.property, "eligible-nodes");
  t.regex(result.violations[0]?.detail ?? "", /drained/);
});

test("cluster simulator catches tasks left on nodes that no longer satisfy their constraints", async (t) => {
  t.timeout(900_000);
  // Seed 9 runs a service constrained by node labels while a worker's labels fail the constraint.
  const result = await runClusterSeed(9, { membership: false, hooks: { constraintsIgnored: true } });
  t.is(result.violations[0]?.property, "eligible-nodes");
  t.regex(result.violations[0]?.detail ?? "", /fails node\.labels\./);
});

test("cluster simulator catches a dispatcher that sends configs no task of the node needs", async (t) => {
  t.timeout(900_000);
  const result = await runClusterSeed(1, { membership: false, hooks: { dispatcherSendsEveryConfig: true } });
  t.is(result.violations[0]?.property, "secrets-need-to-know");
  t.regex(result.violations[0]?.detail ?? "", /config:/);
});

test("cluster simulator catches a completed job task run again", async (t) => {
  t.timeout(900_000);
  const result = await runClusterSeed(1, { membership: false, hooks: { jobRestartsCompleted: true } });
  t.is(result.violations[0]?.property, "job-completion-final");
});

test("cluster simulator catches a job running more tasks than its maxConcurrent", async (t) => {
  t.timeout(900_000);
  // Seed 2 starts more of a job's tasks than its maxConcurrent; seed 1's jobs never get the chance.
  const result = await runClusterSeed(2, { membership: false, hooks: { jobIgnoresMaxConcurrent: true } });
  t.is(result.violations[0]?.property, "job-max-concurrent");
});

test("cluster simulator catches a job that never reaches its completions", async (t) => {
  t.timeout(900_000);
  const result = await runClusterSeed(3, { membership: false, hooks: { jobRetriesIgnored: true } });
  t.is(result.violations[0]?.property, "job-liveness");
});

test("cluster simulator reports a run whose simulated time stops instead of hanging", async (t) => {
  t.timeout(900_000);
  const result = await runClusterSeed(1, { hooks: { deferForever: true } });
  t.is(result.violations[0]?.property, "time-moves");
  t.regex(result.violations[0]?.detail ?? "", /keeps deferring/);
});

test("cluster simulator catches tasks placed on a paused node", async (t) => {
  t.timeout(900_000);
  // Seed 12 places a task while a node is paused.
  const result = await runClusterSeed(12, { membership: true, hooks: { pauseIgnored: true } });
  t.is(result.violations[0]?.property, "eligible-nodes");
  t.regex(result.violations[0]?.detail ?? "", /paused/);
});

test("cluster simulator catches a demoted manager left in raft", async (t) => {
  t.timeout(900_000);
  // Seed 6 demotes managers and keeps its quorum (seed 1 loses it, and reports no leader first).
  const result = await runClusterSeed(6, { hooks: { demotionKeepsRaftMember: true } });
  t.is(result.violations[0]?.property, "raft-membership");
});
