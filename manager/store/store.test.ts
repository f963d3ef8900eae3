// Goal: the store's transactions, typed errors, optimistic concurrency, indexes, watch events,
// batching and snapshots, first with an in-process proposer, then through a real raft member
// with a WAL on disk, including a restart that rebuilds the store from snapshot + log.
import test from "ava";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeClock, waitFor } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { openWal, RaftNode } from "../../raft/index.js";
import { NameConflictError, ObjectExistsError, ObjectNotFoundError, SequenceConflictError } from "./errors.js";
import { MemoryStore, type StoreCommit, type TransactionOutcome } from "./store.js";
import { encodeStoreBatch, encodeStoreTransaction, joinStoreBatch } from "./store-codec.js";

/** Applies every proposal at once, at increasing indexes, as a single-member raft would. */
function directProposer(store: MemoryStore): { proposals: number } {
  const stats = { proposals: 0 };
  let index = 0;
  store.setProposer({
    propose: (data) => {
      stats.proposals++;
      return Promise.resolve(store.apply(data, ++index));
    },
  });
  return stats;
}

const service = (id: string, name: string): swarm.v1.Service.$Properties => ({
  id,
  spec: { annotations: { name }, task: { container: { image: "redis:7" } }, replicated: { replicas: 1 } },
});

const task = (id: string, serviceId: string, slot: number, nodeId: string): swarm.v1.Task.$Properties => ({
  id,
  serviceId,
  slot,
  nodeId,
  desiredState: swarm.v1.TaskState.TASK_STATE_RUNNING,
});

test("store creates, reads by id and name, updates with the current version, and removes", async (t) => {
  const store = new MemoryStore({ clock: new FakeClock(1_700_000_000_123) });
  directProposer(store);
  await store.update((tx) => tx.create("service", service("s1", "web")));
  const created = store.view((tx) => tx.byName("service", "web"))!;
  t.is(created.id, "s1");
  t.is(created.meta?.version?.index, 1);
  t.is(created.meta?.createdAt?.seconds, 1_700_000_000);
  await store.update((tx) =>
    tx.update("service", { ...created, spec: { ...created.spec, replicated: { replicas: 3 } } }),
  );
  const updated = store.view((tx) => tx.get("service", "s1"))!;
  t.is(updated.spec?.replicated?.replicas, 3);
  t.is(updated.meta?.version?.index, 2);
  await store.update((tx) => tx.remove("service", "s1"));
  t.is(
    store.view((tx) => tx.get("service", "s1")),
    undefined,
  );
  t.is(
    store.view((tx) => tx.byName("service", "web")),
    undefined,
  );
});

test("store rejects a stale update with SequenceConflictError and changes nothing", async (t) => {
  const store = new MemoryStore();
  directProposer(store);
  await store.update((tx) => tx.create("service", service("s1", "web")));
  const read = store.view((tx) => tx.get("service", "s1"))!;
  await store.update((tx) => tx.update("service", { ...read, spec: { ...read.spec, replicated: { replicas: 2 } } }));
  await t.throwsAsync(
    store.update((tx) => tx.update("service", { ...read, spec: { ...read.spec, replicated: { replicas: 9 } } })),
    { instanceOf: SequenceConflictError },
  );
  t.is(store.view((tx) => tx.get("service", "s1"))!.spec?.replicated?.replicas, 2);
});

test("store detects a conflict that only apply can see: two writers of the same version", async (t) => {
  const store = new MemoryStore();
  directProposer(store);
  await store.update((tx) => tx.create("service", service("s1", "web")));
  const read = store.view((tx) => tx.get("service", "s1"))!;
  // Both transactions pass their local checks and go in one batch; the second fails at apply.
  const results = await Promise.allSettled([
    store.update((tx) => tx.update("service", { ...read, spec: { ...read.spec, replicated: { replicas: 2 } } })),
    store.update((tx) => tx.update("service", { ...read, spec: { ...read.spec, replicated: { replicas: 3 } } })),
  ]);
  t.is(results[0].status, "fulfilled");
  t.is(results[1].status, "rejected");
  t.true(results[1].status === "rejected" && results[1].reason instanceof SequenceConflictError);
  t.is(store.view((tx) => tx.get("service", "s1"))!.spec?.replicated?.replicas, 2);
});

