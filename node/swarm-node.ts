// One running node: the manager part (raft member, store, Control, dispatcher) when its role is
// manager, and the agent that runs the node's tasks, always. Both share the state directory:
//
//   <stateDir>/node.json     identity, role, addresses, known managers (node-state.ts)
//   <stateDir>/manager/      raft WAL and snapshots (encrypted), raft id, raft-dek.json (manager nodes)
//   <stateDir>/worker/       the agent's task database
//   <stateDir>/executor/     process executor files (when tasks run as processes)
//   <stateDir>/control.sock  the operators' Control API (manager nodes; mode 0600 in a 0700 dir)
import { randomBytes } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import {
  type Cancel,
  controlSocketPath,
  InvalidArgumentError,
  type Log,
  randomId,
  realClock,
  SwarmError,
  waitFor,
} from "../common/index.js";
import {
  certificateValidity,
  createRootCa,
  issueNodeCertificate,
  issuerOfLeaf,
  joinCertificates,
  Manager,
  type ManagerMetrics,
  ManagerRole,
  parseNodeIdentity,
  raftIdMax,
  type RootCaPems,
  signedByCa,
  splitCertificates,
  tlsInfoOf,
} from "../manager/index.js";
import { swarm } from "../proto/index.js";
import { Agent, type Executor, IngressMesh, kernelPathAvailable, type NetworkAgent } from "../worker/index.js";
import {
  clientCredentials,
  createCsr,
  fetchRootCa,
  generateNodeKey,
  managerChannelOptions,
  NodeCertificateProvider,
  type NodeCertificates,
  NodeCertStore,
  providerClientCredentials,
  providerServerCredentials,
  RenewalScheduler,
  requestNodeCertificate,
} from "./certs/index.js";
import { DekKeeper } from "./dek-keeper.js";
import { createExecutor, type ExecutorChoice } from "./executor-choice.js";
import { markFormerManagersDown, rewriteAsNewCluster } from "./force-new-cluster.js";
import { currentUnlockKey, enableAutolock, loadManagerKeys } from "./manager-keys.js";
import { feedMesh, type MeshSink } from "./mesh-feed.js";
import { createNetworkAgent, type NetworkAgentChoice, wireguardKeyFile } from "./network-choice.js";
import { feedNetworkAgent } from "./network-feed.js";
import { markBackupNodesDown, openBackup, seedRaftFromBackup } from "./restore.js";
import {
  NoNodeStateError,
  NodeStateExistsError,
  readNodeState,
  writeNodeState,
  type NodeStateFile,
} from "./node-state.js";

/** A structured log sink: one event with its fields (common's Log, named for the node's options). */
export type NodeLog = Log;

/** Manager port when `--listen-addr` gives none (Docker uses 2377; ours is distinct so both can run). */
export const managerPortDefault = 4242;

/** Listen address when none is given: loopback until mutual TLS protects the port. */
export const listenAddrDefault = `127.0.0.1:${managerPortDefault}`;

/** Attempts at reporting a renewed certificate's issuer on the open session. */
export const tlsInfoReportsMax = 3;

/** Delay before a renewal a root rotation asked for is tried again after a failure, in ms. */
export const rotationRetryMs = 2_000;

/** How soon a role change (promotion, demotion, the certificate that goes with it) that failed is tried again, in ms. */
export const roleChangeRetryMs = 2_000;

/** How long init waits for the new cluster's first leader and cluster object. */
export const clusterReadyMsMax = 30_000;

