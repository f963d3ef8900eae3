// Goal: the built swarmd, started with --metrics-addr, serves Prometheus metrics of its running
// node at GET /metrics (needs `npm run build`).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import test from "ava";
import { claimLoopbackBlock, waitFor } from "../../common/index.js";
import { parseExposition } from "../../common/metrics/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const swarmdScript = here.includes(`${sep}dist${sep}`)
  ? join(here, "..", "swarmd.js")
  : join(here, "..", "..", "dist", "cli", "swarmd.js");

/** A port free on `host` now. */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once("error", reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves with the first stderr JSON line whose `msg` is `event`. */
function logEvent(child: ChildProcess, event: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let buffered = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      for (const line of buffered.split("\n")) {
        if (!line.includes(`"${event}"`)) continue;
        const fields = JSON.parse(line) as Record<string, unknown>;
        if (fields.msg === event) resolve(fields);
      }
    });
    child.once("exit", (code) => reject(new Error(`swarmd exited (${code}) before logging ${event}:\n${buffered}`)));
  });
}

test("swarmd --metrics-addr serves the node's metrics", async (t) => {
  t.timeout(60_000);
  const block = await claimLoopbackBlock("swarmd-metrics test");
  t.teardown(() => block.release());
  const host = block.addr(1);
  const stateDir = mkdtempSync(join(tmpdir(), "swarmd-metrics-"));
  const child = spawn(
    process.execPath,
    [
      swarmdScript,
      "init",
      "--state-dir",
      stateDir,
      "--listen-addr",
      `${host}:${await freePort(host)}`,
      "--publish-addr",
      host,
      "--executor",
      "process",
      "--metrics-addr",
      `${host}:0`,
      // No network agent: a node in the host's own namespace would leave its chains in the host's tables.
      "--network-agent",
      "off",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  const exited = new Promise((resolve) => child.once("exit", resolve));
  t.teardown(async () => {
    child.kill("SIGTERM");
    await exited;
    rmSync(stateDir, { recursive: true, force: true });
  });
  const serving = await logEvent(child, "swarmd.metrics-serving");
  t.regex(String(serving.addr), new RegExp(`^${host.replaceAll(".", "\\.")}:\\d+$`));
  await logEvent(child, "node.started");
  // The manager's own agent opens its session just after start: poll until the dispatcher holds it.
  const samples = await waitFor(
    "the agent's session in the scrape",
    async () => {
      const scraped = parseExposition(await (await fetch(`http://${String(serving.addr)}/metrics`)).text());
      return scraped.some((s) => s.name === "swarm_dispatcher_sessions" && s.value === 1) ? scraped : undefined;
    },
    { timeoutMs: 20_000, pollMs: 100 },
  );
  const get = (name: string, labels: Record<string, string> = {}): number | undefined =>
    samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
  t.is(get("swarm_raft_leader"), 1);
  t.is(get("swarm_dispatcher_sessions"), 1);
  t.true((get("swarm_store_objects", { kind: "node" }) ?? 0) >= 1);
  t.true((get("swarm_raft_proposals_total") ?? 0) >= 1);
  t.true((get("process_resident_memory_bytes") ?? 0) > 0);
});
