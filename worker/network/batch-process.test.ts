// BatchProcess against the real iproute2 programs, with lines that change nothing (showing the
// loopback link, naming links that do not exist), so it needs no root and touches no state.
import test from "ava";
import { spawn } from "node:child_process";
import { BatchProcess } from "./batch-process.js";
import type { BatchSpawn } from "./batch-process.js";

/** Spawns the real program and counts the processes started. */
function counting(): { spawn: BatchSpawn; started: () => number } {
  let started = 0;
  return {
    spawn: (program, args) => {
      started += 1;
      return spawn(program, [...args], { stdio: ["pipe", "pipe", "pipe"] });
    },
    started: () => started,
  };
}

test("BatchProcess runs batch after batch on one ip process", async (t) => {
  const spawner = counting();
  const ip = new BatchProcess("ip", spawner.spawn);
  try {
    await ip.run(["link show dev lo"]);
    await ip.run(["link show dev lo", "addr show dev lo"]);
    await ip.run([]);
    await Promise.all([ip.run(["link show dev lo"]), ip.run(["addr show dev lo"])]);
    t.is(spawner.started(), 1);
  } finally {
    ip.close();
  }
});

test("BatchProcess rejects a batch with a failed line, naming it, and starts afresh for the next", async (t) => {
  const spawner = counting();
  const ip = new BatchProcess("ip", spawner.spawn);
  try {
    await ip.run(["link show dev lo"]);
    const error = await t.throwsAsync(
      ip.run(["link show dev lo", "link set dev swarm-no-such0 up", "link show dev lo"]),
    );
    t.regex(error?.message ?? "", /line 2 of the batch failed/);
    t.regex(error?.message ?? "", /swarm-no-such0/);
    // The failure stays with its batch: the next one succeeds, on a new process.
    await ip.run(["link show dev lo"]);
    t.is(spawner.started(), 2);
  } finally {
    ip.close();
  }
});

test("BatchProcess reports every failed line of a bridge batch", async (t) => {
  const bridge = new BatchProcess("bridge");
  try {
    await bridge.run(["link show dev lo"]);
    const error = await t.throwsAsync(
      bridge.run([
        "fdb del 02:42:0a:00:01:04 dev swarm-no-such1 self",
        "link show dev lo",
        "fdb del 02:42:0a:00:01:05 dev swarm-no-such2 self",
      ]),
    );
    t.regex(error?.message ?? "", /lines 1, 3 of the batch failed/);
  } finally {
    bridge.close();
  }
});

test("BatchProcess refuses batches once closed", async (t) => {
  const ip = new BatchProcess("ip");
  await ip.run(["link show dev lo"]);
  ip.close();
  await t.throwsAsync(ip.run(["link show dev lo"]), { message: /closed/ });
});
