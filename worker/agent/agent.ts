// The node agent: the worker side of the cluster. It keeps a session with some manager, turns the
// node's assignments into one task controller per task, and reports their statuses back. It keeps
// a local task database, so a restarted agent adopts the containers it left running (stopping the
// agent never stops tasks) and removes runtimes that carry our labels but belong to no known task.
import { mkdir } from "node:fs/promises";
import { hostname as osHostname } from "node:os";
import * as grpc from "@grpc/grpc-js";
import { type Clock, type Random, randomId, realClock } from "../../common/index.js";
import { DispatcherClient, swarm } from "../../proto/index.js";
import { type Executor, needsTaskFiles, type TaskRuntime } from "../executor/index.js";
import type { MeshService } from "../mesh/mesh-types.js";
import { type LocalTask, LogPublisher } from "./log-publisher.js";
import { localSubnets, reportedSubnetsMax } from "./local-subnets.js";
import { EndpointSet } from "./mesh-endpoints.js";
import { type NodeNetworkView, NetworkViewSet } from "./network-view.js";
import {
  type AssignmentSet,
  type DispatcherConnect,
  dispatcherCallTimeoutMs,
  type OpenSession,
  Session,
} from "./session.js";
import { StatusReporter } from "./status-reporter.js";
import { isTerminalState, TaskController, type StatusListener } from "./task-controller.js";
import { TaskFiles, type TaskFilesStore } from "./task-files.js";
import { stderrLog, TaskDb, type AgentLog, type TaskRecords } from "./task-db.js";

const S = swarm.v1.TaskState;

/** Options of {@link Agent.start}. */
export interface AgentOptions {
  /** Directory of the task database and the generated node id. */
  readonly stateDir: string;
  /** Node id; generated and persisted in the state directory when absent. */
  readonly nodeId?: string;
  /** Manager addresses (host:port) to try first. */
  readonly managers: readonly string[];
  /** The runtime of the node's tasks. */
  readonly executor: Executor;
  /** Hostname to report instead of the executor's. */
  readonly hostname?: string;
  /** Node labels, reported as engine labels of the description. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Channel credentials: the node's client certificate (insecure in unit tests); a function is asked again on every reconnect. */
  readonly credentials?: grpc.ChannelCredentials | (() => grpc.ChannelCredentials);
  /** Extra channel options (with TLS: the server name every manager certificate carries). */
  readonly channelOptions?: grpc.ChannelOptions;
  /** Address host-mode published ports bind on ("0.0.0.0": every address of the node). */
  readonly publishAddr?: string;
  /** Host other nodes reach this node's task ports at, reported to the managers; default publishAddr. */
  readonly nodeAddr?: string;
  /** Generic resources the node advertises (`swarmd --node-generic-resource`), added to its description. */
  readonly genericResources?: readonly swarm.v1.GenericResource.$Properties[];
  /** Overrides the status flush period (tests shorten it). */
  readonly statusFlushMs?: number;
  /** Overrides the first reconnect delay. */
  readonly reconnectBackoffMsMin?: number;
  /** Overrides the longest reconnect delay. */
  readonly reconnectBackoffMsMax?: number;
  /** Log sink (stderr JSON lines by default). */
  readonly log?: AgentLog;
  /** Where tasks' secret and config files go: own tmpfs mounts (root) or /dev/shm; see task-files.ts. */
  readonly taskFilesPlacement?: "mount" | "shm";
  /** UDP port this node's VXLAN devices bind (`swarmd --data-path-port`); absent: the cluster's. */
  readonly dataPathPort?: number;
  /** The subnets the node's own interfaces use (default: read from the host's interfaces at each session). */
  readonly localSubnets?: () => readonly string[];
  /** What the node's network agent can serve (default: nothing; the network agent says). */
  readonly networkCapabilities?: () => swarm.v1.INetworkCapabilities;
  /** WireGuard public key of the node's tunnel, for encrypted networks. */
  readonly wireguardPublicKey?: () => string;
  /** Time and timers of the session, the status reporter, the log publisher and the task controllers (default: the real clock). */
  readonly clock?: Clock;
  /** Jitter of reconnects, heartbeats and retries (default: the real randomness). */
  readonly random?: Random;
  /** Who issued the node's certificate, reported in the description and after each renewal (reportTlsInfo). */
  readonly tlsInfo?: () => swarm.v1.INodeTlsInfo;
  /** The roots the managers say the node must trust (they change during a root rotation). */
  readonly onRootCa?: (rootCaPem: Uint8Array) => void;
  /** Opens connections to managers (default: gRPC clients); the cluster simulator gives its own. */
  readonly connect?: DispatcherConnect;
  /** The task database (default: files under `stateDir`); hollow workers and the simulator keep it in memory. */
  readonly taskDb?: TaskRecords;
  /** Where tasks' secret and config files go (default: tmpfs, see `taskFilesPlacement`). */
  readonly taskFiles?: TaskFilesStore;
}

