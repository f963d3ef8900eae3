// Goal: a real node (in-process SwarmNode, real raft, real gRPC, process executor) fed into
// NodeMetrics and served over HTTP gives a scrape whose raft, store, dispatcher, scheduler and agent
// values match what the node does.
/* eslint-disable @typescript-eslint/unbound-method -- call() invokes each method with the client as `this`. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { claimLoopbackBlock, controlSocketPath, unixTarget, waitFor } from "../common/index.js";
import { type ParsedSample, parseExposition } from "../common/metrics/index.js";
import { ControlClient, swarm } from "../proto/index.js";
import { freePort } from "../raft/index.js";
import { NodeMetrics, serveMetrics, SwarmNode } from "./index.js";

type Call<Req, Res> = (req: Req, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown;

/** The value of the sample with this name whose labels include `labels`; undefined when absent. */
function value(
  samples: readonly ParsedSample[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

/** The sum of every sample with this name whose labels include `labels`. */
function total(samples: readonly ParsedSample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

/** The waits of this test: within its own timeout, and a scrape (a whole HTTP exposition) every 50 ms, not every 10. */
const scrapeWait = { timeoutMs: 30_000, pollMs: 50 };

test("NodeMetrics serves a node's raft, store, dispatcher, scheduler and agent state", async (t) => {
  t.timeout(90_000);
  const block = await claimLoopbackBlock("metrics-node test");
  t.teardown(() => block.release());
  const host = block.addr(1);
  const stateDir = mkdtempSync(join(tmpdir(), "swarm-metrics-"));
  const metrics = new NodeMetrics();
  const server = await serveMetrics(`${host}:0`, () => metrics.scrape());
  const scrape = async (): Promise<ParsedSample[]> => {
    const response = await fetch(`http://${server.addr}/metrics`);
    t.is(response.headers.get("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    return parseExposition(await response.text());
  };
  // Before the node runs, only process-wide values are there.
  const empty = await scrape();
  t.is(value(empty, "swarm_raft_term"), undefined);
  t.true((value(empty, "process_resident_memory_bytes") ?? 0) > 0);
  t.is((await fetch(`http://${server.addr}/other`)).status, 404);

  const node = await SwarmNode.init({
    stateDir,
    listenAddr: `${host}:${await freePort(host)}`,
    publishAddr: host,
    executor: "process",
    tickMs: 20,
    statusFlushMs: 20,
    mesh: null,
    metrics: metrics.manager,
    log: metrics.countingLog(() => undefined),
  });
  metrics.follow(() => ({ manager: node.manager, agent: node.agent }));
  const client = new ControlClient(unixTarget(controlSocketPath(stateDir)), grpc.credentials.createInsecure());
  const call = <Req, Res>(fn: Call<Req, Res>, req: Req): Promise<Res> =>
    new Promise((resolve, reject) => fn.call(client, req, (err, res) => (err ? reject(err) : resolve(res!))));
  t.teardown(async () => {
    // The sleepers are stopped before the node, even after a failed assertion: a stopped node
    // leaves its tasks running.
    const { services } = await call<swarm.v1.IListServicesRequest, swarm.v1.ListServicesResponse>(
      client.listServices,
      {},
    );
    for (const service of services) await call(client.removeService, { serviceId: service.id ?? "" });
    await waitFor(
      "the sleepers to stop",
      () =>
        node.agent
          .taskIds()
          .some((id) => Number(node.agent.taskStatus(id)?.state ?? 0) <= Number(swarm.v1.TaskState.TASK_STATE_RUNNING))
          ? undefined
          : true,
      scrapeWait,
    );
    client.close();
    await node.stop();
    await server.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  const ready = await waitFor(
    "the agent's session",
    async () => {
      const s = await scrape();
      return value(s, "swarm_dispatcher_sessions") === 1 ? s : undefined;
    },
    scrapeWait,
  );
  t.is(value(ready, "swarm_raft_leader"), 1);
  t.true((value(ready, "swarm_raft_term") ?? 0) >= 1);
  t.true((value(ready, "swarm_raft_applied_index") ?? 0) >= 1);
  t.true((value(ready, "swarm_raft_commit_index") ?? 0) >= (value(ready, "swarm_raft_applied_index") ?? Infinity));
  t.is(value(ready, "swarm_raft_leader_changes_total"), 1);
  t.true((value(ready, "swarm_raft_proposals_total") ?? 0) >= 1);
  t.true((value(ready, "swarm_store_objects", { kind: "node" }) ?? 0) >= 1);
  t.is(value(ready, "swarm_store_objects", { kind: "cluster" }), 1);

  // A service that fits runs here; one whose constraint no node meets stays unplaced.
  await call(client.createService, {
    spec: {
      annotations: { name: "sleeper" },
      task: { container: { image: "process://sleep", args: ["300"] } },
      replicated: { replicas: 2 },
    },
  });
  await call(client.createService, {
    spec: {
      annotations: { name: "nowhere" },
      task: {
        container: { image: "process://sleep", args: ["300"] },
        placement: { constraints: ["node.labels.zone==nowhere"] },
      },
      replicated: { replicas: 1 },
    },
  });
  const running = await waitFor(
    "two running tasks in the scrape",
    async () => {
      const s = await scrape();
      return value(s, "swarm_agent_tasks", { state: "running" }) === 2 &&
        value(s, "swarm_store_tasks", { state: "running", desired: "running" }) === 2 &&
        value(s, "swarm_scheduler_unplaced_tasks") === 1
        ? s
        : undefined;
    },
    scrapeWait,
  );
  t.is(value(running, "swarm_store_objects", { kind: "service" }), 2);
  t.is(total(running, "swarm_store_tasks"), 3);
  t.true((value(running, "swarm_scheduler_placements_total") ?? 0) >= 2);
  t.true((value(running, "swarm_scheduler_pass_seconds_count") ?? 0) >= 1);
  t.true((value(running, "swarm_dispatcher_status_updates_total") ?? 0) >= 2);
  t.true((value(running, "swarm_raft_proposal_commit_seconds_count") ?? 0) >= 3);
  t.is(
    value(running, "swarm_raft_proposal_commit_seconds_bucket", { le: "+Inf" }),
    value(running, "swarm_raft_proposal_commit_seconds_count"),
  );
  t.is(value(running, "swarm_agent_session_reconnects_total"), 0);
});
