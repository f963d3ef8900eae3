// Goal: swarmctl's lean path (cli/lean/) prints what the full oclif path prints for the same cluster,
// byte for byte, with the same errors and exit codes: for every spelling it takes, in-process (so the
// test knows the lean path answered and did not hand back) and through the built swarmctl (both
// bundles, the loader, and SWARMCTL_NO_LEAN for the full path); and what it cannot answer, a manager
// that cannot be reached, ends in the full path's one line.
import test from "ava";
import { claimLoopbackBlock, type LoopbackBlock } from "../../common/index.js";
import { swarmctlMain as leanMain } from "../../cli/lean/lean-main.js";
import { assertOk, assertOneLineError } from "./cli-assert.js";
import { type CliCluster, startCliCluster, swarmctl } from "./fixture.js";

let block: LoopbackBlock | undefined;
let cluster: CliCluster | undefined;

test.before(async () => {
  block = await claimLoopbackBlock("lean-path.test");
  cluster = await startCliCluster(block.addr(1));
  for (const [name, extra] of [
    ["web", ["--replicas", "2", "--publish", "8080:80", "--label", "tier=front"]],
    ["cache", ["--mode", "global"]],
  ] as const) {
    const created = await swarmctl(["service", "create", "-d", "--name", name, ...extra, "nginx:1"], {
      host: cluster.host,
    });
    if (created.code !== 0) throw new Error(`service create ${name}: ${created.stderr}`);
  }
});

test.after.always(async () => {
  await cluster?.stop();
  block?.release();
});

/** Runs the lean main in this process; its exit code (null: handed back) and what it wrote. */
async function runLean(argv: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const written = { stdout: "", stderr: "" };
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = (chunk: string) => ((written.stdout += chunk), true);
  process.stderr.write = (chunk: string) => ((written.stderr += chunk), true);
  try {
    return { code: await leanMain(argv), ...written };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

const answered: readonly (readonly string[])[] = [
  ["service", "ls"],
  ["service", "ls", "-q"],
  ["service", "ls", "--no-trunc"],
  ["service", "ls", "--format", "{{.Name}} {{.Mode}} {{.Replicas}} {{.Ports}}"],
  ["service", "ls", "--format=json"],
  ["service", "ls", "--filter", "label=tier=front", "-f", "name=web"],
  ["service", "ls", "--filter=mode=global", "--quiet"],
  ["service", "ls", "--filter", "name=nothing"],
  ["node", "ls"],
  ["node", "ls", "--filter", "role=manager", "--format", "{{.Hostname}} {{.ManagerStatus}}"],
  ["node", "ls", "-q", "--no-trunc"],
  ["node", "ls", "--format", "table {{.ID}}\t{{.Status}}"],
  // Errors the lean path reports itself, with the full path's line and code.
  ["service", "ls", "--filter", "colour=red"],
  ["node", "ls", "--format", "{{.Nope"],
  ["node", "ls", "--tlscacert", "ca.pem"],
];

test.serial("the lean path answers the list commands as the full path does", async (t) => {
  t.timeout(120_000);
  const host = cluster!.host;
  for (const argv of answered) {
    const what = argv.join(" ");
    const full = await swarmctl(argv, { host, env: { SWARMCTL_NO_LEAN: "1" } });
    const lean = await runLean(["-H", host, ...argv]);
    t.not(lean.code, null, `${what}: the lean path answered`);
    t.deepEqual({ ...lean, code: lean.code ?? -1 }, full, what);
    t.deepEqual(await swarmctl(argv, { host }), full, `${what}: the built swarmctl`);
  }
  t.regex(
    (await runLean(["-H", host, "service", "ls"])).stdout,
    /web\s+replicated\s+\d\/2\s+nginx:1\s+\*:8080->80\/tcp/,
  );
  t.regex((await runLean(["-H", host, "node", "ls"])).stdout, /Leader/);
});

test.serial(
  "the lean path hands back a manager it cannot reach, and swarmctl prints the full path's line",
  async (t) => {
    t.timeout(60_000);
    const nowhere = `${block!.addr(9)}:1`;
    t.is((await runLean(["-H", nowhere, "service", "ls"])).code, null);
    t.is((await runLean(["-H", "unix:///nonexistent/control.sock", "node", "ls"])).code, null);
    const full = await swarmctl(["service", "ls"], { host: nowhere, env: { SWARMCTL_NO_LEAN: "1" } });
    assertOneLineError(t, full, 1, /cannot reach manager at .*: connection refused/);
    t.deepEqual(await swarmctl(["service", "ls"], { host: nowhere }), full);
    // A command line it does not take goes to oclif whole.
    t.is((await runLean(["-H", cluster!.host, "service", "ls", "--help"])).code, null);
    assertOk(t, await swarmctl(["service", "list"], { host: cluster!.host }));
  },
);
