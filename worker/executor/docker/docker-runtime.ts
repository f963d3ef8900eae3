// One task's container on the Docker Engine. The container is found by the task-id label rather
// than remembered, so a runtime made after an agent restart drives the container an earlier
// agent created, and every step can be replayed safely.
import type Docker from "dockerode";
import type { ContainerInspectInfo } from "dockerode";
import { isProcessImage, NotFoundError } from "../../../common/index.js";
import { swarm } from "../../../proto/index.js";
import {
  ExitedEarlyError,
  ImageUnavailableError,
  TaskRejectedError,
  UnhealthyError,
  VolumeCreateError,
  WrongRuntimeError,
} from "../errors.js";
import { overlayAttachments } from "../../network/index.js";
import type { OverlayAttachment, TaskNetworking } from "../../network/index.js";
import type {
  ExitResult,
  HealthState,
  LogLine,
  LogOptions,
  PrepareOptions,
  RuntimeStatus,
  TaskContext,
  TaskRuntime,
} from "../executor.js";
import { labelKeys } from "../executor.js";
import { taskName } from "../templates.js";
import { allocatePorts, ingressTargets } from "../task-ports.js";
import {
  containerConfig,
  defaultPublishAddr,
  hostModePorts,
  ingressModePorts,
  portKey,
  taskVolumes,
} from "./container-config.js";
import type { OverlayPlacement } from "./container-config.js";
import { hostPortsFromLabel, hostPortsLabel, networkMode } from "./host-network.js";
import { engineMessage, engineStatus, ignoreStatus, sleep } from "./engine.js";
import { logLines } from "./log-lines.js";
import { pullImage } from "./image-pull.js";

/** How often {@link DockerRuntime.healthy} looks at the container, in ms. */
export const healthyPollMs = 100;

/** How often {@link DockerRuntime.wait} checks the healthcheck of a running container, in ms. */
export const waitHealthPollMs = 250;

/** How many times {@link DockerRuntime.wait} looks for an OOM kill after a SIGKILL exit of a memory-limited container (the engine records it from an event that may come a second or more after the exit on a busy machine). */
export const oomLooksMax = 20;

/** The pause between those looks, in ms. */
export const oomLookPauseMs = 100;

/** Exit code of a process killed by SIGKILL (128 + 9), which is how the OOM killer ends one. */
const sigkillExitCode = 137;

/** The engine's message when the OOM killer ended the container. */
export const oomKilledMessage = "OOM killed";

/** Drives one task's container; see {@link TaskRuntime} for the contract of each step. */
export class DockerRuntime implements TaskRuntime {
  private containerId: string | undefined;
  /** Whether this runtime created the container and has not started it yet. */
  private createdUnstarted = false;
  private readonly image: string;
  private readonly name: string;

  /** The task's overlay attachments (none on the host or none network). */
  private readonly attachments: readonly OverlayAttachment[];

  constructor(
    private readonly docker: Docker,
    private readonly context: TaskContext,
    private readonly network?: TaskNetworking,
  ) {
    this.image = context.task.spec?.container?.image ?? "";
    this.name = taskName(context);
    this.attachments = networkMode(context) === "default" ? overlayAttachments(context.task) : [];
  }

  async prepare(signal: AbortSignal, options: PrepareOptions = {}): Promise<void> {
    // A process task never reaches the engine, whose answer ("invalid reference format") would not
    // say what went wrong.
    if (isProcessImage(this.image)) throw new WrongRuntimeError(this.image, "container");
    // A fresh lookup, in case the remembered container was removed behind our back.
    this.containerId = undefined;
    this.createdUnstarted = false;
    // Building the request first turns a bad spec into an error before anything is pulled. A task
    // on the host network gets its node ports first: they go into its environment.
    const hostPorts =
      networkMode(this.context) === "host"
        ? await allocatePorts(ingressTargets(this.context), this.context.publishAddr ?? defaultPublishAddr)
        : [];
    const overlay = await this.overlayPlacement(signal);
    const config = containerConfig(this.context, hostPorts, overlay);
    await this.createVolumes(signal);
    // Create first, as `docker run` does: the engine's answer says whether the container exists
    // already (409) or the image is missing (404; 400 for a malformed reference), so a fresh task
    // costs one engine call rather than a container lookup and an image inspect before it.
    for (let attempt = 1; ; attempt += 1) {
      try {
        const container = await this.docker.createContainer({ ...config, abortSignal: signal });
        this.containerId = container.id;
        this.createdUnstarted = true;
        await this.connectOverlays(overlay, container.id);
        return;
      } catch (error) {
        const status = engineStatus(error);
        // 409: the container exists (an earlier prepare, or one before an agent restart); it is ours.
        if (status === 409 && (await this.find()) !== undefined) {
          await this.connectOverlays(overlay, this.containerId!);
          return;
        }
        if ((status === 404 || status === 400) && attempt === 1) {
          await this.ensureImage(signal, options);
          continue;
        }
        // 404 again: the image went away between the pull and the create.
        if (status === 404) throw new ImageUnavailableError(this.image, engineMessage(error));
        throw error;
      }
    }
  }

