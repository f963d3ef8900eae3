// The Docker executor runs each task as one container on the node's Docker Engine.
//
// Restart policy: every container is created with Docker's restart policy "no". Restarting is
// the orchestrator's decision (a task is never restarted, it is replaced by a new task with a
// new container), so the engine must never bring an exited container back behind its back.
//
// Adoption: everything we create carries the labels in `labelKeys` (managed=true, task id and
// name, service, slot, node). Nothing is kept on disk: after an agent restart, `list()` finds the
// containers by the managed label, the agent matches their task-id labels to its assignments and
// adopts them (a runtime finds its container by the task-id label, so prepare reuses it and the
// other steps drive it), and removes the rest with `removeOwned`.
import { hostname } from "node:os";
import Docker from "dockerode";
import type { swarm } from "../../../proto/index.js";
import type { Executor, OwnedRuntime, TaskContext, TaskRuntime } from "../executor.js";
import { labelKeys } from "../executor.js";
import { DockerRuntime } from "./docker-runtime.js";
import { engineSocketPath, ignoreStatus } from "./engine.js";
import type { TaskNetworking } from "../../network/index.js";

/** Options of {@link DockerExecutor}. */
export interface DockerExecutorOptions {
  /** The engine's unix socket; defaults to DOCKER_HOST when it is unix://, else /var/run/docker.sock. */
  readonly socketPath?: string;
  /** The node's network agent; without it a task on an overlay network is rejected. */
  readonly network?: TaskNetworking;
}

/** The fields of the engine's `GET /info` the executor reads. */
interface EngineInfo {
  OSType?: string;
  Architecture?: string;
  NCPU?: number;
  MemTotal?: number;
  ServerVersion?: string;
  Labels?: string[] | null;
  Plugins?: Record<string, string[] | null> | null;
}

/** Runs tasks as containers on a local Docker Engine. */
export class DockerExecutor implements Executor {
  readonly kind = "docker";
  /** The engine client, shared by every task's runtime. */
  private readonly docker: Docker;
  private readonly network: TaskNetworking | undefined;

  constructor(options: DockerExecutorOptions = {}) {
    this.docker = new Docker({ socketPath: engineSocketPath(options.socketPath) });
    this.network = options.network;
  }

  async describe(): Promise<swarm.v1.INodeDescription> {
    const info = (await this.docker.info()) as EngineInfo;
    const labels: Record<string, string> = {};
    for (const entry of info.Labels ?? []) {
      const eq = entry.indexOf("=");
      if (eq > 0) labels[entry.slice(0, eq)] = entry.slice(eq + 1);
    }
    const plugins: swarm.v1.IPluginDescription[] = [];
    for (const [type, names] of Object.entries(info.Plugins ?? {})) {
      for (const name of names ?? []) plugins.push({ type, name });
    }
    return {
      hostname: hostname(),
      platform: { os: info.OSType ?? "", architecture: info.Architecture ?? "" },
      resources: { nanoCpus: (info.NCPU ?? 0) * 1e9, memoryBytes: info.MemTotal ?? 0 },
      engine: { engineVersion: info.ServerVersion ?? "", labels, plugins },
    };
  }

  runtime(context: TaskContext): TaskRuntime {
    return new DockerRuntime(this.docker, context, this.network);
  }

  async list(): Promise<OwnedRuntime[]> {
    const containers = await this.docker.listContainers({
      all: true,
      filters: { label: [`${labelKeys.managed}=true`] },
    });
    return containers.map((c) => ({
      taskId: c.Labels[labelKeys.taskId] ?? "",
      containerId: c.Id,
      running: c.State === "running",
      nodeId: c.Labels[labelKeys.nodeId] ?? "",
    }));
  }

  async removeOwned(containerId: string): Promise<void> {
    await ignoreStatus([404], () => this.docker.getContainer(containerId).remove({ force: true, v: true }));
  }
}