/** Options shared by init, join and run. */
export interface SwarmNodeOptions {
  /** The node's state directory. */
  readonly stateDir: string;
  /** Where the manager part listens (host:port; a bare host gets the default port). */
  readonly listenAddr?: string;
  /** Address other nodes reach this one at (default: the listen address). */
  readonly advertiseAddr?: string;
  /** Task runtime; `auto` picks docker when the engine answers, else process. */
  readonly executor?: ExecutorChoice;
  /** Log sink. */
  readonly log?: NodeLog;
  /** Raft tick length (tests shorten it). */
  readonly tickMs?: number;
  /** Agent status flush period (tests shorten it). */
  readonly statusFlushMs?: number;
  /** Builds the routing mesh bound on the node's advertise host (default: IngressMesh; tests inject a stand-in); null: no mesh. */
  readonly mesh?: ((bindAddr: string) => MeshSink) | null;
  /**
   * The routing mesh's data path (`swarmd --mesh-datapath`): userspace (the default) proxies every
   * connection; kernel adds iptables DNAT rules for the TCP ports the kernel can serve alone (root,
   * IPv4), refusing to start where it cannot; auto takes kernel where it can, else userspace.
   */
  readonly meshDatapath?: MeshDatapath;
  /** init: lock managers' state at rest with an unlock key from the start (`swarmd init --autolock`). */
  readonly autolock?: boolean;
  /** run: the unlock key of an autolocked manager; absent, a locked manager waits for `swarmctl cluster unlock`. */
  readonly unlockKey?: string;
  /** Counters the manager part feeds (`swarmd --metrics-addr`; see metrics-node.ts). */
  readonly metrics?: ManagerMetrics;
  /**
   * The node's hostname in its description (`swarmd --hostname`), shown by `node ls` and usable in
   * constraints as node.hostname; kept in node.json, so later starts keep it. Default: the machine's.
   */
  readonly hostname?: string;
  /** The only programs process tasks may run (`swarmd --process-allow`; see worker's program-allow.ts). */
  readonly processAllow?: readonly string[];
  /** init: the new cluster's overlay settings (`--default-addr-pool`, `--default-addr-pool-mask-length`, `--data-path-port`). */
  readonly clusterNetwork?: swarm.v1.INetworkConfig;
  /** join, run: this node's own data-path port (`--data-path-port`), kept in node.json; absent: the cluster's. */
  readonly dataPathPort?: number;
  /**
   * Whether the node runs a network agent (`--network-agent auto|off`), kept in node.json. Default
   * off: nodes embedded in a process (tests) must not program the host's network; swarmd passes
   * auto at init and join unless told otherwise.
   */
  readonly networkAgent?: NetworkAgentChoice;
  /**
   * Prefix of the network agent's kernel names (`--network-prefix`), kept in node.json: nodes that
   * share one network namespace (local clusters) need one each.
   */
  readonly networkPrefix?: string;
  /** The wireguard-go program for encrypted networks (`--wireguard-go`), kept in node.json. */
  readonly wireguardGo?: string;
  /**
   * init, join, run: the node's engine labels (`swarmd --label`), reported in its description for
   * `engine.labels.KEY` constraints; kept in node.json, and a later set replaces the kept one.
   */
  readonly engineLabels?: Readonly<Record<string, string>>;
  /**
   * init, join, run: the node's generic resources (`swarmd --node-generic-resource`), reported in its
   * description for services' generic resource reservations; kept in node.json like the labels.
   */
  readonly genericResources?: readonly swarm.v1.GenericResource.$Properties[];
  /**
   * init, join, run: the only address published ports answer on (`swarmd --publish-addr`), kept in
   * node.json; absent, every address of the node (as Docker binds them). Nodes sharing one host
   * (local clusters, tests) give each their own.
   */
  readonly publishAddr?: string;
  /** join: the availability the node starts with (`swarmd join --availability`); absent: active. */
  readonly availability?: swarm.v1.NodeSpec.Availability;
}

/** The new cluster's join tokens. */
export interface JoinTokens {
  /** Token that joins a node as a worker. */
  readonly worker: string;
  /** Token that joins a node as a manager. */
  readonly manager: string;
}

/** The cluster did not become ready in time. */
export class ClusterNotReadyError extends SwarmError {
  constructor(message: string) {
    super("CLUSTER_NOT_READY", message);
  }
}

const silent: NodeLog = () => undefined;
const Role = swarm.v1.NodeSpec.Role;

/** Adds the default port to a bare host and checks the form. */
export function normaliseAddr(
  field: string,
  value: string,
  options: { wildcard?: boolean; port?: string } = {},
): string {
  const withPort = /:\d+$/.test(value) ? value : `${value}:${options.port ?? managerPortDefault}`;
  if (!/^[^\s:]+:\d{1,5}$/.test(withPort)) throw new InvalidArgumentError(field, `must be host[:port], got "${value}"`);
  const host = withPort.slice(0, withPort.lastIndexOf(":"));
  if (!options.wildcard && (host === "0.0.0.0" || host === "::"))
    throw new InvalidArgumentError(field, "must be an address other nodes can reach, not a wildcard");
  return withPort;
}

/**
 * The address a node binds its manager port to and the one it tells others, as Docker's
 * --listen-addr and --advertise-addr: the listen address may be a wildcard (0.0.0.0) when an
 * advertise address is given; an advertise address without a port takes the listen port.
 */
export function nodeAddrs(options: { listenAddr?: string; advertiseAddr?: string }): {
  listenAddr: string;
  advertiseAddr: string;
} {
  const listenAddr = normaliseAddr("listen-addr", options.listenAddr ?? listenAddrDefault, { wildcard: true });
  const listenHost = listenAddr.slice(0, listenAddr.lastIndexOf(":"));
  if ((listenHost === "0.0.0.0" || listenHost === "::") && options.advertiseAddr === undefined)
    throw new InvalidArgumentError(
      "advertise-addr",
      `is required when --listen-addr is a wildcard (${listenHost}): give the address other nodes reach this one at`,
    );
  const listenPort = listenAddr.slice(listenAddr.lastIndexOf(":") + 1);
  const advertiseAddr = options.advertiseAddr
    ? normaliseAddr("advertise-addr", options.advertiseAddr, { port: listenPort })
    : listenAddr;
  return { listenAddr, advertiseAddr };
}

/** A running node. */
export class SwarmNode {
  private stopped = false;
  private roleChange: Promise<void> = Promise.resolve();
  /** The renewal a root rotation asked for, while it runs. */
  private rotationRenewal: Promise<void> | null = null;
  /** Trust updates, one at a time. */
  private trustUpdate: Promise<void> = Promise.resolve();
  /** The newest node object the session delivered (role changes follow it). */
  private lastNodeObject: swarm.v1.INode | null = null;
  /** A failed role change's next attempt. */
  private roleRetry: Cancel | null = null;
  /** Stops feeding the routing mesh and closes it. */
  private stopMesh: (() => Promise<void>) | null = null;
  /** Stops feeding the network agent and closes it (the kernel keeps forwarding for the tasks). */
  private stopNetwork: (() => Promise<void>) | null = null;
  /** Renews the node certificate at 50–80 % of its life, through whichever manager the agent talks to. */
  private readonly renewal = new RenewalScheduler({
    validity: () => certificateValidity(this.certificates.certPem),
    renew: () => this.renewCertificateNow(),
    onError: (error, attempt) => this.log("warn", "node.certificate-renewal-failed", { attempt, error: String(error) }),
  });