test("store refuses duplicate ids, duplicate names and missing objects with typed errors", async (t) => {
  const store = new MemoryStore();
  directProposer(store);
  await store.update((tx) => tx.create("service", service("s1", "web")));
  await t.throwsAsync(
    store.update((tx) => tx.create("service", service("s1", "other"))),
    { instanceOf: ObjectExistsError },
  );
  await t.throwsAsync(
    store.update((tx) => tx.create("service", service("s2", "web"))),
    { instanceOf: NameConflictError },
  );
  await t.throwsAsync(
    store.update((tx) => tx.remove("secret", "nope")),
    { instanceOf: ObjectNotFoundError },
  );
});

test("store transactions are atomic: when apply refuses one action, the earlier ones are undone", async (t) => {
  const store = new MemoryStore();
  directProposer(store);
  await store.update((tx) => tx.create("service", service("s1", "web")));
  const read = store.view((tx) => tx.get("service", "s1"))!;
  // Both pass their local checks and share one raft entry; the second loses at apply, whole.
  const results = await Promise.allSettled([
    store.update((tx) => tx.update("service", { ...read, spec: { ...read.spec, replicated: { replicas: 2 } } })),
    store.update((tx) => {
      tx.create("task", task("t1", "s1", 1, "n1"));
      tx.update("service", { ...read, spec: { ...read.spec, replicated: { replicas: 7 } } });
    }),
  ]);
  t.deepEqual(
    results.map((r) => r.status),
    ["fulfilled", "rejected"],
  );
  t.is(
    store.view((tx) => tx.get("task", "t1")),
    undefined,
  );
  t.is(store.view((tx) => tx.get("service", "s1"))!.spec?.replicated?.replicas, 2);
});

test("store indexes tasks by service, node, slot and desired state", async (t) => {
  const store = new MemoryStore();
  directProposer(store);
  await store.update((tx) => {
    tx.create("task", task("t1", "s1", 1, "n1"));
    tx.create("task", task("t2", "s1", 2, "n2"));
    tx.create("task", { ...task("t3", "s2", 1, "n1"), desiredState: swarm.v1.TaskState.TASK_STATE_SHUTDOWN });
  });
  const ids = (q: Parameters<MemoryStore["view"]>[0]): string[] =>
    (store.view(q) as { id?: string | null }[]).map((x) => x.id ?? "");
  t.deepEqual(
    ids((tx) => tx.tasks({ serviceId: "s1" })),
    ["t1", "t2"],
  );
  t.deepEqual(
    ids((tx) => tx.tasks({ nodeId: "n1" })),
    ["t1", "t3"],
  );
  t.deepEqual(
    ids((tx) => tx.tasks({ serviceId: "s1", slot: 2 })),
    ["t2"],
  );
  t.deepEqual(
    ids((tx) => tx.tasks({ desiredState: swarm.v1.TaskState.TASK_STATE_SHUTDOWN })),
    ["t3"],
  );
  // Moving a task updates the indexes.
  const t1 = store.view((tx) => tx.get("task", "t1"))!;
  await store.update((tx) => tx.update("task", { ...t1, nodeId: "n3" }));
  t.deepEqual(
    ids((tx) => tx.tasks({ nodeId: "n1" })),
    ["t3"],
  );
  t.deepEqual(
    ids((tx) => tx.tasks({ nodeId: "n3" })),
    ["t1"],
  );
});

test("store sees its own writes inside a transaction", async (t) => {
  const store = new MemoryStore();
  directProposer(store);
  await store.update((tx) => {
    tx.create("service", service("s1", "web"));
    const mine = tx.get("service", "s1")!;
    t.is(tx.byName("service", "web")?.id, "s1");
    tx.update("service", { ...mine, spec: { ...mine.spec, replicated: { replicas: 4 } } });
  });
  t.is(store.view((tx) => tx.get("service", "s1"))!.spec?.replicated?.replicas, 4);
});