/** A running agent. */
export class Agent {
  private readonly controllers = new Map<string, TaskController>();
  private assigned: AssignmentSet = { tasks: new Map(), secrets: new Map(), configs: new Map() };
  private readonly reporter: StatusReporter;
  private readonly session: Session;
  private readonly logs: LogPublisher;
  /** Tasks' secret and config files, on tmpfs only. */
  private readonly files: TaskFilesStore;
  /** Each controller's runtime, which the log publisher reads output from. */
  private readonly runtimes = new WeakMap<TaskController, TaskRuntime>();
  private readonly statusListeners = new Set<StatusListener>();
  private readonly nodeListeners = new Set<(node: swarm.v1.Node) => void>();
  /** The routing mesh's endpoint set as the managers last sent it, and who follows it. */
  private readonly endpointSet = new EndpointSet();
  private readonly endpointListeners = new Set<(services: readonly MeshService[]) => void>();
  /** The node's network view as the managers last sent it, and who follows it. */
  private readonly networkSet = new NetworkViewSet();
  private readonly networkListeners = new Set<(view: NodeNetworkView) => void>();
  private connectedWaiters: (() => void)[] = [];
  /** Resolves once the first assignment set arrived (or the agent stopped): secrets are known then. */
  private readonly assignedOnce: Promise<void>;
  private markAssigned: () => void = () => undefined;
  private nodeValue: swarm.v1.Node | null = null;
  private connectedFlag = false;
  /** The open session, for calls beside it (reportTlsInfo). */
  private openSession: OpenSession | null = null;
  private stopped = false;
  private readonly log: AgentLog;

  private constructor(
    /** This node's id. */
    readonly nodeId: string,
    private readonly hostname: string,
    private readonly db: TaskRecords,
    private readonly options: AgentOptions,
  ) {
    this.log = options.log ?? stderrLog;
    this.assignedOnce = new Promise((resolve) => (this.markAssigned = resolve));
    this.files =
      options.taskFiles ??
      new TaskFiles({
        nodeId,
        log: this.log,
        ...(options.taskFilesPlacement === undefined ? {} : { placement: options.taskFilesPlacement }),
      });
    this.reporter = new StatusReporter({
      ...(options.statusFlushMs === undefined ? {} : { flushMs: options.statusFlushMs }),
      log: this.log,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.random ? { random: options.random } : {}),
    });
    this.logs = new LogPublisher({
      nodeId,
      tasks: {
        list: () => this.localTasks(),
        onState: (listener) => this.onStatus((taskId, status) => listener(taskId, Number(status.state ?? 0))),
      },
      log: this.log,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    this.session = new Session({
      nodeId,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.random ? { random: options.random } : {}),
      managers: options.managers,
      credentials: options.credentials ?? grpc.credentials.createInsecure(),
      ...(options.channelOptions ? { channelOptions: options.channelOptions } : {}),
      describe: () => this.describe(),
      onOpen: (open) => {
        this.openSession = open;
        this.connectedFlag = true;
        this.reporter.attach(open.send);
        // A connection without a channel (the simulator's) carries no log streams.
        if (open.channel) this.logs.attach({ channel: open.channel, metadata: open.metadata });
        const waiters = this.connectedWaiters;
        this.connectedWaiters = [];
        for (const w of waiters) w();
      },
      onClose: () => {
        this.openSession = null;
        this.connectedFlag = false;
        this.reporter.detach();
        this.logs.detach();
      },
      ...(options.onRootCa ? { onRootCa: options.onRootCa } : {}),
      onNode: (node) => {
        this.nodeValue = node;
        for (const l of this.nodeListeners) l(node);
      },
      onAssignments: (set) => this.reconcile(set),
      ...((options.nodeAddr ?? options.publishAddr) === undefined
        ? {}
        : { addr: options.nodeAddr ?? options.publishAddr }),
      onEndpoints: (update) => {
        // Across a manager failover the last set stays in force until the new session sends its own.
        this.endpointSet.apply(update);
        const services = this.endpointSet.list();
        for (const l of this.endpointListeners) l(services);
      },
      onNetworks: (update) => {
        // Across a manager failover the last view stays in force until the new session sends its own.
        this.networkSet.apply(update);
        this.log("trace.network-view-received", { networks: update.networks?.length ?? 0 });
        const view = this.networkSet.view();
        for (const l of this.networkListeners) l(view);
      },
      ...(options.reconnectBackoffMsMin === undefined ? {} : { reconnectBackoffMsMin: options.reconnectBackoffMsMin }),
      ...(options.reconnectBackoffMsMax === undefined ? {} : { reconnectBackoffMsMax: options.reconnectBackoffMsMax }),
      log: this.log,
      ...(options.connect ? { connect: options.connect } : {}),
    });
  }