  private constructor(
    /** What the node remembers. */
    private stateValue: NodeStateFile,
    private managerValue: Manager | null,
    /** The agent running this node's tasks. */
    readonly agent: Agent,
    private certificates: NodeCertificates,
    private readonly serverCertificate: NodeCertificateProvider,
    private readonly options: SwarmNodeOptions,
    private readonly log: NodeLog,
  ) {}

  /** What the node remembers. */
  get state(): NodeStateFile {
    return this.stateValue;
  }

  /** The manager part, on manager nodes. */
  get manager(): Manager | null {
    return this.managerValue;
  }

  /** This node's id. */
  get nodeId(): string {
    return this.state.nodeId;
  }

  /** Creates a new cluster whose first manager is this node. */
  static async init(options: SwarmNodeOptions): Promise<SwarmNode> {
    if (await readNodeState(options.stateDir)) throw new NodeStateExistsError(options.stateDir);
    const state = founderState(options);
    const raftId = newRaftId();
    await mkdir(options.stateDir, { recursive: true, mode: 0o700 });
    // The founder is its own CA's first customer: it signs its manager certificate directly.
    const clusterId = randomId();
    const rootCa = await createRootCa(clusterId);
    const key = await generateNodeKey();
    const certPem = await issueNodeCertificate(rootCa, await createCsr(key), {
      nodeId: state.nodeId,
      role: ManagerRole,
      clusterId,
    });
    const certificates: NodeCertificates = { caPem: rootCa.certPem, certPem, keyPem: key.keyPem };
    await new NodeCertStore(options.stateDir).save(certificates);
    const serverCertificate = new NodeCertificateProvider(certificates);
    const manager = await startManager(options, state, serverCertificate, certificates, {
      id: raftId,
      bootstrap: new Map([[raftId, state.advertiseAddr]]),
      rootCa,
      ...(options.clusterNetwork ? { clusterNetwork: options.clusterNetwork } : {}),
    });
    try {
      await waitFor(
        "the new cluster's first leader",
        () => (manager.isLeading && manager.store.view((tx) => tx.count("cluster")) > 0 ? true : undefined),
        { timeoutMs: clusterReadyMsMax },
      );
    } catch (error) {
      await manager.stop();
      throw new ClusterNotReadyError(
        `the new cluster elected no leader within ${clusterReadyMsMax} ms: ${String(error)}`,
      );
    }
    if (options.autolock) {
      await enableAutolock(manager.store);
      // The DEK file is wrapped before init reports success: a crash now already needs the key.
      await dekKeepers.get(manager)?.sync(manager.store);
    }
    await writeNodeState(options.stateDir, state);
    return SwarmNode.withAgent(options, state, certificates, serverCertificate, manager);
  }

  /**
   * Founds a new cluster from a backup (`swarmd init --restore FILE`): the backup's store (root CA,
   * services, secrets, configs, networks, node records) seeds a new single-manager raft group, and
   * this node joins it as a new manager node certified by the restored root CA. `options.unlockKey`
   * opens a backup taken with autolock on.
   */
  static async restore(options: SwarmNodeOptions & { backupFile: string }): Promise<SwarmNode> {
    if (await readNodeState(options.stateDir)) throw new NodeStateExistsError(options.stateDir);
    const log = options.log ?? silent;
    const backup = await openBackup(options.backupFile, options.unlockKey);
    // The same addresses as init's: a wildcard listen address, an advertise address's default port.
    const state = founderState(options);
    const raftId = newRaftId();
    await mkdir(options.stateDir, { recursive: true, mode: 0o700 });
    const key = await generateNodeKey();
    const certPem = await issueNodeCertificate(backup.rootCa, await createCsr(key), {
      nodeId: state.nodeId,
      role: ManagerRole,
      clusterId: backup.clusterId,
    });
    const certificates: NodeCertificates = { caPem: backup.rootCa.certPem, certPem, keyPem: key.keyPem };
    await new NodeCertStore(options.stateDir).save(certificates);
    await seedRaftFromBackup(options.stateDir, backup, { raftId, addr: state.advertiseAddr }, log);
    const serverCertificate = new NodeCertificateProvider(certificates);
    // The unlock key opened the backup; the new manager's own data key starts unwrapped and is
    // wrapped again once the restored cluster object (autolock on) is applied.
    const { unlockKey: _opened, ...managerOptions } = options;
    const manager = await startManager(managerOptions, state, serverCertificate, certificates, {
      id: raftId,
      rootCa: backup.rootCa,
    });
    try {
      await waitFor("the restored cluster's leader", () => (manager.isLeading ? true : undefined), {
        timeoutMs: clusterReadyMsMax,
      });
      const formerNodes = await markBackupNodesDown(manager, state.nodeId);
      log("warn", "node.restored-from-backup", {
        nodeId: state.nodeId,
        backup: options.backupFile,
        raftIndex: backup.raftIndex,
        takenAt: backup.header.createdAt,
        formerNodes,
        ...backup.counts,
      });
      await dekKeepers.get(manager)?.sync(manager.store);
    } catch (error) {
      await manager.stop();
      throw error;
    }
    await writeNodeState(options.stateDir, state);
    return SwarmNode.withAgent(managerOptions, state, certificates, serverCertificate, manager);
  }

