// One manager: the raft member (WAL on disk, gRPC to the other managers) whose state machine is the
// store, the Control, Dispatcher and RaftMembership APIs served on the same port, and the leader-only components, started once
// this manager is leader and has applied everything committed before, stopped when it is not.
import * as grpc from "@grpc/grpc-js";
import { chmod, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { InvalidArgumentError, type Log, realClock, silentLog } from "../common/index.js";
import {
  caService,
  controlService,
  dispatcherService,
  type ControlMethod,
  type DispatcherServer,
  logBrokerService,
  logsService,
  RaftMembershipClient,
  raftMembershipService,
  type swarm,
  watchService,
} from "../proto/index.js";
import { GrpcTransport, openWal, RaftNode, type RaftId, type Wal, type WalEncryption } from "../raft/index.js";
import { TaskAllocator } from "./allocator/index.js";
import {
  createCaService,
  type ExternalCaTls,
  type ExternalSigning,
  operatorCertificateHandler,
  prepareCaChange,
  RootRotationReconciler,
} from "./ca/index.js";
import { backupHandler } from "./backup/index.js";
import { ServiceGuards, type ServiceAudience } from "./service-guards.js";
import { CallAdmission } from "./call-admission.js";
import { managerPortPolicies } from "./port-policies.js";
import type { LeaderComponent } from "./component.js";
import { ensureCluster, type RootCaPems } from "./cluster/index.js";
import { writeUntilDone } from "./write-failure.js";
import { budgetedLog } from "./log-budget.js";
import { loggingProposer } from "./proposal-log.js";
import { createControlApi } from "./controlapi/index.js";
import { Dispatcher } from "./dispatcher/index.js";
import { LeaderForwarder } from "./leader-forwarder.js";
import { LeaderWait } from "./leader-wait.js";
import { followRaftSettings } from "./raft-settings.js";
import { LogBroker } from "./logbroker/index.js";
import { countingDispatcher, countingProposer, type ManagerMetrics } from "./manager-metrics.js";
import { LeaderRecorder, nodeIdHeader, raftMembershipHandlers, RoleReconciler } from "./membership/index.js";
import { ServiceOrchestrator, TaskReaper, UpdateSupervisor } from "./orchestrator/index.js";
import { TaskScheduler } from "./scheduler/index.js";
import { MemoryStore, type TransactionOutcome } from "./store/index.js";
import { WatchService } from "./watch/index.js";

/** Options of a manager. */
export interface ManagerOptions {
  /** Node id of the node this manager runs on, recorded in its node object (role, raft id, address). */
  readonly nodeId?: string;
  /** Unix socket path to serve the operators' APIs on as well (swarmctl's default way in). */
  readonly controlSocket?: string;
  /** Raft id of a founding manager; a joining manager gets its id from the leader (kept in the state dir). */
  readonly id?: RaftId;
  /** State directory (WAL and snapshots). */
  readonly dir: string;
  /** Encryption at rest of the WAL and snapshots (the raft DEK); swarmd's managers always give one. */
  readonly encryption?: WalEncryption;
  /** Address other managers and nodes reach this one at (host:port): advertised, and bound unless `listenAddr` is given. */
  readonly addr: string;
  /**
   * Address to bind the manager port to when it differs from the advertised `addr` (behind NAT,
   * or a wildcard such as 0.0.0.0:4242), as Docker's --listen-addr beside --advertise-addr.
   */
  readonly listenAddr?: string;
  /** Founding managers and their addresses (the same on every founder); absent when joining. */
  readonly bootstrap?: ReadonlyMap<RaftId, string>;
  /** Address of any manager of an existing cluster, to join it through RaftMembership.Join. */
  readonly join?: string;
  /** Raft tick length. */
  readonly tickMs?: number;
  /** Election timeout in ticks. */
  readonly electionTicks?: number;
  /** Applied entries between raft snapshots (default: raft's). */
  readonly snapshotIntervalEntries?: number;
  /** Entries kept behind a snapshot for slow followers (default: raft's). */
  readonly trailingEntries?: number;
  /** Root CA certificate (PEM) the join tokens pin, for tests without a CA key. */
  readonly rootCaCertPem?: Uint8Array;
  /** The root CA a founding manager created (certificate and key); the cluster object keeps it. */
  readonly rootCa?: RootCaPems;
  /** gRPC credentials: mutual TLS in a cluster (insecure in unit tests). */
  readonly credentials?: { server: grpc.ServerCredentials; channel: grpc.ChannelCredentials };
  /** Extra options of channels to other managers (with TLS: the server name of manager certificates). */
  readonly channelOptions?: grpc.ChannelOptions;
  /**
   * With mutual TLS: this cluster's id (the O of the manager's certificate). Every service but the
   * CA then checks each caller's certificate and role.
   */
  readonly clusterId?: string;
  /** Counters this manager feeds (`swarmd --metrics-addr`); absent, nothing is counted. */
  readonly metrics?: ManagerMetrics;
  /** Called when this manager starts or stops leading (isLeading changed), so a watcher need not poll. */
  readonly onLeadershipChange?: (leading: boolean) => void;
  /** A founding manager's overlay settings for the new cluster object (`swarmd init` flags). */
  readonly clusterNetwork?: swarm.v1.INetworkConfig;
  /** Where the manager's background failures go (swarmd: its pino log); silent when absent. */
  readonly log?: Log;
  /**
   * TLS towards the operator's external CAs, given the roots their server certificates must chain
   * to: swarmd adds the manager's current certificate and key, so a CA service can admit managers
   * only. Absent, no client certificate is presented.
   */
  readonly externalCaTls?: (caPem: string) => ExternalCaTls;
}

/** A running manager. */
export class Manager {
  private leadership: AbortController | null = null;
  private forwarder: LeaderForwarder | null = null;
  /** Holds writes that arrive during an election (see leader-wait.ts). */
  private leaderWait: LeaderWait | null = null;
  private controlValue: grpc.UntypedServiceImplementation = {};
  /** When this manager last became leader (monotonic ms), for the log's line when it stops. */
  private leadingSinceMs = 0;
  /** Stops applying the cluster's raft settings to the raft member (see raft-settings.ts). */
  private stopFollowingSettings: () => void = () => undefined;

  private constructor(
    /** The replicated store. */
    readonly store: MemoryStore,
    /** The raft member. */
    readonly raft: RaftNode<TransactionOutcome[]>,
    private readonly transport: GrpcTransport,
    private readonly wal: Wal,
    /** Address serving Raft, Control and Dispatcher. */
    readonly addr: string,
    private readonly credentials: { server: grpc.ServerCredentials; channel: grpc.ChannelCredentials },
    private readonly dispatcher: Dispatcher,
    private readonly rootCa: Uint8Array | RootCaPems,
    private readonly nodeId: string | undefined,
    private readonly socketServer: grpc.Server | null,
    private readonly channelOptions: grpc.ChannelOptions,
    private readonly clusterId: string | undefined,
    private readonly logBroker: LogBroker,
    private readonly watch: WatchService,
    private readonly metrics: ManagerMetrics | undefined,
    private readonly clusterNetwork: swarm.v1.INetworkConfig | undefined,
    private readonly log: Log,
  ) {}

  /** Opens the state directory, starts serving and joins the raft group. */
  static async start(options: ManagerOptions): Promise<Manager> {
    const credentials = options.credentials ?? {
      server: grpc.ServerCredentials.createInsecure(),
      channel: grpc.credentials.createInsecure(),
    };
    const { wal, recovered } = await openWal(options.dir, options.encryption ? { encryption: options.encryption } : {});
    const fresh = recovered.hardState.term === 0 && recovered.entries.length === 0 && !recovered.snapshot;
    const joined =
      fresh && options.join
        ? await joinCluster(options.join, options.addr, credentials.channel, options.nodeId, options.channelOptions)
        : null;
    const id = joined?.raftId ?? (await readRaftId(options.dir)) ?? options.id;
    if (id === undefined) throw new InvalidArgumentError("id", "is required for a founding manager (or pass join)");
    await writeRaftId(options.dir, id);
    const store = new MemoryStore();
    // Rationed per event (log-budget.ts): what explains a large cluster's trouble comes in sweeps.
    const log = budgetedLog(options.log ?? silentLog);
    let manager: Manager | null = null;
    let raft: RaftNode<TransactionOutcome[]> | null = null;
    // A leader is known when this member leads or knows the leader's address.
    const leaderWait = new LeaderWait(() => raft !== null && raft.leaderAddrUnlessLeading() !== "");
    let lastLeader: RaftId = 0;
    /** The last leader other than "none" this member knew, for the leader-change count. */
    let lastKnownLeader: RaftId = 0;
    const guards = options.clusterId
      ? new ServiceGuards({
          store,
          clusterId: options.clusterId,
          ...(options.nodeId === undefined ? {} : { nodeId: options.nodeId }),
          isRaftMember: (raftId) => raft?.isMember(raftId) ?? false,
        })
      : null;
    const guard = <T extends grpc.UntypedServiceImplementation>(handlers: T, audience: ServiceAudience): T =>
      guards ? guards.guard(handlers, audience) : handlers;
    // Every call is admitted before its request is read: its service's size limit, and with mTLS
    // the caller's certificate checked and calls without one bounded (call-admission.ts).
    const admission = new CallAdmission({
      services: managerPortPolicies(),
      ...(guards
        ? { refusal: (call, audience) => guards.refusal(call, audience), identified: (call) => guards.identified(call) }
        : {}),
    });
    const transport = new GrpcTransport({
      id,
      credentials,
      interceptors: [admission.interceptor],
      onMessage: (m) => raft?.step(m),
      // Streams to the other managers opening and breaking say when this member lost its peers.
      log: (event, fields) => log(event === "transport.send_failed" ? "debug" : "info", event, fields),
      ...(options.channelOptions ? { channelOptions: options.channelOptions } : {}),
      ...(guards ? { guardRaftService: (h: grpc.UntypedServiceImplementation) => guards.guardRaft(h) } : {}),
    });
    for (const member of joined?.members ?? [])
      if (Number(member.raftId) !== id) transport.addPeer(Number(member.raftId), member.addr ?? "");
    raft = new RaftNode<TransactionOutcome[]>({
      id,
      addr: options.addr,
      storage: wal,
      transport,
      recovered,
      stateMachine: store,
      ...(options.bootstrap ? { bootstrap: options.bootstrap } : {}),
      ...(options.tickMs ? { tickMs: options.tickMs } : {}),
      ...(options.electionTicks ? { electionTicks: options.electionTicks } : {}),
      ...(options.snapshotIntervalEntries ? { snapshotIntervalEntries: options.snapshotIntervalEntries } : {}),
      ...(options.trailingEntries !== undefined ? { trailingEntries: options.trailingEntries } : {}),
      log: (event, fields) => log("error", event, fields),
      onSoftState: (state) => {
        // A leader id of 0 means "none known": only a leader other than the last one known counts
        // as a change. A follower that lost contact for an election timeout (pre-candidate: PreVote
        // kept the term) and hears the same leader again saw no change of leader.
        if (state.leader !== 0 && state.leader !== lastKnownLeader) {
          options.metrics?.raftLeaderChanges.inc();
          lastKnownLeader = state.leader;
        }
        // One line per change of role or leader: elections are rare, and each explains what follows.
        log("info", "raft.state", {
          role: state.role,
          term: raft?.status().term ?? 0,
          leader: state.leader,
          previousLeader: lastLeader,
        });
        lastLeader = state.leader;
        if (manager) {
          const was = manager.isLeading;
          manager.onLeadership(state.role === "leader");
          if (manager.isLeading !== was) options.onLeadershipChange?.(manager.isLeading);
        }
        leaderWait.notify();
      },
    });
    const proposer = { propose: (data: Uint8Array) => raft.propose(data) };
    // Node, operator and cross-signing requests to external CAs all show the manager's certificate.
    const externalSigning: ExternalSigning = options.externalCaTls ? { tls: options.externalCaTls } : {};
    const logged = loggingProposer(proposer, log);
    store.setProposer(options.metrics ? countingProposer(logged, options.metrics) : logged);
    const control = {
      ...createControlApi({
        store,
        forward: (method, request, leaderAddr) => manager!.forward(method, request, leaderAddr),
        leaderForReads: () => raft.leaderAddrUnlessLeading(),
        readBarrier: () => raft.readBarrier(),
        writeRefusal: () => raft.failure(),
        awaitLeader: () => leaderWait.wait(),
        raftQuorum: () =>
          raft.status().role === "leader" ? { voters: raft.status().voters, reachable: raft.reachableMembers() } : null,
        ...(options.nodeId !== undefined ? { nodeId: options.nodeId } : {}),
        caChange: (current, spec, nodeCount) =>
          prepareCaChange(current, spec, {
            now: realClock.now(),
            nodeCount,
            ...(options.externalCaTls ? { externalTls: options.externalCaTls } : {}),
          }),
      }),
      // Any manager can sign: every store holds the CA.
      ...operatorCertificateHandler(store, externalSigning),
      // Any manager can back up: it confirms its store with the leader first.
      ...backupHandler({ store, readBarrier: () => raft.readBarrier() }),
    };
    // Workers learn every manager's address, so they can fail over when theirs goes away.
    const dispatcher = new Dispatcher({
      store,
      log,
      managers: () => raft.status().members.map(([id, addr]) => ({ peer: { nodeId: String(id), addr }, weight: 1 })),
    });
    // Workers publish logs to the leader only; operators subscribe on any manager (relayed to the leader).
    const logBroker = new LogBroker({
      store,
      routing: {
        isLeading: () => manager?.isLeading ?? false,
        leaderAddr: () => raft.status().leaderAddr,
        channel: credentials.channel,
        ...(options.channelOptions ? { channelOptions: options.channelOptions } : {}),
      },
    });
    // Created before raft applies anything, so its history covers every commit this manager applies.
    const watch = new WatchService({ store });
    const bound = await transport.listen(options.listenAddr ?? options.addr, [
      { definition: controlService, implementation: guard(control as grpc.UntypedServiceImplementation, "operators") },
      {
        definition: raftMembershipService,
        implementation: guard(
          raftMembershipHandlers(raft, credentials.channel, store, options.channelOptions),
          "managers",
        ),
      },
      {
        definition: dispatcherService,
        implementation: guard(
          leaderOnly(
            options.metrics ? countingDispatcher(dispatcher.handlers(), options.metrics) : dispatcher.handlers(),
            () => manager?.isLeading ?? false,
            () => raft.status().leaderAddr,
            () => leaderWait.wait(),
          ),
          "nodes",
        ),
      },
      // Unguarded: joining nodes have no certificate yet; the service checks tokens and renewals itself.
      { definition: caService, implementation: createCaService({ store, external: externalSigning }) },
      {
        definition: logsService,
        implementation: guard(logBroker.logsHandlers(), "operators"),
      },
      {
        definition: logBrokerService,
        implementation: guard(logBroker.brokerHandlers(), "nodes"),
      },
      {
        definition: watchService,
        implementation: guard(watch.handlers(), "operators"),
      },
    ]);
    // Bound at the listen address, known at the advertised one; without a listen address the bound
    // one is advertised (it resolves port 0).
    const addr = options.listenAddr === undefined ? bound : options.addr;
    // The socket is root's way in (mode 0600); it serves what operators use, never raft or workers.
    const socketServer = options.controlSocket
      ? await serveOnSocket(options.controlSocket, [
          { definition: controlService, implementation: control },
          { definition: logsService, implementation: logBroker.logsHandlers() },
          { definition: watchService, implementation: watch.handlers() },
        ])
      : null;
    manager = new Manager(
      store,
      raft,
      transport,
      wal,
      addr,
      credentials,
      dispatcher,
      options.rootCa ?? options.rootCaCertPem ?? new Uint8Array(),
      options.nodeId,
      socketServer,
      options.channelOptions ?? {},
      options.clusterId,
      logBroker,
      watch,
      options.metrics,
      options.clusterNetwork,
      log,
    );
    manager.leaderWait = leaderWait;
    manager.controlValue = control;
    manager.stopFollowingSettings = followRaftSettings(store, raft);
    raft.start();
    return manager;
  }

  /** Worker sessions the dispatcher holds (leader; 0 elsewhere). */
  get dispatcherSessions(): number {
    return this.dispatcher.sessionCount;
  }

  /**
   * The Control handlers the control socket serves (root's way in: no certificate checks), for a
   * front end in the same process (the Engine API) to call without a round trip through the socket.
   */
  get controlHandlers(): grpc.UntypedServiceImplementation {
    return this.controlValue;
  }

  /** Whether this manager currently runs the leader's components. */
  get isLeading(): boolean {
    return this.leadership !== null;
  }

  /** Stops everything (components, raft, serving) and closes the WAL. */
  async stop(): Promise<void> {
    this.onLeadership(false);
    this.leaderWait?.close();
    this.stopFollowingSettings();
    // Open log and watch streams would hold the servers' graceful shutdown forever.
    this.logBroker.close();
    this.watch.close();
    await this.raft.stop();
    this.forwarder?.close();
    await this.transport.close();
    if (this.socketServer) await new Promise<void>((resolve) => this.socketServer!.tryShutdown(() => resolve()));
    await this.wal.close();
  }

  private onLeadership(leader: boolean): void {
    if (!leader) {
      if (this.leadership) {
        this.log("info", "manager.leadership-ended", {
          term: this.raft.status().term,
          ledMs: Math.round(realClock.monotonicMs() - this.leadingSinceMs),
        });
      }
      this.leadership?.abort();
      this.leadership = null;
      return;
    }
    if (this.leadership) return;
    const leadership = new AbortController();
    this.leadership = leadership;
    this.leadingSinceMs = realClock.monotonicMs();
    const term = this.raft.status().term;
    // Start only after everything committed before this term has applied here, so the components
    // never act on a store that lags the log (they would, e.g., recreate tasks that exist).
    const start = (): void => {
      this.raft.readBarrier().then(
        () => {
          if (leadership.signal.aborted) return;
          this.log("info", "manager.leader-components-started", {
            term,
            // From winning the election to having applied everything committed before it.
            barrierMs: Math.round(realClock.monotonicMs() - this.leadingSinceMs),
          });
          // Workers' sessions belong to the leader: the dispatcher runs (and ends them) with leadership.
          const components: LeaderComponent[] = [
            this.dispatcher,
            this.logBroker,
            new ServiceOrchestrator(this.store, { log: this.log }),
            new UpdateSupervisor(this.store, { log: this.log }),
            new TaskAllocator(this.store, { log: this.log }),
            new TaskScheduler(this.store, { ...(this.metrics ? { metrics: this.metrics } : {}), log: this.log }),
            new TaskReaper(this.store, { log: this.log }),
            new RoleReconciler(this.store, this.raft, { log: this.log }),
            new RootRotationReconciler(this.store),
            ...(this.nodeId
              ? [
                  new LeaderRecorder(
                    this.store,
                    { nodeId: this.nodeId, raftId: this.raft.id, addr: this.addr },
                    { log: this.log },
                  ),
                ]
              : []),
          ];
          for (const c of components) void c.run(leadership.signal);
          // Without its cluster object a new cluster has no join tokens and no CA to sign with:
          // the write is tried again until it lands or leadership ends, never dropped.
          void writeUntilDone(
            leadership.signal,
            () => ensureCluster(this.store, this.rootCa, this.clusterId, this.clusterNetwork),
            this.log,
            "manager.cluster-object-failed",
          );
        },
        () => {
          // The barrier times out after one election timeout, which a loaded machine or a member
          // still catching up can exceed while this member stays leader. Raft then reports no new
          // role, so giving up would leave a leader that serves no worker for good ("not the leader;
          // the leader is at" its own address): ask again for as long as the leadership lasts.
          if (leadership.signal.aborted || this.leadership !== leadership) return;
          this.log("info", "manager.leadership-barrier-retry", { term });
          realClock.after(leadershipBarrierRetryMs, start, { keepAlive: false });
        },
      );
    };
    start();
  }

  private forward(method: ControlMethod, request: unknown, leaderAddr: string): Promise<unknown> {
    this.forwarder ??= new LeaderForwarder(this.credentials.channel, this.channelOptions);
    return this.forwarder.forward(method, request, leaderAddr);
  }
}

/**
 * Wraps the dispatcher's handlers so that only the leader serves workers; a follower answers
 * UNAVAILABLE naming the leader, and the worker reconnects there. A session asked for while no
 * leader is known (an election after the leader died) is held until one is (`awaitLeader`, bounded
 * in time and in held calls) and then served or sent on: every worker of the dead leader finds the
 * new one as soon as it is elected, instead of retrying the managers one by one with a backoff
 * that has grown to its longest while the election ran.
 */
export function leaderOnly(
  handlers: DispatcherServer,
  isLeading: () => boolean,
  leaderAddr: () => string,
  awaitLeader?: () => Promise<void>,
): DispatcherServer {
  const refusal = (): Partial<grpc.StatusObject> => ({
    code: grpc.status.UNAVAILABLE,
    details: `not the leader; the leader is at ${leaderAddr() || "an unknown address"}`,
  });
  // A streaming call is refused by emitting the error: grpc-js sends no status for destroy(error).
  const refuse = (call: { emit(event: "error", error: Error): boolean }): void =>
    void call.emit("error", Object.assign(new Error(refusal().details), refusal()));
  const session: DispatcherServer["session"] = (call) => {
    if (isLeading()) return handlers.session(call);
    if (!awaitLeader || leaderAddr() !== "") return refuse(call);
    void awaitLeader().then(() => {
      if (call.cancelled) return;
      if (isLeading()) handlers.session(call);
      else refuse(call);
    });
  };
  return {
    session,
    assignments: (call) => (isLeading() ? handlers.assignments(call) : refuse(call)),
    heartbeat: (call, callback) => (isLeading() ? handlers.heartbeat(call, callback) : callback(refusal())),
    updateTaskStatus: (call, callback) =>
      isLeading() ? handlers.updateTaskStatus(call, callback) : callback(refusal()),
    updateNodeTlsInfo: (call, callback) =>
      isLeading() ? handlers.updateNodeTlsInfo(call, callback) : callback(refusal()),
  };
}

/** Asks an existing cluster to admit this manager; retries while the cluster has no leader. */
async function joinCluster(
  target: string,
  addr: string,
  channel: grpc.ChannelCredentials,
  nodeId: string | undefined,
  channelOptions: grpc.ChannelOptions = {},
): Promise<swarm.v1.JoinResponse> {
  const metadata = new grpc.Metadata();
  if (nodeId) metadata.set(nodeIdHeader, nodeId);
  const client = new RaftMembershipClient(target, channel, channelOptions);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        return await new Promise<swarm.v1.JoinResponse>((resolve, reject) =>
          client.join({ addr }, metadata, { deadline: realClock.now() + joinCallMsMax }, (err, res) =>
            err ? reject(err) : resolve(res!),
          ),
        );
      } catch (error) {
        const code = (error as grpc.ServiceError).code;
        if (code !== grpc.status.UNAVAILABLE || attempt >= joinAttemptsMax) throw error;
        await realClock.sleep(200);
      }
    }
  } finally {
    client.close();
  }
}