test("queries inside a transaction see exactly what the store holds once it has committed", async (t) => {
  const ids = <T extends { id?: string | null }>(objects: readonly T[]): string[] => objects.map((o) => o.id ?? "");
  for (let seed = 1; seed <= 30; seed++) {
    let state = seed;
    const random = (n: number): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    const store = new MemoryStore();
    directProposer(store);
    await store.update((tx) => {
      for (let i = 0; i < 6; i++) tx.create("task", task(`t${i}`, `s${i % 2}`, i, `n${i % 3}`));
      tx.create("service", service("a", "name-a"));
    });
    const seen: string[][] = [];
    const queries = (tx: Parameters<Parameters<MemoryStore["view"]>[0]>[0]): string[][] => [
      ids(tx.all("task")),
      ids(tx.tasks({ serviceId: "s0" })),
      ids(tx.tasks({ serviceId: "s1" })),
      ids(tx.tasks({ nodeId: "n1" })),
      ids(tx.tasks({ desiredState: swarm.v1.TaskState.TASK_STATE_SHUTDOWN })),
      [String(tx.count("task")), tx.byName("service", "name-a")?.id ?? "", tx.byName("service", "name-b")?.id ?? ""],
    ];
    await store.update((tx) => {
      for (let step = 0; step < 12; step++) {
        const id = `t${random(9)}`;
        const existing = tx.get("task", id);
        const roll = random(4);
        if (!existing) tx.create("task", task(id, `s${random(2)}`, random(3), `n${random(3)}`));
        else if (roll === 0) tx.remove("task", id);
        else if (roll === 1) tx.update("task", { ...existing, nodeId: `n${random(3)}`, serviceId: `s${random(2)}` });
        else tx.update("task", { ...existing, desiredState: swarm.v1.TaskState.TASK_STATE_SHUTDOWN });
      }
      if (random(2) === 0)
        tx.update("service", {
          ...tx.get("service", "a")!,
          spec: { ...tx.get("service", "a")!.spec, annotations: { name: "name-b" } },
        });
      seen.push(...queries(tx));
    });
    t.deepEqual(seen, store.view(queries), `seed ${seed}`);
  }
});

test("store batches concurrent transactions into one proposal and notifies watchers after apply", async (t) => {
  const store = new MemoryStore();
  const stats = directProposer(store);
  const commits: StoreCommit[] = [];
  store.watch((c) => commits.push(c));
  await Promise.all(
    Array.from({ length: 100 }, (_, i) => store.update((tx) => tx.create("task", task(`t${i}`, "s1", i + 1, "n1")))),
  );
  t.is(stats.proposals, 1);
  t.is(commits.length, 1);
  t.is(commits[0]!.events.length, 100);
  t.true(commits[0]!.events.every((e) => e.action === "create" && e.kind === "task"));
});

test("store snapshot restores every object with its version", async (t) => {
  const store = new MemoryStore();
  directProposer(store);
  await store.update((tx) => tx.create("service", service("s1", "web")));
  await store.update((tx) =>
    tx.create("secret", {
      id: "x1",
      spec: { annotations: { name: "pw", labels: { a: "b" } }, data: new Uint8Array([1, 2]) },
    }),
  );
  const copy = new MemoryStore();
  const jumps: number[] = [];
  copy.onRestore((version) => jumps.push(version));
  copy.restore(store.snapshot(), store.version);
  t.is(copy.version, store.version);
  t.deepEqual(jumps, [store.version]);
  t.deepEqual(copy.view((tx) => tx.byName("service", "web"))?.meta?.version?.index, 1);
  t.deepEqual(copy.view((tx) => tx.get("secret", "x1"))?.spec?.annotations?.labels, { a: "b" });
  t.deepEqual([...(copy.view((tx) => tx.get("secret", "x1"))?.spec?.data ?? [])], [1, 2]);
});