  /** Joins an existing cluster through one of its managers, as worker or manager as the token says. */
  static async join(options: SwarmNodeOptions & { token: string; remoteAddr: string }): Promise<SwarmNode> {
    if (await readNodeState(options.stateDir)) throw new NodeStateExistsError(options.stateDir);
    const remoteAddr = normaliseAddr("MANAGER_ADDR", options.remoteAddr);
    const { listenAddr, advertiseAddr } = nodeAddrs(options);
    // The CA certificate comes over an unverified channel and is trusted only if its digest is the
    // one the token carries; the certificate request then goes over TLS pinned to it.
    const caPem = await fetchRootCa(remoteAddr, options.token);
    const key = await generateNodeKey();
    const issued = await requestNodeCertificate(remoteAddr, {
      csr: await createCsr(key),
      caPem,
      token: options.token,
      availabilityAddr: advertiseAddr,
      ...(options.availability === undefined ? {} : { availability: options.availability }),
    });
    const certificates: NodeCertificates = { caPem, certPem: issued.certPem, keyPem: key.keyPem };
    const role = parseNodeIdentity(issued.certPem).role === ManagerRole ? "manager" : "worker";
    await mkdir(options.stateDir, { recursive: true, mode: 0o700 });
    await new NodeCertStore(options.stateDir).save(certificates);
    const state: NodeStateFile = {
      version: 1,
      nodeId: issued.nodeId,
      role,
      listenAddr,
      advertiseAddr,
      managers: role === "manager" ? [advertiseAddr, remoteAddr] : [remoteAddr],
      executor: options.executor ?? "auto",
      ...(options.hostname === undefined ? {} : { hostname: options.hostname }),
      ...(options.dataPathPort ? { dataPathPort: options.dataPathPort } : {}),
      ...networkState(options),
      ...(options.engineLabels ? { engineLabels: options.engineLabels } : {}),
      ...keptResources(options),
    };
    const serverCertificate = new NodeCertificateProvider(certificates);
    const manager =
      role === "manager"
        ? await startManager(options, state, serverCertificate, certificates, { join: remoteAddr })
        : null;
    await writeNodeState(options.stateDir, state);
    return SwarmNode.withAgent(options, state, certificates, serverCertificate, manager);
  }

  /** Starts a node that was initialised or joined before, with its identity and role. */
  static async run(options: SwarmNodeOptions): Promise<SwarmNode> {
    let state = await readNodeState(options.stateDir);
    if (!state) throw new NoNodeStateError(options.stateDir);
    // Settings given at this start replace the ones remembered.
    const given = {
      ...(options.hostname === undefined ? {} : { hostname: options.hostname }),
      ...(options.dataPathPort ? { dataPathPort: options.dataPathPort } : {}),
      ...(options.publishAddr === undefined ? {} : { publishAddr: options.publishAddr }),
      ...networkState(options),
    };
    const remembered = state;
    if (Object.entries(given).some(([k, v]) => remembered[k as keyof NodeStateFile] !== v)) {
      state = { ...state, ...given };
      await writeNodeState(options.stateDir, state);
    }
    // Labels given at this start replace the kept ones, as dockerd's come from each start's flags.
    if (options.engineLabels) {
      state = { ...state, engineLabels: options.engineLabels };
      await writeNodeState(options.stateDir, state);
    }
    // So do generic resources: the hardware may have changed between starts.
    if (options.genericResources) {
      state = { ...state, genericResources: options.genericResources };
      await writeNodeState(options.stateDir, state);
    }
    const certificates = await new NodeCertStore(options.stateDir).load();
    if (!certificates)
      throw new SwarmError(
        "NO_CERTIFICATES",
        `${options.stateDir} holds a node but not its certificates; \`swarmd leave\` and join again`,
      );
    const serverCertificate = new NodeCertificateProvider(certificates);
    const manager =
      state.role === "manager" ? await startManager(options, state, serverCertificate, certificates, {}) : null;
    return SwarmNode.withAgent(options, state, certificates, serverCertificate, manager);
  }

  /**
   * Quorum-loss recovery (`swarmd init --force-new-cluster`): restarts a stopped manager from its
   * state dir as the only member of its cluster, with the store intact, and marks the other
   * managers' node records down once it leads.
   */
  static async forceNewCluster(options: SwarmNodeOptions): Promise<SwarmNode> {
    const formerLog = await rewriteAsNewCluster(options.stateDir, {
      log: options.log ?? silent,
      ...(options.unlockKey === undefined ? {} : { unlockKey: options.unlockKey }),
    });
    const node = await SwarmNode.run(options);
    const formerManagers = await markFormerManagersDown(node.manager!, node.nodeId);
    node.log("warn", "node.forced-new-cluster", { nodeId: node.nodeId, formerLog, formerManagers });
    return node;
  }