  async start(): Promise<void> {
    const id = await this.require();
    const container = this.docker.getContainer(id);
    // Only a never-started container is started, as SwarmKit does: starting an exited one again
    // would be a restart, and restarts are the orchestrator's (with a new task), never ours. A
    // container this runtime has just created is known to be unstarted without asking the engine.
    const unstarted = this.createdUnstarted;
    this.createdUnstarted = false;
    if (!unstarted && (await container.inspect()).State.Status !== "created") return;
    await ignoreStatus([304], () => container.start());
    // Its bridge ports get hairpin mode, so it can reach its own service's VIP.
    if (this.attachments.length > 0) await this.network?.containerStarted(this.context.task.id ?? "");
  }

  async healthy(signal: AbortSignal): Promise<void> {
    const id = await this.require();
    for (;;) {
      const info = await this.docker.getContainer(id).inspect({ abortSignal: signal });
      const state = info.State;
      if (state.Running) {
        const health = healthOf(info);
        if (health === "none" || health === "healthy") return;
        if (health === "unhealthy") throw new UnhealthyError(lastHealthOutput(info));
      } else if (state.Status === "exited" || state.Status === "dead") {
        throw new ExitedEarlyError(state.ExitCode);
      }
      await sleep(healthyPollMs, signal);
    }
  }

  async wait(signal: AbortSignal): Promise<ExitResult> {
    const id = await this.require();
    const container = this.docker.getContainer(id);
    // One controller ends both the engine's wait and the health watch, whichever settles first.
    const inner = new AbortController();
    const onAbort = (): void => inner.abort(signal.reason);
    signal.throwIfAborted();
    signal.addEventListener("abort", onAbort, { once: true });
    try {
      const waited = container.wait({ abortSignal: inner.signal }) as Promise<{
        StatusCode?: number;
        Error?: { Message?: string } | null;
      }>;
      const watched = this.watchHealth(id, inner.signal);
      // The loser is ended by the abort in `finally`; this handler keeps its rejection quiet.
      waited.catch(() => undefined);
      const result = await Promise.race([waited, watched]);
      // The health watch only resolves once aborted, i.e. when the caller gave up.
      if (result === undefined) throw signal.reason;
      const exitCode = result.StatusCode ?? 0;
      const waitError = result.Error?.Message ?? "";
      const error = waitError !== "" ? waitError : await this.exitError(id, exitCode, signal);
      return error === "" ? { exitCode } : { exitCode, error };
    } catch (error) {
      throw signal.aborted ? signal.reason : error;
    } finally {
      signal.removeEventListener("abort", onAbort);
      inner.abort();
    }
  }

  async shutdown(graceMs: number): Promise<void> {
    const id = await this.find();
    if (id === undefined) return;
    // The engine sends the container's StopSignal, then SIGKILL after t seconds.
    await ignoreStatus([304, 404], () =>
      this.docker.getContainer(id).stop({ t: Math.max(0, Math.ceil(graceMs / 1000)) }),
    );
  }

  async terminate(): Promise<void> {
    const id = await this.find();
    if (id === undefined) return;
    // 409 is the engine's "is not running".
    await ignoreStatus([404, 409], () => this.docker.getContainer(id).kill({ signal: "SIGKILL" }));
  }

  async remove(): Promise<void> {
    const id = await this.find();
    if (id === undefined) return;
    await ignoreStatus([404], () => this.docker.getContainer(id).remove({ force: true, v: true }));
    this.containerId = undefined;
    this.createdUnstarted = false;
    if (this.attachments.length > 0) await this.network?.releaseTask(this.context.task.id ?? "");
  }

  async inspect(): Promise<RuntimeStatus> {
    const id = await this.find();
    const info = id === undefined ? undefined : await ignoreNotFound(() => this.docker.getContainer(id).inspect());
    if (info === undefined) {
      this.containerId = undefined;
      return { exists: false, running: false, health: "none" };
    }
    const state = info.State;
    const ended = state.Status === "exited" || state.Status === "dead";
    const error = stateError(info);
    const ports = this.boundPorts(info);
    return {
      exists: true,
      running: state.Running,
      ...(ended ? { exitCode: state.ExitCode } : {}),
      health: healthOf(info),
      containerId: info.Id,
      ...(state.Running && state.Pid > 0 ? { pid: state.Pid } : {}),
      ...(error !== "" ? { error } : {}),
      ...(ports.length > 0 ? { ports } : {}),
    };
  }

