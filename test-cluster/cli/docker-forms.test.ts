// Goal: the built swarmctl takes the command-line forms Docker users type, against a manager on a
// claimed loopback block: the manager before the command (`-H X service ls`, `--host=X …`), every
// word after the image as the container's command (`-e A=1 IMG sh -e -c …`), `node inspect self`,
// `table` formats aligned like Docker's tabwriter, and one readable line for a manager that
// cannot be reached.
import test from "ava";
import { claimLoopbackBlock, type LoopbackBlock } from "../../common/index.js";
import { assertOk, assertOneLineError } from "./cli-assert.js";
import { type CliCluster, managerNodeId, startCliCluster, swarmctl, workerNodeId } from "./fixture.js";

let block: LoopbackBlock | undefined;
let cluster: CliCluster | undefined;

test.before(async () => {
  block = await claimLoopbackBlock("docker-forms.test");
  cluster = await startCliCluster(block.addr(1));
});

test.after.always(async () => {
  await cluster?.stop();
  block?.release();
});

test.serial("swarmctl takes the manager before the command, as docker -H does", async (t) => {
  t.timeout(60_000);
  const host = cluster!.host;
  for (const global of [["-H", host], ["-H=" + host], ["--host", host], [`--host=${host}`]]) {
    const ls = await swarmctl([...global, "node", "ls", "--format", "{{.ID}}"]);
    assertOk(t, ls);
    t.regex(ls.stdout, new RegExp(`^${managerNodeId}$`, "m"), global.join(" "));
  }
  // The environment still works, and a host given after the command wins over one given before.
  assertOk(t, await swarmctl(["node", "ls"], { env: { SWARM_HOST: host } }));
  assertOk(t, await swarmctl(["-H", `${block!.addr(9)}:1`, "node", "ls", "--host", host]));
  assertOneLineError(t, await swarmctl(["-H"]), 2, /-H: needs a value/);
});

test.serial(
  "service create reads every word after the image as the container's command, and --host as extra hosts",
  async (t) => {
    t.timeout(60_000);
    const created = await swarmctl([
      "-H",
      cluster!.host,
      "service",
      "create",
      "-d",
      "--name",
      "shell",
      "-e",
      "A=1",
      // After the command, --host is Docker's extra-hosts flag; the manager was named before it.
      "--host",
      "db:10.0.0.5",
      "-t",
      "process://sh",
      "sh",
      "-e",
      "-c",
      "exec sleep 600",
    ]);
    assertOk(t, created);
    const container = JSON.parse(
      (
        await swarmctl([
          "-H",
          cluster!.host,
          "service",
          "inspect",
          "--format",
          "{{json .Spec.Task.Container}}",
          "shell",
        ])
      ).stdout,
    ) as { image: string; args: string[]; env: string[]; hosts: string[]; tty: boolean };
    t.is(container.image, "process://sh");
    t.deepEqual(container.args, ["sh", "-e", "-c", "exec sleep 600"]);
    t.deepEqual(container.env, ["A=1"]);
    t.deepEqual(container.hosts, ["10.0.0.5 db"]);
    t.true(container.tty);
  },
);

// Goal: node ps, service ps filters and Docker's --format names on the running "shell" service.
test.serial("node ps lists a node's tasks (self by default), service ps filters by name and node", async (t) => {
  t.timeout(60_000);
  const run = (...args: string[]) => swarmctl(["-H", cluster!.host, ...args]);
  const ids = async (...args: string[]): Promise<string[]> => {
    const result = await run(...args);
    assertOk(t, result);
    return result.stdout
      .split("\n")
      .filter((l) => l !== "")
      .sort();
  };
  const all = await ids("service", "ps", "-q", "shell");
  t.is(all.length, 1);
  const onManager = await ids("node", "ps", "-q");
  const onWorker = await ids("node", "ps", "-q", workerNodeId);
  t.deepEqual(
    [...onManager, ...onWorker].filter((id) => all.includes(id)),
    all,
    "the task is on one of the nodes",
  );
  t.deepEqual(await ids("node", "ps", "-q", managerNodeId, workerNodeId), [...onManager, ...onWorker].sort());
  t.deepEqual(await ids("service", "ps", "-q", "--filter", "name=shell.1", "shell"), all);
  t.deepEqual(await ids("service", "ps", "-q", "--filter", "name=shell.2", "shell"), []);
  t.deepEqual(await ids("service", "ps", "-q", "--filter", `id=${all[0]!.slice(0, 6)}`, "shell"), all);
  const node = onManager.length > 0 ? "manager-host" : "worker-host";
  t.deepEqual(await ids("service", "ps", "-q", "--filter", `node=${node}`, "shell"), all);
  t.is((await run("service", "inspect", "--format", "{{.Spec.Name}}", "shell")).stdout, "shell\n");
  assertOneLineError(t, await run("service", "ps", "--filter", "colour=red", "shell"), 2, /--filter/);
});

test.serial("node inspect self is the node of the manager that answers", async (t) => {
  t.timeout(60_000);
  const self = await swarmctl(["-H", cluster!.host, "node", "inspect", "--format", "{{.ID}}", "self"]);
  assertOk(t, self);
  t.is(self.stdout, `${managerNodeId}\n`);
});

test.serial("a table format aligns its columns as Docker's tabwriter does", async (t) => {
  t.timeout(60_000);
  const out = await swarmctl([
    "-H",
    cluster!.host,
    "node",
    "ls",
    "--format",
    "table {{.ID}}\\t{{.Hostname}}\\t{{.Status}}",
  ]);
  assertOk(t, out);
  const lines = out.stdout.trimEnd().split("\n");
  t.regex(lines[0]!, /^ID {3,}HOSTNAME {3,}STATUS$/);
  // Every line's second and third columns start where the header's do.
  const hostAt = lines[0]!.indexOf("HOSTNAME");
  const statusAt = lines[0]!.indexOf("STATUS");
  for (const line of lines.slice(1)) {
    t.not(line[hostAt - 1], undefined);
    t.is(line.slice(hostAt - 3, hostAt), "   ", line);
    t.regex(line.slice(hostAt), /^\S+-host +Ready$/, line);
    t.is(line.slice(statusAt), "Ready", line);
  }
  t.false(out.stdout.includes("\t"));
});

test.serial("a manager that cannot be reached is one line naming its address and why", async (t) => {
  t.timeout(60_000);
  const away = `${block!.addr(9)}:4242`;
  const refused = await swarmctl(["-H", away, "service", "ls"]);
  assertOneLineError(
    t,
    refused,
    1,
    new RegExp(`^Error: cannot reach manager at ${away.replace(/\./g, "\\.")}: connection refused`),
  );
  t.notRegex(refused.stderr, /UNAVAILABLE|No connection established|Resolution note/);
});
