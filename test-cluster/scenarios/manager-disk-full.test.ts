// Goal (scenario 5): one of 3 managers runs out of disk (its state dir on a small tmpfs, filled
// with a file). It stops taking part in raft rather than acknowledge what it cannot save, a write
// through it fails with an error that says so, and the cluster keeps accepting writes through the
// other two managers.
import test from "ava";
import { fillDisk, mountSmallDisk, unmountSmallDisk } from "../faults/index.js";
import { controlOf, startCluster, swarmctl, until } from "./scenario-kit.js";

/** Size of the full manager's file system. */
const diskMb = 32;

test("a manager whose disk fills refuses writes while the others carry on", async (t) => {
  t.timeout(180_000);
  const cluster = await startCluster(t, {
    managers: 3,
    workers: 0,
    prepareNode: async (node) => {
      if (node.name !== "manager-3") return;
      await mountSmallDisk(node.stateDir, diskMb);
      // Registered after the cluster's teardown, so it runs before it (LIFO): the state dir can go.
      t.teardown(() => unmountSmallDisk(node.stateDir));
    },
  });
  const [m1, , m3] = cluster.nodes as [(typeof cluster.nodes)[0], (typeof cluster.nodes)[0], (typeof cluster.nodes)[0]];
  const control = controlOf(t, m1);
  await control.createService({
    annotations: { name: "before" },
    task: { container: { image: "process://sleep", args: ["86400"] } },
    replicated: { replicas: 1 },
  });

  const filled = await fillDisk(m3.stateDir);
  t.log(`filled ${m3.name}'s ${diskMb} MB disk with ${Math.round(filled / 1e6)} MB`);
  // Writes through the healthy managers go on: the full one's raft can no longer save what it gets.
  for (let i = 0; i < 5; i++) {
    const run = await swarmctl(m1, ["service", "create", "-d", "--name", `after-${i}`, "process://sleep", "86400"]);
    t.is(run.code, 0, run.stderr);
  }
  const refused = await until(
    "a write through the full manager refused",
    async () => {
      const run = await swarmctl(m3, ["service", "create", "-d", "--name", "through-full", "process://sleep", "86400"]);
      return run.code !== 0 ? run : undefined;
    },
    30_000,
  );
  t.log(`write through the full manager: exit ${refused.code} after ${refused.ms} ms: ${refused.stderr.trim()}`);
  t.regex(refused.stderr, /disk full|no space/i);
  const names = (await control.services()).map((s) => s.spec?.annotations?.name ?? "");
  t.true(names.includes("after-4"));
  t.false(names.includes("through-full"));
});
