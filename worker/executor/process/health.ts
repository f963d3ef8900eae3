// Docker-style healthchecks for a task's process: the test command runs as a child of the agent
// with the task's environment, directory and user at each interval; the first success makes the
// task healthy, `retries` consecutive failures outside the start period make it unhealthy. A
// restarted agent starts a new monitor from "starting", measuring the start period from the
// process's recorded start, so no health state needs to survive on disk.
import { spawn } from "node:child_process";
import { inTaskNamespaces } from "./shim.js";
import { InvalidArgumentError, realClock, timerDelayMs } from "../../../common/index.js";
import type { swarm } from "../../../proto/index.js";
import type { LaunchPlan } from "./program.js";
import { signalGroup } from "./proc.js";

/** Docker's default time between checks, in ms. */
export const healthIntervalMsDefault = 30_000;
/** Docker's default time one check may take, in ms. */
export const healthTimeoutMsDefault = 30_000;
/** Docker's default number of consecutive failures that make a task unhealthy. */
export const healthRetriesDefault = 3;
/** Output of a check kept for the unhealthy message, in bytes. */
export const healthOutputBytesMax = 4096;

/** A healthcheck ready to run. */
export interface HealthPlan {
  /** The check's command line. */
  readonly argv: readonly string[];
  /** Time between checks, in ms. */
  readonly intervalMs: number;
  /** Time one check may take, in ms. */
  readonly timeoutMs: number;
  /** Consecutive failures that make the task unhealthy. */
  readonly retries: number;
  /** Time after start during which failures do not count, in ms. */
  readonly startPeriodMs: number;
  /** Time between checks during the start period, in ms (the interval when unset). */
  readonly startIntervalMs: number;
}

// A duration from the spec arms timers: held within what a Node.js timer keeps (see timerDelayMs).
const nsToMs = (ns: number | null | undefined, fallback: number): number =>
  ns !== undefined && ns !== null && ns > 0 ? timerDelayMs(Math.max(1, Math.round(ns / 1e6))) : fallback;

/** Builds the plan of a HealthConfig; undefined without a check (absent, empty test or ["NONE"]). */
export function planHealth(config: swarm.v1.IHealthConfig | null | undefined): HealthPlan | undefined {
  const test = config?.test ?? [];
  const [kind, ...rest] = test;
  if (kind === undefined || kind === "NONE") return undefined;
  let argv: string[];
  if (kind === "CMD" && rest.length > 0) argv = rest;
  else if (kind === "CMD-SHELL" && rest.length > 0) argv = ["/bin/sh", "-c", rest.join(" ")];
  else
    throw new InvalidArgumentError(
      "task.spec.container.healthcheck.test",
      `expected ["NONE"], ["CMD", ...] or ["CMD-SHELL", command], got ${JSON.stringify(test)}`,
    );
  const intervalMs = nsToMs(config?.intervalNs, healthIntervalMsDefault);
  return {
    argv,
    intervalMs,
    timeoutMs: nsToMs(config?.timeoutNs, healthTimeoutMsDefault),
    retries:
      config?.retries !== undefined && config.retries !== null && config.retries > 0
        ? config.retries
        : healthRetriesDefault,
    startPeriodMs: nsToMs(config?.startPeriodNs, 0),
    startIntervalMs: nsToMs(config?.startIntervalNs, intervalMs),
  };
}

/**
 * Runs one check of the task whose shim is `shimPid`; resolves with its failure message, or
 * undefined on success.
 */
export function runCheck(plan: HealthPlan, launch: LaunchPlan, shimPid: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    // A task in its own network or mount namespace is checked from inside them, as Docker runs a
    // check in the container: its ports, addresses and mounts are there, not on the node.
    const [[file = "", ...args], switchesItself] = inTaskNamespaces(launch, plan.argv, shimPid);
    const switchUser = !switchesItself;
    const child = spawn(file, args, {
      env: { ...launch.env },
      cwd: launch.dir,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      ...(switchUser && launch.uid !== undefined ? { uid: launch.uid } : {}),
      ...(switchUser && launch.gid !== undefined ? { gid: launch.gid } : {}),
    });
    let output = "";
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString("utf8")).slice(-healthOutputBytesMax);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    let timedOut = false;
    const cancelTimer = realClock.after(
      plan.timeoutMs,
      () => {
        timedOut = true;
        if (child.pid !== undefined) signalGroup(child.pid, "SIGKILL");
      },
      { keepAlive: false },
    );
    child.on("error", (error) => {
      cancelTimer();
      resolve(`cannot run check: ${error.message}`);
    });
    child.on("close", (code, signal) => {
      cancelTimer();
      if (timedOut) resolve(`check timed out after ${plan.timeoutMs} ms`);
      else if (code === 0) resolve(undefined);
      else resolve(`check exited with ${code ?? signal ?? "?"}: ${output.trim()}`);
    });
  });
}

/** The health of one running task, checked in the background until it stops or turns unhealthy. */
export class HealthMonitor {
  /** Current health. */
  state: "starting" | "healthy" | "unhealthy" = "starting";
  /** Message of the last failed check. */
  detail = "";
  private readonly abort = new AbortController();

  constructor(
    private readonly plan: HealthPlan,
    private readonly launch: LaunchPlan,
    private readonly startedMs: number,
    private readonly shimPid: number,
    private readonly isRunning: () => boolean,
  ) {
    void this.loop();
  }

  /** Stops checking. */
  stop(): void {
    this.abort.abort();
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.abort.signal.aborted) {
      const inStartPeriod = realClock.now() < this.startedMs + this.plan.startPeriodMs;
      try {
        await realClock.sleep(inStartPeriod ? this.plan.startIntervalMs : this.plan.intervalMs, this.abort.signal);
      } catch {
        return;
      }
      if (!this.isRunning()) return;
      const failure = await runCheck(this.plan, this.launch, this.shimPid);
      if (this.abort.signal.aborted) return;
      if (failure === undefined) {
        failures = 0;
        this.state = "healthy";
        continue;
      }
      this.detail = failure;
      if (realClock.now() < this.startedMs + this.plan.startPeriodMs) continue;
      failures += 1;
      if (failures >= this.plan.retries) {
        this.state = "unhealthy";
        return;
      }
    }
  }
}