test("store replicated through a raft member with a WAL rebuilds after a restart", async (t) => {
  t.timeout(30_000);
  const dir = mkdtempSync(join(tmpdir(), "swarm-store-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const transport = { send: () => undefined, addPeer: () => undefined, removePeer: () => undefined };
  const startMember = async (): Promise<{
    store: MemoryStore;
    node: RaftNode<TransactionOutcome[]>;
    close: () => Promise<void>;
  }> => {
    const { wal, recovered } = await openWal(dir);
    const store = new MemoryStore();
    const node = new RaftNode<TransactionOutcome[]>({
      id: 1,
      addr: "127.0.0.1:1",
      storage: wal,
      transport,
      recovered,
      stateMachine: store,
      bootstrap: new Map([[1, "127.0.0.1:1"]]),
      tickMs: 5,
      snapshotIntervalEntries: 20,
      trailingEntries: 5,
    });
    store.setProposer({ propose: (data) => node.propose(data) });
    node.start();
    return { store, node, close: async () => (await node.stop(), await wal.close()) };
  };
  const first = await startMember();
  // The only member, once it leads, leads until it stops: every write after that commits.
  await waitFor("the member to lead", () => (first.node.status().role === "leader" ? true : undefined), {
    timeoutMs: 20_000,
  });
  for (let i = 0; i < 60; i++)
    await first.store.update((tx) => tx.create("task", task(`t${i}`, "s1", i + 1, `n${i % 3}`)));
  const version = first.store.version;
  await first.close();
  const second = await startMember();
  t.teardown(() => second.close());
  await waitFor(
    `the restarted member to replay to version ${version}`,
    () => (second.store.version >= version ? true : undefined),
    { timeoutMs: 20_000 },
  );
  t.is(second.store.view((tx) => tx.tasks({ serviceId: "s1" })).length, 60);
  t.deepEqual(
    second.store.view((tx) => tx.tasks({ nodeId: "n1" }).map((x) => x.id)),
    first.store.view((tx) => tx.tasks({ nodeId: "n1" }).map((x) => x.id)),
  );
});

test("a batch joined from encoded transactions equals the batch encoded at once", (t) => {
  const txs = [
    {
      id: "a",
      changes: [
        {
          action: "create" as const,
          kind: "secret" as const,
          object: { id: "s1", spec: { annotations: { name: "x" } } },
          expectedVersion: 0,
        },
      ],
    },
    {
      id: "b",
      changes: [
        {
          action: "remove" as const,
          kind: "task" as const,
          object: { id: "t1", serviceId: "svc" },
          expectedVersion: 3,
        },
      ],
    },
  ];
  t.deepEqual(joinStoreBatch(txs.map(encodeStoreTransaction)), encodeStoreBatch(txs));
});

test("a batch the store proposed is decoded while consensus runs and applies the same as a follower's copy", async (t) => {
  // Consensus that takes a while, as a real round trip to the followers does: the proposer's
  // store decodes its batch meanwhile; a follower's store decodes the bytes at apply.
  const leader = new MemoryStore();
  const follower = new MemoryStore();
  let index = 0;
  leader.setProposer({
    propose: (data) =>
      new Promise((resolve) =>
        setTimeout(() => {
          index++;
          // A copy, as a follower receives it over the network.
          follower.apply(new Uint8Array(data), index);
          resolve(leader.apply(data, index));
        }, 5),
      ),
  });
  await leader.update((tx) => tx.create("service", service("s1", "web")));
  const current = leader.view((tx) => tx.get("service", "s1"))!;
  const [updated, conflict] = await Promise.allSettled([
    leader.update((tx) =>
      tx.update("service", {
        ...current,
        spec: { ...current.spec, annotations: { name: "web", labels: { rev: "2" } } },
      }),
    ),
    // Read the same version: the second writer of the batch loses.
    leader.update((tx) =>
      tx.update("service", {
        ...current,
        spec: { ...current.spec, annotations: { name: "web", labels: { rev: "3" } } },
      }),
    ),
  ]);
  t.is(updated.status, "fulfilled");
  t.true(conflict.status === "rejected" && conflict.reason instanceof SequenceConflictError);
  t.deepEqual(
    leader.view((tx) => tx.all("service")),
    follower.view((tx) => tx.all("service")),
  );
  t.deepEqual(leader.view((tx) => tx.get("service", "s1"))?.spec?.annotations?.labels, { rev: "2" });
});
