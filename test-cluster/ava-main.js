// The test command's entry point: runs ava, and makes sure the run ends once ava has reported.
//
// ava's main process ends by letting its event loop drain. A process that a test started and never
// stopped (a daemon whose test timed out before its teardown ran) still holds the pipe that ava
// reads its worker's output from, so the loop never drains and the run hangs until CI's own time
// limit, with no word of what held it. Every process the tests start carries this run's mark in its
// environment (children inherit it); once ava has reported, the marked processes still alive are
// named on stderr and killed, and the run exits with ava's code. A process meant to outlive the run
// (the shared dockerd) is started without the mark.
import { readdirSync, readFileSync } from "node:fs";
import process from "node:process";
import { setTimeout } from "node:timers";
import { URL } from "node:url";

/** The environment variable that marks this run's processes; worker/executor/docker/test-engine.ts clears it. */
const markName = "SWARM_TS_TEST_RUN";
/** How long ava gets to exit by itself after reporting before the run is ended for it, in ms. */
const exitGraceMs = 5_000;

const mark = `${markName}=${process.pid}`;
process.env[markName] = String(process.pid);

/** The processes other than this one whose environment holds this run's mark, with their command lines. */
function markedProcesses() {
  const found = [];
  for (const name of readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${pid}/environ`, "latin1").split("\0").includes(mark)) continue;
      const command = readFileSync(`/proc/${pid}/cmdline`, "latin1").split("\0").join(" ").trim();
      found.push({ pid, command });
    } catch {
      // Gone already, or not ours to read.
    }
  }
  return found;
}

function stopLeftovers() {
  const leftovers = markedProcesses();
  if (leftovers.length === 0) return;
  process.stderr.write(
    `\n  test run: ${leftovers.length} process(es) started by the tests outlived them; killing:\n` +
      leftovers.map(({ pid, command }) => `    ${pid} ${command.slice(0, 300)}\n`).join(""),
  );
  for (const { pid } of leftovers) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Exited meanwhile.
    }
  }
}

const { default: runAva } = await import(new URL("../node_modules/ava/lib/cli.js", import.meta.url).href);
await runAva();
// ava has printed its summary and set process.exitCode; every worker has exited.
stopLeftovers();
setTimeout(() => process.exit(), exitGraceMs).unref();
