// Goal: the attack an outside review made on a real manager, at a smaller scale: many concurrent
// 20 MB calls without a client certificate, to the anonymous CA service and to Control, against a
// real swarmd. Each is refused before its body is read (RESOURCE_EXHAUSTED at the CA's length
// limit, PERMISSION_DENIED without a certificate), the manager's peak memory stays within a few
// tens of MB of where it was (it grew by hundreds of MB before), and it keeps serving.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { claimLoopbackBlock, controlSocketPath, unixTarget } from "../../common/index.js";
import { CAClient, ControlClient, type swarm } from "../../proto/index.js";
import { swarmdScript } from "../cluster/local-cluster.js";
import { poll } from "./e2e-support.js";

/** Concurrent calls per service. */
const callsPerService = 12;
/** Size of each call's request. */
const requestBytes = 20 * 1024 * 1024;
/** Most the manager's peak resident memory may grow under the attack (it grew by ~700 MB before). */
const peakGrowthBytesMax = 96 * 1024 * 1024;

/** A figure of /proc/PID/status in bytes (VmRSS: now; VmHWM: the peak so far). */
function memoryOf(pid: number, field: "VmRSS" | "VmHWM"): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match?.[1] ?? 0) * 1024;
}

/** TLS without a client certificate and without checking the server: what an attacker has. */
const anonymous = grpc.credentials.createSsl(null, null, null, {
  checkServerIdentity: () => undefined,
  rejectUnauthorized: false,
});

test("a manager refuses large calls without a certificate before reading them, and its memory stays flat", async (t) => {
  t.timeout(240_000);
  const block = await claimLoopbackBlock("manager-port-limits-e2e");
  t.teardown(() => block.release());
  const stateDir = mkdtempSync(join(tmpdir(), "swarm-port-limits-"));
  t.teardown(() => rmSync(stateDir, { recursive: true, force: true }));
  const addr = `${block.addr(2)}:4242`;
  const child = spawn(
    process.execPath,
    [
      swarmdScript,
      "init",
      "--state-dir",
      stateDir,
      "--listen-addr",
      addr,
      "--publish-addr",
      block.addr(2),
      "--executor",
      "process",
      // No network agent: a node in the host's own namespace would leave its chains in the host's tables.
      "--network-agent",
      "off",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.resume();
  t.teardown(() => void child.kill("SIGKILL"));
  await poll("swarmd init to report", () => (stdout.includes("Swarm initialized") ? true : undefined), 60_000);
  const pid = child.pid!;

  // Each call on its own connection, as many attackers (or one with many sockets) would.
  const clients: grpc.Client[] = [];
  t.teardown(() => clients.forEach((c) => c.close()));
  const options = (i: number): grpc.ChannelOptions => ({
    "grpc.max_send_message_length": -1,
    "grpc.use_local_subchannel_pool": 1,
    "grpc.primary_user_agent": `attacker-${i}`,
  });
  const probe = new CAClient(addr, anonymous, options(-1));
  clients.push(probe);
  await poll(
    "the CA to answer",
    () =>
      new Promise<true | undefined>((resolve) =>
        probe.getRootCACertificate({}, new grpc.Metadata(), { deadline: Date.now() + 2_000 }, (e) =>
          resolve(e ? undefined : true),
        ),
      ),
  );
  const baseline = memoryOf(pid, "VmRSS");
  const peakBefore = memoryOf(pid, "VmHWM");

  const big = Buffer.alloc(requestBytes, 0x41);
  const outcome = (error: grpc.ServiceError | null): string => (error ? (grpc.status[error.code] ?? "?") : "OK");
  const calls: Promise<string>[] = [];
  for (let i = 0; i < callsPerService; i++) {
    const ca = new CAClient(addr, anonymous, options(i));
    const control = new ControlClient(addr, anonymous, options(1000 + i));
    clients.push(ca, control);
    calls.push(
      new Promise((resolve) =>
        ca.issueNodeCertificate(
          { token: "SWMTKN-1-x", csrPem: big },
          new grpc.Metadata(),
          { deadline: Date.now() + 120_000 },
          (e) => resolve(`CA ${outcome(e)}`),
        ),
      ),
      new Promise((resolve) =>
        control.createSecret(
          { spec: { annotations: { name: `s${i}` }, data: big } },
          new grpc.Metadata(),
          { deadline: Date.now() + 120_000 },
          (e) => resolve(`Control ${outcome(e)}`),
        ),
      ),
    );
  }
  const results = await Promise.all(calls);
  const counts: Record<string, number> = {};
  for (const r of results) counts[r] = (counts[r] ?? 0) + 1;
  const growth = memoryOf(pid, "VmHWM") - Math.max(baseline, 0);
  t.log(
    `${callsPerService * 2} calls of ${requestBytes / 2 ** 20} MB: ${JSON.stringify(counts)}; ` +
      `RSS before ${(baseline / 2 ** 20).toFixed(0)} MB, peak before ${(peakBefore / 2 ** 20).toFixed(0)} MB, ` +
      `peak after ${(memoryOf(pid, "VmHWM") / 2 ** 20).toFixed(0)} MB`,
  );
  t.deepEqual(counts, { "CA RESOURCE_EXHAUSTED": callsPerService, "Control PERMISSION_DENIED": callsPerService });
  t.true(growth < peakGrowthBytesMax, `the peak grew by ${(growth / 2 ** 20).toFixed(0)} MB`);

  // It still serves: the operator's socket answers, and the node it runs on is still ready.
  const operator = new ControlClient(unixTarget(controlSocketPath(stateDir)), grpc.credentials.createInsecure());
  clients.push(operator);
  const nodes = await new Promise<swarm.v1.ListNodesResponse>((resolve, reject) =>
    operator.listNodes({}, (e, r) => (e ? reject(e) : resolve(r!))),
  );
  t.is(nodes.nodes.length, 1);
});
