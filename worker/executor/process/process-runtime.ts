// The TaskRuntime of one task on the process executor: the controller's steps mapped onto the
// task's TaskProcess. Waits poll, because an adopted process is not the agent's child.
import { NotFoundError, realClock } from "../../../common/index.js";
import type { swarm } from "../../../proto/index.js";
import { ExitedEarlyError, TaskRejectedError, UnhealthyError } from "../errors.js";
import { labelKeys } from "../executor.js";
import type {
  ExitResult,
  HealthState,
  LogLine,
  LogOptions,
  RuntimeStatus,
  TaskContext,
  TaskRuntime,
} from "../executor.js";
import { taskName } from "../templates.js";
import type { CgroupLimits } from "./cgroups.js";
import { planHealth } from "./health.js";
import type { HealthPlan } from "./health.js";
import { readLogs } from "./logs.js";
import type { ProgramAllowList } from "./program-allow.js";
import { checkProgramAllowed, defaultSearchPath, findProgram, planLaunch } from "./program.js";
import { statusPollMs } from "./task-process.js";
import { allocatePorts, ingressTargets, portAddrDefault, portEnv, portStatus } from "../task-ports.js";
import type { ProcessStatus, TaskProcess } from "./task-process.js";
import { overlayAttachments } from "../../network/index.js";
import type { OverlayAttachment, TaskNetworking } from "../../network/index.js";
import type { LaunchPlan } from "./program.js";
import type { PortBinding } from "../task-ports.js";
import { releaseNetwork } from "./task-network.js";

/** What the runtime needs from its executor. */
export interface RuntimeHost {
  /** Cgroup mount point. */
  readonly cgroupRoot: string;
  /** The programs tasks may run; absent, any. */
  readonly allow?: ProgramAllowList;
  /** The node's network agent, for tasks on overlay networks. */
  readonly network?: TaskNetworking;
  /** Asks the executor to keep stamping this task's output while it runs. */
  track(task: TaskProcess): void;
  /** Forgets the task after remove(). */
  forget(task: TaskProcess): void;
}

/**
 * The end of the current poll period, shared by every runtime that waits: one timer a period however
 * many tasks run, since each timer's wake-up costs the node CPU even when nothing changed.
 */
let pollEnd: Promise<void> | undefined;

/** Sleeps until the shared poll; checks the signal instead of listening on it, since many waits share one signal. */
async function pause(signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  pollEnd ??= realClock.sleep(statusPollMs).then(() => {
    pollEnd = undefined;
  });
  await pollEnd;
  signal.throwIfAborted();
}

/** Labels put in meta.json, the same Docker gets on a container. */
export function taskLabels(context: TaskContext): Record<string, string> {
  const t = context.task;
  return {
    [labelKeys.managed]: "true",
    [labelKeys.taskId]: t.id ?? "",
    [labelKeys.taskName]: taskName(context),
    [labelKeys.serviceId]: t.serviceId ?? "",
    [labelKeys.serviceName]: t.serviceAnnotations?.name ?? "",
    [labelKeys.slot]: String(Number(t.slot ?? 0)),
    [labelKeys.nodeId]: context.node.id,
  };
}

/** Limits from the spec; zero means unlimited. */
export function taskLimits(spec: swarm.v1.ITaskSpec | null | undefined): CgroupLimits {
  const memory = Number(spec?.resources?.limits?.memoryBytes ?? 0);
  const cpus = Number(spec?.resources?.limits?.nanoCpus ?? 0);
  const pids = Number(spec?.container?.pidsLimit ?? 0);
  return {
    ...(memory > 0 ? { memoryBytes: memory } : {}),
    ...(cpus > 0 ? { nanoCpus: cpus } : {}),
    ...(pids > 0 ? { pidsMax: pids } : {}),
  };
}

/** A task's runtime on the process executor. */
export class ProcessRuntime implements TaskRuntime {
  private readonly health: HealthPlan | undefined;

  constructor(
    private readonly task: TaskProcess,
    private readonly context: TaskContext,
    private readonly host: RuntimeHost,
  ) {
    this.health = planHealth(context.task.spec?.container?.healthcheck);
  }

  /**
   * Resolves the program, user and directory, picks the node ports of its ingress target ports
   * (given to the program as SWARM_PORT_<target>, PORT and the like, over any the spec sets: the
   * program can be reached only there) and records the plan; see program.ts and ../task-ports.ts.
   */
  prepare(signal: AbortSignal): Promise<void> {
    return this.task.serialize(async () => {
      signal.throwIfAborted();
      if (this.task.status().phase !== "absent") return;
      const allow = this.host.allow === undefined ? {} : { allow: this.host.allow };
      const plan = planLaunch(this.context, process.env.PATH, allow);
      // A healthcheck's program runs on the node as well: the allow list covers it too.
      const check = this.health?.argv[0];
      if (check !== undefined && allow.allow !== undefined)
        checkProgramAllowed(check, findProgram(check, plan.env.PATH ?? defaultSearchPath) ?? check, {
          ...allow,
          agentPath: process.env.PATH,
        });
      const attachments = overlayAttachments(this.context.task);
      if (attachments.length > 0) {
        const refusal =
          this.host.network === undefined
            ? "the task is on an overlay network, and this node runs no network agent"
            : this.host.network.refusal(attachments, "process");
        if (refusal !== undefined) throw new TaskRejectedError(refusal, { code: "OVERLAY_UNAVAILABLE" });
      }
      const targets = ingressTargets(this.context);
      const host = this.context.publishAddr ?? portAddrDefault;
      const ports = targets.length > 0 ? await allocatePorts(targets, host) : [];
      const launch =
        attachments.length > 0 && this.host.network !== undefined
          ? await this.enterNetns(plan, ports, attachments, this.host.network, signal)
          : ports.length > 0
            ? { ...plan, env: { ...plan.env, ...portEnv(ports, host) }, ports }
            : plan;
      if (this.task.status().phase === "absent") this.task.prepare(launch, taskLabels(this.context));
    });
  }

