// Goal: `node update`, `promote` and `demote` survive writes to the node between their read and
// their write (a session reopening, a promotion completing): an out-of-sequence refusal makes them
// read again and re-apply the change, a bounded number of times; other errors pass at once.
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { errorCodeTrailer } from "../../../common/index.js";
import { swarm } from "../../../proto/index.js";
import type { Connection } from "../../client/connection.js";
import { nodeUpdateAttemptsMax, updateNodeSpec } from "./node-spec-update.js";

const Role = swarm.v1.NodeSpec.Role;

/** A refusal as a manager sends it: FAILED_PRECONDITION with the error's code in a trailer. */
function refusal(code: string, details: string): grpc.ServiceError {
  const metadata = new grpc.Metadata();
  metadata.set(errorCodeTrailer, code);
  return Object.assign(new Error(details), { code: grpc.status.FAILED_PRECONDITION, details, metadata });
}

/**
 * A manager's Control calls on one node, with optimistic concurrency as the store has it; the
 * node is written by someone else right after each of the first `interleaved` reads.
 */
function fakeManager(interleaved: number): { connection: Pick<Connection, "call">; node: () => swarm.v1.Node } {
  let node = swarm.v1.Node.create({
    id: "w1",
    meta: { version: { index: 10 } },
    spec: { desiredRole: Role.ROLE_WORKER, annotations: { labels: { keep: "1" } } },
  });
  let reads = 0;
  const write = (spec: swarm.v1.INodeSpec): void => {
    node = swarm.v1.Node.create({ ...node, spec, meta: { version: { index: Number(node.meta?.version?.index) + 5 } } });
  };
  const call = <Res>(method: string, request: unknown): Promise<Res> => {
    if (method === "getNode") {
      const read = swarm.v1.Node.decode(swarm.v1.Node.encode(node).finish());
      // Another writer (a session reopening) changes the node after this read.
      if (++reads <= interleaved)
        write({ ...node.spec, annotations: { labels: { ...node.spec?.annotations?.labels, [`seen${reads}`]: "y" } } });
      return Promise.resolve({ node: read } as Res);
    }
    const { nodeVersion, spec } = request as swarm.v1.IUpdateNodeRequest;
    const current = Number(node.meta?.version?.index);
    if (Number(nodeVersion?.index) !== current)
      return Promise.reject(
        refusal(
          "SEQUENCE_CONFLICT",
          `update of node w1 is out of sequence: read version ${nodeVersion?.index}, current ${current}`,
        ),
      );
    write(spec ?? {});
    return Promise.resolve({ node } as Res);
  };
  return { connection: { call }, node: () => node };
}

test("node update re-reads and re-applies its change when the node was written since it was read", async (t) => {
  const manager = fakeManager(3);
  const outcome = await updateNodeSpec(manager.connection, "w1", (spec) => {
    spec.desiredRole = Role.ROLE_MANAGER;
    return true;
  });
  t.true(outcome.written);
  t.is(manager.node().spec?.desiredRole, Role.ROLE_MANAGER);
  // The other writer's changes are kept: the change was applied to the node as last read.
  t.deepEqual(manager.node().spec?.annotations?.labels, { keep: "1", seen1: "y", seen2: "y", seen3: "y" });
});

test("node update reports the out-of-sequence refusal once its attempts are spent", async (t) => {
  const manager = fakeManager(nodeUpdateAttemptsMax);
  const error = await t.throwsAsync(
    updateNodeSpec(manager.connection, "w1", (spec) => {
      spec.desiredRole = Role.ROLE_MANAGER;
      return true;
    }),
  );
  t.regex(error.message, /out of sequence/);
  t.is(manager.node().spec?.desiredRole, Role.ROLE_WORKER);
});

test("node promote writes nothing when a fresh read shows the node already as asked", async (t) => {
  const manager = fakeManager(0);
  const before = Number(manager.node().meta?.version?.index);
  const outcome = await updateNodeSpec(manager.connection, "w1", (spec) => {
    if (Number(spec.desiredRole ?? 0) === Number(Role.ROLE_WORKER)) return false;
    spec.desiredRole = Role.ROLE_WORKER;
    return true;
  });
  t.false(outcome.written);
  t.is(Number(manager.node().meta?.version?.index), before);
});

test("node update passes other refusals on at once", async (t) => {
  let writes = 0;
  const connection: Pick<Connection, "call"> = {
    call: <Res>(method: string): Promise<Res> => {
      if (method === "getNode") return Promise.resolve({ node: swarm.v1.Node.create({ id: "m1" }) } as Res);
      writes++;
      return Promise.reject(refusal("FAILED_PRECONDITION", "cannot demote the last manager"));
    },
  };
  const error = await t.throwsAsync(updateNodeSpec(connection, "m1", () => true));
  t.regex(error.message, /last manager/);
  t.is(writes, 1);
});