  private static async withAgent(
    options: SwarmNodeOptions,
    state: NodeStateFile,
    certificates: NodeCertificates,
    serverCertificate: NodeCertificateProvider,
    manager: Manager | null,
  ): Promise<SwarmNode> {
    const log = options.log ?? silent;
    let node: SwarmNode | null = null;
    const host = state.advertiseAddr.slice(0, state.advertiseAddr.lastIndexOf(":"));
    const publishAddr = publishAddrOf(options, state);
    let executor: Executor;
    let agent: Agent;
    let kernel = false;
    let network: NetworkAgent | undefined;
    const networkLog = (event: string, fields: Record<string, unknown>): void =>
      log(levelOf(event), event, { component: "network", ...fields });
    try {
      kernel = await meshKernelPath(options.meshDatapath ?? "userspace", publishAddr, log);
      executor = await createExecutor(options.executor ?? state.executor, options.stateDir, {
        ...(options.processAllow === undefined ? {} : { processAllow: options.processAllow }),
        network: (kind) => {
          network = createNetworkAgent({
            choice: state.networkAgent ?? "off",
            prefix: state.networkPrefix ?? "",
            host,
            publishAddr,
            ...(state.dataPathPort ? { dataPathPort: state.dataPathPort } : {}),
            docker: kind === "docker",
            nodeId: state.nodeId,
            wireguardKeyFile: wireguardKeyFile(options.stateDir),
            ...(state.wireguardGo ? { wireguardGo: state.wireguardGo } : {}),
            log: networkLog,
          });
          return network;
        },
      });
      agent = await Agent.start({
        stateDir: join(options.stateDir, "worker"),
        nodeId: state.nodeId,
        ...(state.hostname === undefined ? {} : { hostname: state.hostname }),
        managers: state.managers,
        executor,
        publishAddr,
        nodeAddr: host,
        ...(state.dataPathPort ? { dataPathPort: state.dataPathPort } : {}),
        // A node without a network agent says so, and the planner keeps overlay tasks off it.
        // Encrypted networks need the node's WireGuard tunnel: its public key goes with the
        // description, and a node that cannot encrypt says why.
        networkCapabilities: () => {
          const encryption = network?.encryption();
          return {
            overlay: network !== undefined,
            encrypted: encryption !== undefined && "publicKey" in encryption,
            encryptedUnavailable:
              encryption === undefined
                ? "the node runs no network agent"
                : "unavailable" in encryption
                  ? encryption.unavailable
                  : "",
          };
        },
        wireguardPublicKey: () => {
          const encryption = network?.encryption();
          return encryption !== undefined && "publicKey" in encryption ? encryption.publicKey : "";
        },
        ...(state.engineLabels ? { labels: state.engineLabels } : {}),
        ...(state.genericResources ? { genericResources: state.genericResources } : {}),
        // Asked on every reconnect, so sessions after a renewal present the new certificate.
        credentials: () => clientCredentials(node?.certificates ?? certificates),
        // Who issued the certificate in use: a root rotation ends once every node reports the new root.
        tlsInfo: () => nodeTlsInfo(node?.certificates ?? certificates),
        onRootCa: (rootCaPem) => void node?.followTrust(Buffer.from(rootCaPem).toString("utf8")),
        channelOptions: managerChannelOptions,
        ...(options.statusFlushMs === undefined ? {} : { statusFlushMs: options.statusFlushMs }),
        log: (event, fields) => log(levelOf(event), event, { component: "agent", ...fields }),
      });
    } catch (error) {
      // Never half-started: a node whose agent cannot run does not keep its manager part either.
      await network?.close();
      if (manager) await stopManager(manager);
      throw error;
    }
    node = new SwarmNode(state, manager, agent, certificates, serverCertificate, options, log);
    node.renewal.start();
    // The routing mesh answers every ingress-published port on the node's publish address.
    const meshLog = (event: string, fields: Record<string, unknown>): void =>
      log(levelOf(event), event, { component: "mesh", ...fields });
    const mesh =
      options.mesh === undefined
        ? new IngressMesh({ bindAddr: publishAddr, log: meshLog, kernel })
        : options.mesh?.(publishAddr);
    if (mesh) node.stopMesh = feedMesh(agent, mesh, meshLog);
    // Overlay networks: the agent's network view drives the node's bridges, VIPs and DNS.
    if (network) node.stopNetwork = feedNetworkAgent(agent, network, networkLog);
    // Promotion and demotion are live: the node object the session carries says which role to run.
    agent.onNode((object) => {
      // A root rotation asks each node to renew through its certificate status.
      if (Number(object.certificate?.status ?? 0) === Number(swarm.v1.Certificate.Status.STATUS_ROTATE))
        node.renewForRotation();
      node.queueRoleChange(object);
    });
    log("info", "node.started", {
      nodeId: state.nodeId,
      role: state.role,
      advertiseAddr: state.advertiseAddr,
      executor: executor.kind,
      ...(state.hostname === undefined ? {} : { hostname: state.hostname }),
      ...(options.processAllow === undefined ? {} : { processAllow: options.processAllow }),
    });
    return node;
  }

  /**
   * Follows the node object's role after the role changes already queued. A step that fails (a
   * manager unreachable for a moment, a write that lost a race) is tried again after
   * {@link roleChangeRetryMs} with the newest node object: the session sends the object only when
   * it changes, so without a retry a half-done change would stay so for good.
   */
  private queueRoleChange(object: swarm.v1.INode): void {
    this.lastNodeObject = object;
    this.roleChange = this.roleChange
      .then(() => this.followRole(object))
      .catch((error: unknown) => {
        this.log("error", "node.role-change-failed", { error: String(error) });
        if (this.stopped || this.roleRetry) return;
        this.roleRetry = realClock.after(
          roleChangeRetryMs,
          () => {
            this.roleRetry = null;
            if (this.lastNodeObject && !this.stopped) this.queueRoleChange(this.lastNodeObject);
          },
          { keepAlive: false },
        );
      });
  }