/** Serves services on a unix socket only root can use; a stale socket of a previous run is replaced. */
async function serveOnSocket(
  path: string,
  services: readonly { definition: grpc.ServiceDefinition; implementation: grpc.UntypedServiceImplementation }[],
): Promise<grpc.Server> {
  await rm(path, { force: true });
  const server = new grpc.Server();
  for (const service of services) server.addService(service.definition, service.implementation);
  await new Promise<number>((resolve, reject) =>
    server.bindAsync(`unix://${path}`, grpc.ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve(port),
    ),
  );
  await chmod(path, 0o600);
  return server;
}

/** Join attempts while the cluster elects a leader. */
export const joinAttemptsMax = 50;

/**
 * How long one Join call may take before the joining manager gives up on it: a leader that dies
 * after admitting the learner never answers, and the retry gets the same raft id back.
 */
export const joinCallMsMax = 10_000;

/** Pause before a new leader asks again for the read barrier its components wait for, in milliseconds. */
export const leadershipBarrierRetryMs = 200;

const raftIdFile = (dir: string): string => join(dir, "raft-id");

/** The raft id this state dir was given, if any. */
async function readRaftId(dir: string): Promise<RaftId | undefined> {
  try {
    const text = await readFile(raftIdFile(dir), "utf8");
    return Number(text.trim());
  } catch {
    return undefined;
  }
}

/** Records the raft id beside the WAL (atomically), so a restarted manager keeps its identity. */
async function writeRaftId(dir: string, id: RaftId): Promise<void> {
  const tmp = `${raftIdFile(dir)}.tmp`;
  await writeFile(tmp, `${id}\n`, { flush: true });
  await rename(tmp, raftIdFile(dir));
}