  async *logs(options: LogOptions, signal: AbortSignal): AsyncIterable<LogLine> {
    const id = await this.require();
    const container = this.docker.getContainer(id);
    const query = {
      stdout: true,
      stderr: true,
      timestamps: true,
      ...(options.tail !== undefined ? { tail: options.tail } : {}),
      ...(options.sinceMs !== undefined ? { since: sinceParameter(options.sinceMs) } : {}),
      abortSignal: signal,
    };
    const tty = this.context.task.spec?.container?.tty === true;
    const chunks: AsyncIterable<Buffer | string> | Iterable<Buffer> = options.follow
      ? ((await container.logs({ ...query, follow: true })) as AsyncIterable<Buffer | string>)
      : [await container.logs({ ...query, follow: false })];
    try {
      for await (const line of logLines(chunks, tty)) {
        // The engine's `since` has whole-second resolution on some versions; the rest is cut here.
        if (options.sinceMs === undefined || line.timeMs >= options.sinceMs) yield line;
      }
    } catch (error) {
      // Aborting is how a follower stops: the stream then ends rather than fails.
      if (!signal.aborted) throw error;
    }
  }

  /**
   * The Docker networks and DNS server of a task on overlay networks (waiting, bounded, for the
   * node's view to name them); a node that cannot serve them rejects the task with the reason.
   */
  private async overlayPlacement(signal: AbortSignal): Promise<OverlayPlacement | undefined> {
    if (this.attachments.length === 0) return undefined;
    const refusal =
      this.network === undefined
        ? "the task is on an overlay network, and this node runs no network agent"
        : this.network.refusal(this.attachments, "docker");
    if (refusal !== undefined || this.network === undefined)
      throw new TaskRejectedError(refusal ?? "no network agent", { code: "OVERLAY_UNAVAILABLE" });
    return this.network.dockerNetworks(this.attachments, signal);
  }

  /** Connects a created container to its further overlay networks (Docker takes one at create). */
  private async connectOverlays(overlay: OverlayPlacement | undefined, containerId: string): Promise<void> {
    for (const network of overlay?.networks.slice(1) ?? []) await this.network?.connectContainer(network, containerId);
  }

  /** The container's id, looked up by the task-id label and remembered once found. */
  private async find(): Promise<string | undefined> {
    if (this.containerId !== undefined) return this.containerId;
    const found = await this.docker.listContainers({
      all: true,
      filters: { label: [`${labelKeys.taskId}=${this.context.task.id ?? ""}`] },
    });
    this.containerId = found[0]?.Id;
    return this.containerId;
  }

  /** The container's id, or a NotFoundError when it was never prepared or is gone. */
  private async require(): Promise<string> {
    const id = await this.find();
    if (id === undefined) throw new NotFoundError("container", this.name);
    return id;
  }

  /**
   * Creates the task's named volumes that carry a driver, options or labels, before the container:
   * the engine answers a volume that exists already with that volume (kept as it is, with its
   * data), and a driver that refuses the options fails the task with the driver's own message.
   * The volumes outlive the task, as Docker keeps them: `remove` drops only anonymous ones.
   */
  private async createVolumes(signal: AbortSignal): Promise<void> {
    for (const volume of taskVolumes(this.context)) {
      try {
        await this.docker.createVolume({ ...volume, abortSignal: signal });
      } catch (error) {
        throw new VolumeCreateError(volume.Name, volume.Driver, engineMessage(error));
      }
    }
  }

  /**
   * Pulls the image unless the engine has it (a pinned image is looked up by its digest, so a node
   * holding another version of the tag pulls the pinned one); any failure is an
   * {@link ImageUnavailableError} saying what to do.
   */
  private async ensureImage(signal: AbortSignal, options: PrepareOptions): Promise<void> {
    try {
      await this.docker.getImage(this.image).inspect();
      return;
    } catch (error) {
      // 400 is the engine's answer to a malformed reference, which no pull can fix.
      const status = engineStatus(error);
      if (status === 400)
        throw new ImageUnavailableError(this.image, `not a valid image reference (${engineMessage(error)})`);
      if (status !== 404) throw error;
    }
    await pullImage(this.docker, this.image, {
      signal,
      ...(options.registryAuth !== undefined ? { registryAuth: options.registryAuth } : {}),
      ...(options.progress !== undefined ? { progress: options.progress } : {}),
    });
  }