  /** Starts or stops the manager part when the node's role changed. */
  private async followRole(object: swarm.v1.INode): Promise<void> {
    if (this.stopped || object !== this.lastNodeObject) return;
    // Remember the managers the cluster announced, so a restarted node finds one even if the
    // manager it first joined through is gone.
    const managers = this.agent.managers;
    if (managers.length > 0 && managers.join() !== this.stateValue.managers.join())
      await this.saveState({ ...this.stateValue, managers: [...managers] });
    const desired = Number(object.spec?.desiredRole ?? Role.ROLE_WORKER);
    const role = Number(object.role ?? Role.ROLE_WORKER);
    if (this.stateValue.role === "worker" && desired === Number(Role.ROLE_MANAGER)) {
      const via = this.agent.manager ?? this.stateValue.managers[0];
      if (!via) return;
      this.log("info", "node.promoting", { nodeId: this.nodeId, via });
      // Peers accept only a manager certificate: renew first, the CA signs the role the node object wants.
      await this.renewCertificate(via);
      // A former manager's raft state belongs to a membership that ended: start afresh.
      await rm(join(this.options.stateDir, "manager"), { recursive: true, force: true });
      this.managerValue = await startManager(this.options, this.stateValue, this.serverCertificate, this.certificates, {
        join: via,
      });
      await this.saveState({ ...this.stateValue, role: "manager" });
      this.log("info", "node.promoted", { nodeId: this.nodeId });
    } else if (
      this.stateValue.role === "manager" &&
      role === Number(Role.ROLE_WORKER) &&
      desired === Number(Role.ROLE_WORKER)
    ) {
      // The leader removed this member from raft before recording the role, so stopping is safe.
      this.log("info", "node.demoting", { nodeId: this.nodeId });
      if (this.managerValue) await stopManager(this.managerValue);
      this.managerValue = null;
      await rm(join(this.options.stateDir, "manager"), { recursive: true, force: true });
      // Recorded before anything else can fail: the manager part is gone, and a node whose state
      // still said manager would neither be promoted again nor restart as what it is.
      await this.saveState({ ...this.stateValue, role: "worker" });
      this.log("info", "node.demoted", { nodeId: this.nodeId });
    }
    if (
      this.stateValue.role === "worker" &&
      desired === Number(Role.ROLE_WORKER) &&
      parseNodeIdentity(this.certificates.certPem).role === ManagerRole
    ) {
      // A demoted node must not keep a certificate that opens the managers' services.
      const via = [this.agent.manager, ...this.agent.managers, ...this.stateValue.managers].find(
        (m) => m && m !== this.stateValue.advertiseAddr,
      );
      if (!via) throw new SwarmError("NO_MANAGER", "no other manager known to renew the demoted node's certificate");
      await this.renewCertificate(via);
    }
  }

  /** Renews the node certificate now rather than at its scheduled time (operators, tests). */
  renewCertificateNow(): Promise<void> {
    const via = [this.agent.manager, ...this.agent.managers, ...this.stateValue.managers].find((m) => m);
    if (!via) return Promise.reject(new SwarmError("NO_MANAGER", "no manager known to renew the certificate through"));
    // Queued behind role changes; a failed attempt must not block the ones after it.
    const attempt = this.roleChange.then(() => this.renewCertificate(via));
    this.roleChange = attempt.catch(() => undefined);
    return attempt;
  }

  /**
   * Renews at once because a root rotation asks it (the certificate status ROTATE), unless a
   * renewal for it is under way; then reports the new issuer on the open session.
   */
  private renewForRotation(): void {
    if (this.rotationRenewal || this.stopped) return;
    this.log("info", "node.certificate-rotate", { nodeId: this.nodeId });
    this.rotationRenewal = this.renewCertificateNow()
      .catch((error: unknown) => {
        this.log("warn", "node.certificate-rotate-failed", { error: String(error), retryMs: rotationRetryMs });
        // Still asked (e.g. the leader changed under the renewal): try again soon, not after the leader's grace.
        realClock.after(
          rotationRetryMs,
          () => {
            const status = Number(this.agent.node?.certificate?.status ?? 0);
            if (status === Number(swarm.v1.Certificate.Status.STATUS_ROTATE)) this.renewForRotation();
          },
          { keepAlive: false },
        );
      })
      .finally(() => (this.rotationRenewal = null));
  }