  /**
   * Gives the task its own network namespace on its overlay networks. Like a container, it
   * listens on its target ports there (PORT and SWARM_PORT_<target> say so, HOST is 0.0.0.0); the
   * node ports picked for the routing mesh are DNATed to them, so the mesh's contract is unchanged.
   */
  private async enterNetns(
    plan: LaunchPlan,
    ports: readonly PortBinding[],
    attachments: readonly OverlayAttachment[],
    network: TaskNetworking,
    signal: AbortSignal,
  ): Promise<LaunchPlan> {
    const names = [taskName(this.context), this.context.task.spec?.container?.hostname ?? ""].filter((n) => n !== "");
    const publish = ports.map((p) => ({ protocol: p.protocol, nodePort: p.nodePort, targetPort: p.targetPort }));
    const entered = await network.enterNetns(this.task.taskId, attachments, { names, publish }, signal);
    const inside = ports.map((p) => ({ ...p, nodePort: p.targetPort }));
    return {
      ...plan,
      env: { ...plan.env, ...portEnv(inside, "0.0.0.0") },
      ...(ports.length > 0 ? { ports } : {}),
      netns: entered.netns,
      overlay: { attachments, names, publish },
    };
  }

  /** Starts the shim unless it was started before. */
  start(): Promise<void> {
    return this.task.serialize(async () => {
      await this.task.start(taskLimits(this.context.task.spec), this.host.cgroupRoot);
      this.host.track(this.task);
    });
  }

  private observe(): ProcessStatus {
    const status = this.task.status();
    if (status.phase !== "absent" && status.phase !== "created") this.host.track(this.task);
    this.task.ensureMonitor(this.health, status);
    return status;
  }

  /**
   * Without a healthcheck, resolves once the process has started (a quick exit is then reported by
   * wait()); with one, once a check passed. Throws ExitedEarlyError when it exits before that.
   */
  async healthy(signal: AbortSignal): Promise<void> {
    for (;;) {
      const status = this.observe();
      if (status.phase === "absent") throw new NotFoundError("prepared task", this.task.taskId);
      if (this.health === undefined) {
        if (status.phase === "running" || status.phase === "exited") return;
      } else {
        if (status.phase === "exited") throw new ExitedEarlyError(status.exitCode);
        if (this.task.monitor?.state === "healthy") return;
        if (this.task.monitor?.state === "unhealthy") throw new UnhealthyError(this.task.monitor.detail);
      }
      await pause(signal);
    }
  }

  /**
   * Resolves with the exit code once the process exits; throws UnhealthyError first if it turns
   * unhealthy, NotFoundError when the task was never prepared (or was removed).
   */
  async wait(signal: AbortSignal): Promise<ExitResult> {
    for (;;) {
      const status = this.observe();
      if (status.phase === "absent") throw new NotFoundError("prepared task", this.task.taskId);
      if (status.phase === "exited")
        return { exitCode: status.exitCode, ...(status.error === undefined ? {} : { error: status.error }) };
      if (this.task.monitor?.state === "unhealthy") throw new UnhealthyError(this.task.monitor.detail);
      await pause(signal);
    }
  }

  /** Sends the spec's stop signal to the process group, SIGKILL after `graceMs`. */
  shutdown(graceMs: number): Promise<void> {
    return this.task.serialize(async () => {
      const meta = this.task.dir.readMeta();
      if (meta !== undefined) await this.task.shutdown(meta.plan.stopSignal, graceMs);
    });
  }

  /** SIGKILLs the process group at once. */
  terminate(): Promise<void> {
    return this.task.serialize(() => this.task.kill());
  }

  /** Kills it and deletes its directory, cgroups and network namespace. */
  remove(): Promise<void> {
    return this.task.serialize(async () => {
      const netns = this.task.dir.readMeta()?.plan.netns;
      await this.task.remove();
      if (netns !== undefined || overlayAttachments(this.context.task).length > 0)
        await releaseNetwork(this.host.network, this.task.taskId, netns);
      this.host.forget(this.task);
    });
  }

  /** What /proc and the task's files show now. */
  inspect(): Promise<RuntimeStatus> {
    const status = this.observe();
    const health: HealthState = this.health === undefined ? "none" : (this.task.monitor?.state ?? "starting");
    const containerId = this.task.taskId;
    switch (status.phase) {
      case "absent":
        return Promise.resolve({ exists: false, running: false, health: "none" });
      case "created":
        return Promise.resolve({ exists: true, running: false, health, containerId });
      case "running": {
        const ports = portStatus(status.meta.plan.ports ?? []);
        return Promise.resolve({
          exists: true,
          running: true,
          health,
          containerId,
          pid: status.pid,
          ...(ports.length > 0 ? { ports } : {}),
        });
      }
      case "exited":
        return Promise.resolve({
          exists: true,
          running: false,
          health,
          containerId,
          exitCode: status.exitCode,
          ...(status.error === undefined ? {} : { error: status.error }),
        });
    }
  }

  /** The task's output lines with their timestamps; see log-index.ts for how lines get their time. */
  logs(options: LogOptions, signal: AbortSignal): AsyncIterable<LogLine> {
    return readLogs(
      {
        dir: this.task.dir,
        catchUp: (flush) => this.task.catchUp(flush),
        exited: () => {
          const phase = this.observe().phase;
          return phase === "exited" || phase === "absent";
        },
      },
      options,
      signal,
    );
  }
}
