// Goal: over real gRPC, a node receives a secret or config only while one of its tasks needs it,
// before that task, and is told to forget it once the last such task finishes, moves or is deleted;
// a node whose tasks reference nothing never receives any secret or config.
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { waitFor } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { MemoryStore } from "../store/index.js";
import { servedDispatcher } from "../testing/index.js";
import { Dispatcher } from "./dispatcher.js";

const S = swarm.v1.TaskState;
const Action = swarm.v1.AssignmentChange.Action;

/** One change as a short word: "+secret:s1", "-task:t1". */
function describe(c: swarm.v1.IAssignmentChange): string {
  const a = c.assignment;
  const [kind, id] = a?.secret ? ["secret", a.secret.id] : a?.config ? ["config", a.config.id] : ["task", a?.task?.id];
  return `${Number(c.action ?? 0) === Number(Action.ACTION_REMOVE) ? "-" : "+"}${kind}:${id ?? ""}`;
}

test("dispatcher sends a secret or config only to nodes whose tasks need it, and withdraws it", async (t) => {
  t.timeout(30_000);
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  const payload = new TextEncoder().encode("s3cr3t-payload");
  await store.update((tx) => {
    tx.create("secret", { id: "s1", spec: { annotations: { name: "pw" }, data: payload } });
    tx.create("config", { id: "c1", spec: { annotations: { name: "conf" }, data: new TextEncoder().encode("k=v") } });
  });
  const dispatcher = new Dispatcher({ store, heartbeatPeriodMs: 1_000 });
  const { client } = await servedDispatcher(dispatcher, (fn) => t.teardown(fn));
  const streams: grpc.ClientReadableStream<unknown>[] = [];
  t.teardown(() => {
    for (const s of streams) s.cancel();
    dispatcher.close();
  });
  /** Opens a session and an assignments stream for a node; returns every assignments message it gets. */
  const connect = async (nodeId: string): Promise<swarm.v1.AssignmentsMessage[]> => {
    const md = new grpc.Metadata();
    md.set("swarm-node-id", nodeId);
    const session = client.session({}, md);
    streams.push(session);
    const opened: swarm.v1.SessionMessage[] = [];
    session.on("data", (m: swarm.v1.SessionMessage) => opened.push(m));
    session.on("error", () => undefined);
    const sessionId = await waitFor(`${nodeId}'s session`, () => opened.find((m) => m.sessionId !== "")?.sessionId);
    const messages: swarm.v1.AssignmentsMessage[] = [];
    const stream = client.assignments({ sessionId }, md);
    streams.push(stream);
    stream.on("data", (m: swarm.v1.AssignmentsMessage) => messages.push(m));
    stream.on("error", () => undefined);
    await waitFor(`${nodeId}'s complete set`, () => messages[0]);
    return messages;
  };
  const task = (
    id: string,
    nodeId: string,
    refs: { secret?: boolean; config?: boolean },
  ): swarm.v1.Task.$Properties => ({
    id,
    serviceId: "svc",
    nodeId,
    desiredState: S.TASK_STATE_RUNNING,
    status: { state: S.TASK_STATE_ASSIGNED },
    spec: {
      container: {
        image: "busybox",
        secrets:
          refs.secret === true
            ? [{ secretId: "s1", secretName: "pw", file: { name: "pw", uid: "0", gid: "0", mode: 0o400 } }]
            : [],
        configs:
          refs.config === true ? [{ configId: "c1", configName: "conf", file: { name: "/conf", mode: 0o444 } }] : [],
      },
    },
  });
  await store.update((tx) => {
    tx.create("task", task("a1", "A", { secret: true, config: true }));
    tx.create("task", task("b1", "B", {}));
  });
  const a = await connect("A");
  const b = await connect("B");
  /** The changes of A's messages from `from` on, as words. */
  const aSince = (from: number): string[] => a.slice(from).flatMap((m) => m.changes.map(describe));
  const next = (messages: swarm.v1.AssignmentsMessage[], count: number): Promise<swarm.v1.AssignmentsMessage> =>
    waitFor(`message ${count}`, () => messages[count - 1]);

  // The complete set carries the secret (with its data) and the config before the task that needs them.
  t.deepEqual(aSince(0), ["+secret:s1", "+config:c1", "+task:a1"]);
  t.deepEqual(Buffer.from(a[0]!.changes[0]!.assignment.secret!.spec.data), Buffer.from(payload));
  t.deepEqual(b[0]!.changes.map(describe), ["+task:b1"]);

  // A second task needing the secret does not send it again.
  await store.update((tx) => tx.create("task", task("a2", "A", { secret: true })));
  await next(a, 2);
  t.deepEqual(aSince(1), ["+task:a2"]);

  // Deleting a1 withdraws the config (no one else needs it) but not the secret (a2 does).
  await store.update((tx) => tx.remove("task", "a1"));
  await next(a, 3);
  t.deepEqual(aSince(2), ["-task:a1", "-config:c1"]);

  // a2 finishing releases the secret, after the task's own update.
  const a2 = store.view((tx) => tx.get("task", "a2"))!;
  await store.update((tx) => tx.update("task", { ...a2, status: { state: S.TASK_STATE_COMPLETE } }));
  await next(a, 4);
  t.deepEqual(aSince(3), ["+task:a2", "-secret:s1"]);

  // A new task brings the secret back; moving it to another node withdraws it again.
  await store.update((tx) => tx.create("task", task("a3", "A", { secret: true })));
  await next(a, 5);
  t.deepEqual(aSince(4), ["+secret:s1", "+task:a3"]);
  const a3 = store.view((tx) => tx.get("task", "a3"))!;
  await store.update((tx) => tx.update("task", { ...a3, nodeId: "C" }));
  await next(a, 6);
  t.deepEqual(aSince(5), ["-task:a3", "-secret:s1"]);

  // A reconnecting node gets exactly what its tasks need in its complete set.
  await store.update((tx) => tx.create("task", task("a4", "A", { config: true })));
  await next(a, 7);
  const again = await connect("A");
  t.deepEqual(again[0]!.changes.map(describe), ["+task:a2", "+config:c1", "+task:a4"]);

  // B heard of its own task only: no secret or config in any of its messages.
  await store.update((tx) => tx.create("task", task("b2", "B", {})));
  await next(b, 2);
  t.deepEqual(
    b.flatMap((m) => m.changes.map(describe)),
    ["+task:b1", "+task:b2"],
  );
});