  /**
   * Takes the roots the managers say to trust (the new root joins them when a rotation starts, the
   * old one leaves when it ends): kept on disk, trusted by the manager port at once for new
   * connections (open ones stay), and by the agent's next connection.
   */
  private async followTrust(caPem: string): Promise<void> {
    const next = this.trustUpdate.then(async () => {
      if (this.stopped || caPem === this.certificates.caPem) return;
      let bundle: string;
      try {
        bundle = joinCertificates(caPem);
        // The same roots in another spelling (line breaks) are no change.
        if (bundle.length === 0 || bundle === joinCertificates(this.certificates.caPem)) return;
      } catch (error) {
        this.log("warn", "node.trust-update-refused", { error: String(error) });
        return;
      }
      if (!signedByCa(this.certificates.certPem, bundle))
        this.log("warn", "node.certificate-untrusted", {
          nodeId: this.nodeId,
          message: "this node's certificate does not chain to the roots the cluster trusts now; join again",
        });
      this.certificates = { ...this.certificates, caPem: bundle };
      await new NodeCertStore(this.options.stateDir).saveTrust(bundle);
      this.serverCertificate.update(this.certificates);
      this.log("info", "node.trust-updated", { nodeId: this.nodeId, roots: splitCertificates(bundle).length });
      // The trust root is part of what the node reports: `docker swarm ca --rotate` waits until
      // every node reports the new root alone. Reported beside the trust chain, not in it, so a
      // slow report never holds the next trust update.
      void this.reportTlsInfo();
    });
    this.trustUpdate = next.catch(() => undefined);
    return next;
  }

  /** The node's current certificate (PEM). */
  get certificatePem(): string {
    return this.certificates.certPem;
  }

  /** Asks the CA (through a manager) for a certificate with the node's current role, and keeps it. */
  private async renewCertificate(via: string): Promise<void> {
    const key = await generateNodeKey();
    const issued = await requestNodeCertificate(via, {
      csr: await createCsr(key),
      caPem: this.certificates.caPem,
      identity: { certPem: this.certificates.certPem, keyPem: this.certificates.keyPem },
    });
    this.certificates = { caPem: issued.caPem, certPem: issued.certPem, keyPem: key.keyPem };
    await new NodeCertStore(this.options.stateDir).save(this.certificates);
    // The manager's port presents the new certificate to new connections at once.
    this.serverCertificate.update(this.certificates);
    this.log("info", "node.certificate-renewed", { nodeId: this.nodeId, role: parseNodeIdentity(issued.certPem).role });
    // The managers learn the new issuer without a new session (a root rotation waits for it).
    await this.reportTlsInfo();
  }

  /** Tells the managers this node's TLS facts now, retrying a few times; the next session reports them anyway. */
  private async reportTlsInfo(): Promise<void> {
    for (let attempt = 1; attempt <= tlsInfoReportsMax; attempt++) {
      try {
        await this.agent.reportTlsInfo();
        return;
      } catch (error) {
        this.log("warn", "node.tls-info-report-failed", { attempt, error: String(error) });
        if (attempt < tlsInfoReportsMax) await realClock.sleep(rotationRetryMs / 4);
      }
    }
  }

  private async saveState(state: NodeStateFile): Promise<void> {
    this.stateValue = state;
    await writeNodeState(this.options.stateDir, state);
  }

  /** The cluster's join tokens, read from this manager's store (manager nodes only). */
  joinTokens(): JoinTokens {
    if (!this.manager) throw new SwarmError("NOT_A_MANAGER", "join tokens are kept by managers; ask a manager node");
    const cluster = this.manager.store.view((tx) => tx.all("cluster"))[0];
    return { worker: cluster?.joinTokens?.worker ?? "", manager: cluster?.joinTokens?.manager ?? "" };
  }

  /** The cluster's unlock key (`SWMKEY-1-…`), empty when autolock is off (manager nodes only). */
  unlockKey(): string {
    if (!this.manager) throw new SwarmError("NOT_A_MANAGER", "the unlock key is kept by managers; ask a manager node");
    return currentUnlockKey(this.manager.store);
  }