  /**
   * Starts an agent: loads the task database, adopts the runtimes of known tasks, removes owned
   * runtimes of unknown ones, then connects to the managers.
   */
  static async start(options: AgentOptions): Promise<Agent> {
    const log = options.log ?? stderrLog;
    if (!options.taskDb) await mkdir(options.stateDir, { recursive: true });
    const db = options.taskDb ?? new TaskDb(options.stateDir, { log });
    await db.load();
    let nodeId = options.nodeId ?? (await db.readNodeId());
    if (nodeId === undefined) {
      nodeId = randomId();
      await db.writeNodeId(nodeId);
    }
    const description = await options.executor.describe();
    const agent = new Agent(nodeId, options.hostname ?? (description.hostname || osHostname()), db, options);
    await agent.adoptRuntimes();
    await agent.files.prune(new Set(db.all().map((r) => r.task.id)));
    agent.session.start();
    return agent;
  }

  /**
   * Stops talking to the managers. Tasks keep running; a restarted agent adopts them. Every task's
   * secret and config files are unmounted and deleted: secrets stay on the node only while an agent
   * runs to look after them (a restarted agent writes the running tasks' files again; a container
   * keeps the files it mounted).
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.markAssigned();
    await this.session.stop();
    this.reporter.close();
    await Promise.all([...this.controllers.values()].map((c) => c.close()));
    await this.db.flush();
    await this.files
      .removeAll()
      .catch((error: unknown) => this.log("agent.remove-task-files-failed", { error: String(error) }));
  }

  /** Resolves once a session with a manager is open. */
  whenConnected(): Promise<void> {
    if (this.connectedFlag) return Promise.resolve();
    return new Promise((resolve) => this.connectedWaiters.push(resolve));
  }

  /** Whether a session is open. */
  get connected(): boolean {
    return this.connectedFlag;
  }

  /** Address of the manager of the open session, or null. */
  get manager(): string | null {
    return this.session.manager;
  }

  /** Managers the agent may connect to, best first. */
  get managers(): readonly string[] {
    return this.session.managers;
  }

  /** The node as the managers last described it (spec: availability, labels, role), or null. */
  get node(): swarm.v1.Node | null {
    return this.nodeValue;
  }

  /** Secrets assigned to this node, by id (written to task tmpfs by the secrets component). */
  secrets(): ReadonlyMap<string, swarm.v1.Secret> {
    return this.assigned.secrets;
  }

  /** The tmpfs directory of a task's secret and config files (whether or not it exists). */
  taskFilesDir(taskId: string): string {
    return this.files.dirOf(taskId);
  }

  /** Configs assigned to this node, by id. */
  configs(): ReadonlyMap<string, swarm.v1.Config> {
    return this.assigned.configs;
  }

