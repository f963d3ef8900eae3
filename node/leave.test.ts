// Goal: `swarmd leave` leaves no secret behind: every task's tmpfs of the node is unmounted and
// deleted, also those an agent that was killed (rather than stopped) left mounted.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import test from "ava";
import { claimLoopbackBlock } from "../common/index.js";
import { TaskFiles } from "../worker/index.js";
import { leaveCluster } from "./leave.js";
import { SwarmNode } from "./swarm-node.js";

/** Mount points at or under `dir`, from this process's mountinfo. */
function mountsUnder(dir: string): string[] {
  return readFileSync("/proc/self/mountinfo", "utf8")
    .split("\n")
    .map((line) => line.split(" ")[4] ?? "")
    .filter((point) => point === dir || point.startsWith(`${dir}/`));
}

test("swarmd leave unmounts and deletes every task's secret files, also those a killed agent left", async (t) => {
  t.timeout(60_000);
  const block = await claimLoopbackBlock("leave test");
  t.teardown(() => block.release());
  const stateDir = mkdtempSync(join(tmpdir(), "swarm-leave-"));
  t.teardown(() => rmSync(stateDir, { recursive: true, force: true }));
  const node = await SwarmNode.init({
    stateDir,
    listenAddr: `${block.addr(1)}:4242`,
    publishAddr: block.addr(1),
    executor: "process",
    tickMs: 20,
    statusFlushMs: 20,
    mesh: null,
  });
  const nodeId = node.nodeId;
  await node.stop();

  // What an agent killed with running tasks leaves: their files, on tmpfs mounts as root.
  const files = new TaskFiles({ nodeId, log: () => undefined });
  t.teardown(() => files.removeAll());
  const secret = { id: "s1", spec: { annotations: { name: "pw" }, data: new TextEncoder().encode("hunter2") } };
  const dirs: string[] = [];
  for (const id of ["ta", "tb"]) {
    const task = {
      id,
      spec: {
        container: { image: "process://sh", secrets: [{ secretId: "s1", secretName: "pw", file: { name: "pw" } }] },
      },
    };
    dirs.push(await files.write(task, new Map([["s1", secret]]), new Map()));
  }
  const root = dirname(dirs[0]!);
  t.is(readFileSync(join(dirs[0]!, "secrets/pw"), "utf8"), "hunter2");
  if (process.getuid?.() === 0) t.is(mountsUnder(root).length, 2);

  await leaveCluster(stateDir, { force: true });
  t.deepEqual(mountsUnder(root), []);
  t.throws(() => statSync(root), { code: "ENOENT" });
  t.throws(() => statSync(stateDir), { code: "ENOENT" });
});