  /**
   * Stops the node: the agent lets its tasks keep running (a restarted node adopts them), the
   * manager stops raft and closes its log so nothing is left half-written.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.roleRetry?.();
    this.roleRetry = null;
    this.renewal.stop();
    await this.agent.stop();
    await this.stopMesh?.();
    await this.stopNetwork?.();
    await this.roleChange;
    if (this.managerValue) await stopManager(this.managerValue);
    this.log("info", "node.stopped", { nodeId: this.state.nodeId });
  }
}

/** What a node reports about its certificate: the roots it trusts and its certificate's issuer. */
function nodeTlsInfo(certificates: NodeCertificates): swarm.v1.INodeTlsInfo {
  try {
    return {
      ...tlsInfoOf(issuerOfLeaf(certificates.certPem, certificates.caPem)),
      trustRootPem: new TextEncoder().encode(certificates.caPem),
    };
  } catch {
    return { trustRootPem: new TextEncoder().encode(certificates.caPem) };
  }
}

/** The node state of a new cluster's first manager (init, and init --restore). */
function founderState(options: SwarmNodeOptions): NodeStateFile {
  const { listenAddr, advertiseAddr } = nodeAddrs(options);
  return {
    version: 1,
    nodeId: randomId(),
    role: "manager",
    listenAddr,
    advertiseAddr,
    managers: [advertiseAddr],
    executor: options.executor ?? "auto",
    ...(options.hostname === undefined ? {} : { hostname: options.hostname }),
    ...networkState(options),
    ...(options.engineLabels ? { engineLabels: options.engineLabels } : {}),
    ...keptResources(options),
  };
}

/** The publish address of the wildcard: every address of the node. */
const everyAddress = "0.0.0.0";

/**
 * Where published ports answer: every address, as Docker's, unless the node was given one now or
 * at an earlier start (kept in its state).
 */
export function publishAddrOf(
  options: Pick<SwarmNodeOptions, "publishAddr">,
  state: Pick<NodeStateFile, "publishAddr">,
): string {
  return options.publishAddr ?? state.publishAddr ?? everyAddress;
}

/** The settings init and join keep in node.json besides the labels: generic resources, publish address. */
function keptResources(options: SwarmNodeOptions): Pick<NodeStateFile, "genericResources" | "publishAddr"> {
  return {
    ...(options.genericResources ? { genericResources: options.genericResources } : {}),
    ...(options.publishAddr === undefined ? {} : { publishAddr: options.publishAddr }),
  };
}

/** A new raft member id: random, so that clusters formed apart never confuse members. */
function newRaftId(): number {
  return Number(randomBytes(6).readUIntBE(0, 6) % raftIdMax) || 1;
}

/** The network agent settings of the options, as node.json keeps them. */
function networkState(
  options: SwarmNodeOptions,
): Pick<NodeStateFile, "networkAgent" | "networkPrefix" | "wireguardGo"> {
  return {
    ...(options.networkAgent ? { networkAgent: options.networkAgent } : {}),
    ...(options.networkPrefix ? { networkPrefix: options.networkPrefix } : {}),
    ...(options.wireguardGo ? { wireguardGo: options.wireguardGo } : {}),
  };
}

/** The routing mesh's data paths `swarmd --mesh-datapath` offers. */
export const meshDatapaths = ["userspace", "kernel", "auto"] as const;

/** One of {@link meshDatapaths}. */
export type MeshDatapath = (typeof meshDatapaths)[number];

/** Whether the mesh adds the kernel path; `kernel` where it cannot run is an error before anything starts. */
async function meshKernelPath(choice: MeshDatapath, host: string, log: NodeLog): Promise<boolean> {
  if (choice === "userspace") return false;
  const available = await kernelPathAvailable(host);
  if (choice === "kernel" && !available) {
    throw new InvalidArgumentError(
      "mesh-datapath",
      `kernel needs root, an IPv4 advertise address (this node advertises ${host}) and a working iptables; use userspace or auto`,
    );
  }
  log("info", "mesh.datapath", { datapath: available ? "kernel" : "userspace", asked: choice });
  return available;
}

/** The DEK keeper of each running manager part, stopped with it. */
const dekKeepers = new WeakMap<Manager, DekKeeper>();

/** Stops a manager part and the keeper of its DEK file. */
async function stopManager(manager: Manager): Promise<void> {
  await manager.stop();
  await dekKeepers.get(manager)?.stop();
}

/**
 * Starts the manager part from the node state, serving mutual TLS with the node's certificate. Its
 * raft state is always encrypted: the DEK is made for a new manager, read (or, when locked, waited
 * for on the control socket) for a restarted one, and then kept wrapped as the cluster asks.
 */
async function startManager(
  options: SwarmNodeOptions,
  state: NodeStateFile,
  serverCertificate: NodeCertificateProvider,
  certificates: NodeCertificates,
  extra: {
    id?: number;
    bootstrap?: ReadonlyMap<number, string>;
    join?: string;
    rootCa?: RootCaPems;
    clusterNetwork?: swarm.v1.INetworkConfig;
  },
): Promise<Manager> {
  const dir = join(options.stateDir, "manager");
  const log = options.log ?? silent;
  const keys = await loadManagerKeys(dir, {
    socketPath: controlSocketPath(options.stateDir),
    log,
    ...(options.unlockKey === undefined ? {} : { unlockKey: options.unlockKey }),
  });
  // Joining nodes have no certificate yet, so the port asks for one without requiring it; every
  // service but the CA then refuses calls without a valid one (manager/service-guards.ts).
  const manager = await Manager.start({
    encryption: { key: keys.dek },
    nodeId: state.nodeId,
    clusterId: parseNodeIdentity(certificates.certPem).clusterId,
    // Both sides follow renewals: the port presents the current certificate to new connections, and
    // so does every new connection to another manager.
    credentials: {
      server: providerServerCredentials(serverCertificate, "request"),
      channel: providerClientCredentials(serverCertificate, parseNodeIdentity(certificates.certPem).clusterId),
    },
    channelOptions: managerChannelOptions,
    // The manager's current certificate, renewed in place, is its client certificate towards external CAs.
    externalCaTls: (caPem) => ({
      caPem,
      certPem: serverCertificate.current().certPem,
      keyPem: serverCertificate.current().keyPem,
    }),
    dir,
    addr: state.advertiseAddr,
    ...(state.listenAddr !== state.advertiseAddr ? { listenAddr: state.listenAddr } : {}),
    controlSocket: controlSocketPath(options.stateDir),
    log,
    ...(options.tickMs === undefined ? {} : { tickMs: options.tickMs }),
    ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
    ...extra,
  });
  const keeper = new DekKeeper(dir, keys.dek, keys.unlockKey, log);
  keeper.follow(manager.store);
  dekKeepers.set(manager, keeper);
  return manager;
}

/**
 * The level of a worker-side event (those sinks take no level): failures warn, trace events (the
 * timing points a benchmark reads, names starting with `trace.`) are debug, the rest info.
 */
function levelOf(event: string): "debug" | "info" | "warn" {
  if (event.startsWith("trace.")) return "debug";
  return event.endsWith("failed") ? "warn" : "info";
}