  /** Ids of the tasks the agent drives. */
  taskIds(): string[] {
    return [...this.controllers.keys()];
  }

  /** The status last recorded for a task. */
  taskStatus(taskId: string): swarm.v1.TaskStatus.$Properties | undefined {
    return this.controllers.get(taskId)?.status;
  }

  /** Calls `listener` with every new task status; returns the unsubscribe function. */
  onStatus(listener: StatusListener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Calls `listener` with every node object a session message carries; returns the unsubscribe function. */
  onNode(listener: (node: swarm.v1.Node) => void): () => void {
    this.nodeListeners.add(listener);
    return () => this.nodeListeners.delete(listener);
  }

  /** The routing mesh's endpoint set as last received (ingress services and their live tasks). */
  endpoints(): readonly MeshService[] {
    return this.endpointSet.list();
  }

  /** Calls `listener` with the whole endpoint set after every change; returns the unsubscribe function. */
  onEndpoints(listener: (services: readonly MeshService[]) => void): () => void {
    this.endpointListeners.add(listener);
    return () => this.endpointListeners.delete(listener);
  }

  /**
   * The node's network view as last received: every overlay network it serves (own address, peers,
   * services with VIPs and backends, task names) and its data-path port.
   */
  networkView(): NodeNetworkView {
    return this.networkSet.view();
  }

  /** Calls `listener` with the whole network view after every change; returns the unsubscribe function. */
  onNetworkView(listener: (view: NodeNetworkView) => void): () => void {
    this.networkListeners.add(listener);
    return () => this.networkListeners.delete(listener);
  }

  /** The tasks whose output the log publisher may read. */
  private localTasks(): LocalTask[] {
    const tasks: LocalTask[] = [];
    for (const controller of this.controllers.values()) {
      const runtime = this.runtimes.get(controller);
      if (runtime && !controller.removed)
        tasks.push({
          taskId: controller.taskId,
          serviceId: controller.assigned.serviceId ?? "",
          state: controller.state,
          runtime,
        });
    }
    return tasks;
  }

  private async describe(): Promise<swarm.v1.NodeDescription.$Properties> {
    const d = await this.options.executor.describe();
    const labels = { ...d.engine?.labels, ...this.options.labels };
    const o = this.options;
    const capabilities = o.networkCapabilities?.();
    const wireguardPublicKey = o.wireguardPublicKey?.() ?? "";
    const generic = o.genericResources ?? [];
    const tlsInfo = o.tlsInfo?.();
    return {
      ...d,
      ...(generic.length > 0
        ? { resources: { ...d.resources, generic: [...(d.resources?.generic ?? []), ...generic] } }
        : {}),
      hostname: this.hostname,
      engine: { ...d.engine, labels },
      ...(o.dataPathPort ? { dataPathPort: o.dataPathPort } : {}),
      localSubnets: (o.localSubnets ?? localSubnets)().slice(0, reportedSubnetsMax),
      ...(capabilities ? { networkCapabilities: capabilities } : {}),
      ...(wireguardPublicKey ? { wireguardPublicKey } : {}),
      ...(tlsInfo ? { tlsInfo } : {}),
    };
  }

  /**
   * Tells the managers who issued the certificate the node uses now (after a renewal), on the open
   * session: the session stays, and the next session reports it in its description anyway.
   * Resolves false when no session is open.
   */
  reportTlsInfo(): Promise<boolean> {
    const open = this.openSession;
    const tlsInfo = this.options.tlsInfo?.();
    if (!open?.channel || !tlsInfo) return Promise.resolve(false);
    // The client borrows the session's channel; closing it would close the session's channel.
    const client = new DispatcherClient("session-channel", grpc.credentials.createInsecure(), {
      channelOverride: open.channel,
    });
    return new Promise((resolve, reject) =>
      client.updateNodeTlsInfo(
        { sessionId: open.sessionId, tlsInfo },
        open.metadata,
        { deadline: (this.options.clock ?? realClock).now() + dispatcherCallTimeoutMs },
        (error) => (error ? reject(error) : resolve(true)),
      ),
    );
  }

  /**
   * Writes the files of prepared, live tasks that have none: the tasks a restarted agent adopted
   * after the last one removed every task's files on its way out. Failures are logged; the task
   * runs on.
   */
  private async restoreTaskFiles(): Promise<void> {
    for (const controller of this.controllers.values()) {
      const task = controller.assigned;
      const state = controller.state;
      if (state < Number(S.TASK_STATE_READY) || isTerminalState(state) || controller.removed) continue;
      if (!needsTaskFiles(task) || (await this.files.has(controller.taskId))) continue;
      try {
        await this.files.write(task, this.assigned.secrets, this.assigned.configs);
        this.log("agent.task-files-restored", { taskId: controller.taskId });
      } catch (error) {
        this.log("agent.task-files-restore-failed", { taskId: controller.taskId, error: String(error) });
      }
    }
  }

  /** Adopts what the runtime shows for known tasks and removes what belongs to no known task. */
  private async adoptRuntimes(): Promise<void> {
    const known = new Set(this.db.all().map((r) => r.task.id));
    for (const owned of await this.options.executor.list()) {
      if (known.has(owned.taskId)) continue;
      // An engine shared by several nodes (a local test cluster) holds other nodes' containers too.
      if (owned.nodeId !== undefined && owned.nodeId !== this.nodeId) continue;
      this.log("agent.remove-unknown-runtime", { taskId: owned.taskId, containerId: owned.containerId });
      try {
        await this.options.executor.removeOwned(owned.containerId);
      } catch (error) {
        this.log("agent.remove-unknown-runtime-failed", { containerId: owned.containerId, error: String(error) });
      }
    }
    for (const record of this.db.all()) {
      if (record.status) this.reporter.report(record.task.id, record.status);
      this.startController(record.task, record.status);
    }
  }

  private startController(task: swarm.v1.Task.$Properties, recorded: swarm.v1.TaskStatus.$Properties | null): void {
    const taskId = task.id ?? "";
    const files = needsTaskFiles(task) ? this.files : null;
    const runtime = this.options.executor.runtime({
      task,
      node: { id: this.nodeId, hostname: this.hostname },
      ...(files === null ? {} : { filesDir: files.dirOf(taskId) }),
      ...(this.options.publishAddr === undefined ? {} : { publishAddr: this.options.publishAddr }),
    });
    const controller = new TaskController({
      task,
      runtime,
      db: this.db,
      recorded,
      log: this.log,
      ...(this.options.clock ? { clock: this.options.clock } : {}),
      // Secrets and configs come from memory (the session's assignment set), never from the task database.
      ...(files === null
        ? {}
        : {
            files: {
              write: async (t) => {
                // A task adopted at start may be prepared before the session brought the secrets.
                await this.assignedOnce;
                await files.write(t, this.assigned.secrets, this.assigned.configs);
              },
              remove: (id) => files.remove(id),
            },
          }),
      report: (id, status) => {
        this.reporter.report(id, status);
        for (const l of this.statusListeners) l(id, status);
      },
    });
    this.controllers.set(taskId, controller);
    this.runtimes.set(controller, runtime);
    void controller.done.then(() => {
      if (!controller.removed) return;
      this.reporter.forget(taskId);
      if (!this.assigned.tasks.has(taskId) && this.controllers.get(taskId) === controller)
        this.controllers.delete(taskId);
    });
  }

  /** Makes the controllers follow the assignment set. */
  private reconcile(set: AssignmentSet): void {
    if (this.stopped) return;
    this.assigned = set;
    this.markAssigned();
    void this.restoreTaskFiles();
    for (const task of set.tasks.values()) {
      const controller = this.controllers.get(task.id);
      if (controller) {
        // Unchanged tasks keep their object across messages; only a new version is worth a write.
        if (controller.assigned !== task) controller.update(task);
        continue;
      }
      // A task the managers saw progress (our database was lost) is adopted, not started afresh.
      const state = Number(task.status?.state ?? 0);
      this.startController(task, state > Number(S.TASK_STATE_ASSIGNED) ? (task.status ?? null) : null);
    }
    for (const [taskId, controller] of this.controllers) {
      if (set.tasks.has(taskId)) continue;
      if (controller.removed) this.controllers.delete(taskId);
      else controller.remove();
    }
  }
}