  /**
   * Rejects with an {@link UnhealthyError} once a running container's healthcheck reports
   * unhealthy; resolves undefined when aborted. Containers without a healthcheck are not polled.
   */
  private async watchHealth(id: string, signal: AbortSignal): Promise<undefined> {
    const container = this.docker.getContainer(id);
    const aborted = new Promise<undefined>((resolve) =>
      signal.addEventListener("abort", () => resolve(undefined), { once: true }),
    );
    try {
      for (;;) {
        const info = await container.inspect({ abortSignal: signal });
        const health = healthOf(info);
        if (health === "none") return await aborted;
        if (health === "unhealthy" && info.State.Running) throw new UnhealthyError(lastHealthOutput(info));
        await sleep(waitHealthPollMs, signal);
      }
    } catch (error) {
      if (signal.aborted) return undefined;
      throw error;
    }
  }

  /**
   * The runtime error of an exited container. The engine records an OOM kill from a separate
   * event that can land after the exit, so a SIGKILL exit (137) of a container with a memory limit
   * is looked at several times; without a limit (a kill after the stop grace, mostly) once.
   */
  private async exitError(id: string, exitCode: number, signal: AbortSignal): Promise<string> {
    const container = this.docker.getContainer(id);
    const limited = Number(this.context.task.spec?.resources?.limits?.memoryBytes ?? 0) > 0;
    const looks = exitCode === sigkillExitCode && limited ? oomLooksMax : 1;
    for (let look = 1; ; look += 1) {
      const info = await ignoreNotFound(() => container.inspect());
      const error = info === undefined ? "" : stateError(info);
      if (error !== "" || look >= looks) return error;
      await sleep(oomLookPauseMs, signal);
    }
  }

  /**
   * Ports the engine really bound, named after the spec's ports where they match. A binding is an
   * ingress port's when the target is published in ingress mode and the binding is not the fixed
   * port of a host-mode publication of the same target.
   */
  private boundPorts(info: ContainerInspectInfo): swarm.v1.IPortConfig[] {
    if (info.HostConfig.NetworkMode === "host") return hostPortsFromLabel(info.Config.Labels[hostPortsLabel]);
    const specPorts = new Map(hostModePorts(this.context).map((p) => [portKey(p), p]));
    const ingress = new Map(ingressModePorts(this.context).map((p) => [portKey(p), p]));
    const bound = (info.NetworkSettings.Ports ?? {}) as Record<string, { HostIp: string; HostPort: string }[] | null>;
    const ports: swarm.v1.IPortConfig[] = [];
    for (const [key, bindings] of Object.entries(bound)) {
      const [target, protocol] = key.split("/");
      for (const binding of bindings ?? []) {
        const host = specPorts.get(key);
        const isIngress =
          ingress.has(key) &&
          (host === undefined ||
            (Number(host.publishedPort ?? 0) > 0 && Number(host.publishedPort) !== Number(binding.HostPort)));
        const name = (isIngress ? ingress.get(key) : host)?.name ?? "";
        ports.push({
          ...(name !== "" ? { name } : {}),
          protocol:
            protocol === "udp" ? swarm.v1.PortConfig.Protocol.PROTOCOL_UDP : swarm.v1.PortConfig.Protocol.PROTOCOL_TCP,
          targetPort: Number(target),
          publishedPort: Number(binding.HostPort),
          publishMode: isIngress
            ? swarm.v1.PortConfig.PublishMode.PUBLISH_MODE_INGRESS
            : swarm.v1.PortConfig.PublishMode.PUBLISH_MODE_HOST,
        });
      }
    }
    return ports;
  }
}

/** The container's health as the contract names it. */
function healthOf(info: ContainerInspectInfo): HealthState {
  switch (info.State.Health?.Status) {
    case "starting":
      return "starting";
    case "healthy":
      return "healthy";
    case "unhealthy":
      return "unhealthy";
    default:
      return "none";
  }
}

/** The output of the last health probe, to say why the container is unhealthy. */
function lastHealthOutput(info: ContainerInspectInfo): string {
  const log = info.State.Health?.Log ?? [];
  const last = log[log.length - 1];
  if (last === undefined) return "healthcheck failed";
  const output = last.Output.trim();
  return `healthcheck exited with ${last.ExitCode}${output !== "" ? `: ${output}` : ""}`;
}

/** The runtime error of a container: the engine's State.Error, or an OOM kill. */
function stateError(info: ContainerInspectInfo): string {
  if (info.State.Error !== "") return info.State.Error;
  return info.State.OOMKilled ? oomKilledMessage : "";
}

/** The engine's `since` parameter, "seconds.nanoseconds", for a time in ms since the epoch. */
function sinceParameter(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${seconds}.${String((ms - seconds * 1000) * 1_000_000).padStart(9, "0")}`;
}

/** Runs an inspect, giving undefined when the container is gone (404). */
async function ignoreNotFound<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (engineStatus(error) === 404) return undefined;
    throw error;
  }
}
