// The node's network agent: makes the kernel (bridges, VXLAN devices, neighbour and FDB entries,
// netfilter rules) and the DNS server match the network view exactly, and plumbs tasks onto their
// networks for the executors. Every pass reads the kernel first and plans the difference, so it is
// idempotent, converges after a restart, and deletes whatever nobody asked for; changes go in
// batches (one `ip -batch`, one `bridge -batch`, one `iptables-restore` per pass), which is what
// keeps a thousand-task view within a couple of hundred milliseconds. See README.md.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { type Cancel, realClock, SwarmError } from "../../common/index.js";
import { BatchProcess } from "./batch-process.js";
import type { BatchSpawn } from "./batch-process.js";
import { execRunner } from "./command-runner.js";
import type { CommandRunner } from "./command-runner.js";
import { removesNothing, withoutRemoved } from "./dns-removals.js";
import type { DnsStats } from "./dns-server.js";
import { DnsThread } from "./dns-thread.js";
import type { DnsThreadOptions } from "./dns-thread.js";
import { readResolvConf } from "./dns-forwarder.js";
import { DockerBridges } from "./docker-networks.js";
import { EncryptionGuard, guardRules } from "./encryption-guard.js";
import type { GuardSpec } from "./encryption-guard.js";
import { afterRestore, currentVipBackends, parseIptablesSave } from "./iptables-state.js";
import type { IptablesState } from "./iptables-state.js";
import { canonicalSubnet, isLoopbackIpv4, macOfIpv4, parseCidr } from "./ipv4.js";
import { KernelNames } from "./kernel-names.js";
import { parseAddrs, parseBridgePorts, parseFdb, parseLinks, parseNeighs } from "./kernel-state.js";
import type { AddrState, FdbState, KernelState, LinkState, NeighState } from "./kernel-state.js";
import { planLinks } from "./link-plan.js";
import type { DesiredLinks } from "./link-plan.js";
import { renderRemoval, renderRules } from "./rule-render.js";
import type { NetworkRules, PublishRule } from "./rule-render.js";
import { deleteNetns, ensureNetns, taskHosts, taskResolvConf } from "./task-netns.js";
import type {
  DockerAttachment,
  OverlayAttachment,
  PublishedPort,
  TaskNetns,
  TaskNetworking,
} from "./task-networking.js";
import { convergeTunnel, encryptedLinks } from "./tunnel-step.js";
import { UdpFlowCleaner } from "./udp-flows.js";
import { checkNetwork } from "./view.js";
import type { NetworkView, OverlayNetwork } from "./view.js";
import type { TunnelStats, WireGuardTunnel } from "./wireguard-tunnel.js";
import type Docker from "dockerode";

/** The VXLAN UDP port Docker and the IANA use. */
export const dataPathPortDefault = 4789;

/** What VXLAN adds to every frame: inner Ethernet 14, outer IPv4 20, UDP 8, VXLAN 8. */
export const vxlanOverheadBytes = 50;

/** Underlay MTU assumed when the underlay interface cannot be found. */
export const underlayMtuDefault = 1500;

/** How long a task waits for its network to appear in the node's view, in ms. */
export const networkWaitMs = 15_000;

/** How often the agent converges again without a new view (repairs drift, retries failures), in ms. */
export const reconvergePeriodMs = 30_000;

/** How long the iptables calls wait for the xtables lock, in seconds. */
export const xtablesWaitS = 5;

/** Options of a {@link NetworkAgent}. */
export interface NetworkAgentOptions {
  /** The node's underlay address: the local end of its VXLAN tunnels, advertised to peers. */
  readonly underlayAddr: string;
  /** The node's data-path UDP port (several nodes on one host need one each). */
  readonly dataPathPort?: number;
  /** Prefix of this node's link and chain names, for nodes sharing one namespace (tests); "" in production. */
  readonly prefix?: string;
  /** The underlay's MTU; read from the interface holding `underlayAddr` when absent. */
  readonly underlayMtu?: number;
  /** The address published ports of namespaced tasks are DNATed from (the node's publish address). */
  readonly publishAddr?: string;
  /** Prefix of task namespace names; `swarm-` (plus the node prefix) by default. */
  readonly netnsPrefix?: string;
  /** Directory of per-namespace /etc files; /etc/netns by default. */
  readonly etcNetnsDir?: string;
  /** On a Docker executor node: the engine, whose bridge networks become the overlays' bridges. */
  readonly docker?: Docker;
  /** Names this node in its Docker networks' owner label (the node id); the prefix by default. */
  readonly owner?: string;
  /** The node's WireGuard tunnel for encrypted networks; without one they are left out (never sent in clear). */
  readonly tunnel?: WireGuardTunnel;
  /** The DNS server's options (it answers on a thread of its own, dns-thread.ts); false runs none. */
  readonly dns?: DnsThreadOptions | false;
  /**
   * Runs kernel commands; tests inject a fake. Without one, a pass's `ip` and `bridge` batches go
   * to long-lived batch processes (batch-process.ts); with one, each batch is a `run` of its own.
   */
  readonly run?: CommandRunner;
  /** Starts the long-lived batch processes (also beside an injected `run`); tests inject a fake. */
  readonly batchSpawn?: BatchSpawn;
  /** Periodic re-convergence, in ms; 0 turns it off. */
  readonly reconvergeMs?: number;
  /** How long a task waits for its network to appear in the view, in ms; {@link networkWaitMs} by default. */
  readonly networkWaitMs?: number;
  /** Writes a sysctl (a /proc/sys path) when its value differs; tests inject a recorder. */
  readonly sysctl?: (path: string, value: string) => void;
  /** Log sink. */
  readonly log?: (event: string, fields: Record<string, unknown>) => void;
}

/** One network as the agent programs it. */
interface AppliedNetwork {
  readonly net: OverlayNetwork;
  readonly links: DesiredLinks;
}

/** A task the executors attached. */
interface AttachedTask {
  readonly publish: readonly PublishRule[];
}

/** What the agent reports about itself. */
export interface NetworkAgentStats {
  /** Passes run and failed. */
  readonly passes: number;
  readonly failedPasses: number;
  /** Duration of the last pass, in ms. */
  readonly lastPassMs: number;
  /**
   * CPU time of the last pass, the agent's and its commands' together, in ms (10 ms steps): what
   * the pass costs whatever else the machine runs.
   */
  readonly lastPassCpuMs: number;
  /** The last pass's error, if it failed. */
  readonly lastError?: string;
  /** Networks programmed. */
  readonly networks: readonly { id: string; bridge: string; vxlan: string; mtu: number; peers: number; vips: number }[];
  /** Networks of the view left out, and why. */
  readonly skipped: readonly { id: string; reason: string }[];
  /** Tasks attached by the executors. */
  readonly tasks: number;
  /** Lines of the last pass's batches. */
  readonly lastBatchLines: { ip: number; bridge: number; rules: number };
  /**
   * Where the last pass's wall time went, in ms, by step (`read`: the kernel read back, full
   * passes only; `ip` (links, addresses), `neigh`, `bridge`, `rules`: the batches; `dns`: the records and listeners). The
   * rules run beside `ip`, `bridge`, `sysctl` and `dns`, so those overlap.
   */
  readonly lastPassStepsMs: Readonly<Record<string, number>>;
  /** The DNS server's counters. */
  readonly dns?: DnsStats;
  /** The WireGuard tunnel of encrypted networks. */
  readonly tunnel?: TunnelStats;
  /** Rules of the guard keeping encrypted networks' traffic off every interface but theirs (encryption-guard.ts). */
  readonly guardRules: number;
}

/** A task's network is not in the node's view in time. */
export class NetworkNotInViewError extends SwarmError {
  constructor(networkId: string, waitedMs: number) {
    super("NETWORK_NOT_IN_VIEW", `network ${networkId} is not in this node's network view after ${waitedMs} ms`, {
      context: { networkId },
    });
  }
}

/** The node's network agent; see the file header. */
export class NetworkAgent implements TaskNetworking {
  /** This node's kernel names. */
  readonly names: KernelNames;
  private readonly run: CommandRunner;
  /** The long-lived batch processes of a pass's writes, when the agent runs the real commands. */
  private readonly batchProcesses: { readonly ip: BatchProcess; readonly bridge: BatchProcess } | undefined;
  private port: number;
  private readonly netnsPrefix: string;
  private readonly dns: DnsThread | undefined;
  private readonly docker: DockerBridges | undefined;
  private readonly log: (event: string, fields: Record<string, unknown>) => void;
  private readonly search: readonly string[];
  private readonly sysctl: (path: string, value: string) => void;
  private readonly waitMs: number;
  private view: NetworkView = { networks: [] };
  /** The networks the DNS server answers from: the last pass's, less what newer views removed. */
  private dnsNets: OverlayNetwork[] = [];
  private applied = new Map<string, AppliedNetwork>();
  private readonly tasks = new Map<string, AttachedTask>();
  private readonly waiters = new Set<() => void>();
  private running: Promise<void> | null = null;
  private dirty = false;
  private lastRules = "";
  /** The Docker bridges of the last pass, sorted and joined: batch processes start afresh when they change. */
  private lastDockerOwned = "";
  private modprobed = false;
  private portsChanged = false;
  /**
   * The kernel as the last successful pass left it. Between full passes (the first one, one after
   * a failure, and the periodic one) a pass plans from this instead of reading everything back,
   * which is what most of a pass's time would go to; a full pass repairs whatever changed behind
   * the agent's back.
   */
  private known: { kernel: KernelState; iptables: IptablesState } | undefined;
  private underlayMtu: number | undefined;
  private timer: Cancel | undefined;
  private closed = false;
  private readonly flows: UdpFlowCleaner;
  private readonly guard: EncryptionGuard;
  private passes = 0;
  private failedPasses = 0;
  private lastPassMs = 0;
  private lastPassCpuMs = 0;
  private lastError: string | undefined;
  private skipped: { id: string; reason: string }[] = [];
  private lastBatchLines = { ip: 0, bridge: 0, rules: 0 };
  private lastPassStepsMs: Record<string, number> = {};

  constructor(private readonly options: NetworkAgentOptions) {
    this.names = new KernelNames(options.prefix ?? "");
    this.run = options.run ?? execRunner;
    this.batchProcesses =
      options.run === undefined || options.batchSpawn !== undefined
        ? { ip: new BatchProcess("ip", options.batchSpawn), bridge: new BatchProcess("bridge", options.batchSpawn) }
        : undefined;
    this.port = options.dataPathPort ?? dataPathPortDefault;
    this.netnsPrefix = options.netnsPrefix ?? `swarm-${options.prefix ? `${options.prefix}-` : ""}`;
    this.log = options.log ?? (() => undefined);
    this.search = readResolvConf().search;
    this.underlayMtu = options.underlayMtu;
    this.sysctl = options.sysctl ?? ((path, value) => writeSysctl(path, value, this.log));
    this.waitMs = options.networkWaitMs ?? networkWaitMs;
    this.flows = new UdpFlowCleaner(this.run, this.log);
    this.guard = new EncryptionGuard(this.run, this.names.mangleGuard);
    this.dns = options.dns === false ? undefined : new DnsThread({ ...options.dns, log: this.log });
    this.docker =
      options.docker === undefined
        ? undefined
        : new DockerBridges(options.docker, options.owner ?? (options.prefix || options.underlayAddr));
    const period = options.reconvergeMs ?? reconvergePeriodMs;
    if (period > 0) {
      this.timer = realClock.every(
        period,
        () => {
          this.known = undefined;
          this.schedule().catch(() => undefined);
        },
        { keepAlive: false },
      );
    }
  }

  /** The port the DNS server listens on (53 unless the options say otherwise). */
  get dnsPort(): number | undefined {
    return this.dns?.listenPort;
  }

  /**
   * Makes the node match `view` (complete, replacing the last one). Views that arrive while a pass
   * runs are coalesced: only the newest is applied next. Resolves once a pass that includes this
   * view has ended; rejects when that pass failed (the next view, or the periodic pass, retries).
   */
  update(view: NetworkView): Promise<void> {
    this.view = view;
    this.dropRemovedNames(view);
    const port = view.dataPathPort;
    if (port !== undefined && port > 0 && port !== this.port) {
      // The VXLAN devices are made again on the new port; a full pass reads them back first.
      this.port = port;
      this.known = undefined;
    }
    return this.schedule();
  }

  /**
   * Drops from the DNS server, at once, the names and addresses `view` removed (a failed task, a
   * removed service or network): the pass that programs the view may wait for a running one, and
   * runs its link batches before it updates the DNS. What the view adds waits for that pass.
   */
  private dropRemovedNames(view: NetworkView): void {
    if (this.dns === undefined || this.dnsNets.length === 0) return;
    const kept = withoutRemoved(this.dnsNets, view.networks);
    if (removesNothing(this.dnsNets, kept)) return;
    this.dnsNets = kept;
    this.dns.setNetworks(kept);
    this.log("trace.network-dns-updated", { early: true });
  }

  /** See {@link TaskNetworking.refusal}; the network's own reasons come before the node's. */
  refusal(attachments: readonly OverlayAttachment[], executor: "process" | "docker"): string | undefined {
    if (attachments.length === 0) return undefined;
    for (const a of attachments) {
      const net = this.view.networks.find((n) => n.id === a.networkId);
      const why =
        net?.encrypted !== true
          ? undefined
          : this.options.tunnel === undefined
            ? "it runs no WireGuard tunnel"
            : this.options.tunnel.unavailable();
      if (why !== undefined)
        return `network ${net!.name} is encrypted, and this node cannot encrypt overlay traffic: ${why}`;
      if (parseCidr(a.cidr) === undefined)
        return `the address ${JSON.stringify(a.cidr)} of network ${a.networkId} is not a CIDR`;
    }
    if (executor === "process" && process.getuid?.() !== 0)
      return "a process task on an overlay network runs in its own network namespace, which needs swarmd to run as root";
    if (executor === "docker" && this.docker === undefined)
      return "this node's network agent was started without the Docker engine";
    return undefined;
  }

  /** See {@link TaskNetworking.enterNetns}. */
  async enterNetns(
    taskId: string,
    attachments: readonly OverlayAttachment[],
    options: { readonly names: readonly string[]; readonly publish: readonly PublishedPort[] },
    signal: AbortSignal,
  ): Promise<TaskNetns> {
    const nets = await Promise.all(attachments.map((a) => this.waitForNetwork(a.networkId, signal)));
    const netns = `${this.netnsPrefix}${taskId}`;
    const addrs = attachments.map((a) => parseCidr(a.cidr)?.addr ?? "");
    const first = nets[0];
    if (first === undefined) throw new RangeError("enterNetns needs at least one attachment");
    await ensureNetns(
      this.run,
      netns,
      {
        resolvConf: taskResolvConf(first.net.self.addr, this.search),
        hosts: taskHosts(addrs.slice(0, 1), options.names),
      },
      this.options.etcNetnsDir,
    );
    const [hostLinksText, insideText] = await Promise.all([
      this.run("ip", ["-j", "link", "show"]),
      this.run("ip", ["-n", netns, "-j", "addr", "show"]),
    ]);
    const hostLinks = parseLinks(hostLinksText);
    const insideAddrs = parseAddrs(insideText);
    const insideLinks = parseLinks(insideText);
    const host: string[] = [];
    const inside: string[] = [];
    const hairpin: string[] = [];
    attachments.forEach((a, i) => {
      const { links } = nets[i]!;
      const eth = `eth${i}`;
      const veth = this.names.taskVeth(taskId, a.networkId);
      const ready = insideAddrs.some((x) => x.dev === eth && `${x.addr}/${x.prefixLen}` === a.cidr);
      if (!ready) {
        // Half-made by an interrupted attempt: start the pair again.
        if (insideLinks.has(eth)) inside.push(`link del dev ${eth}`);
        else if (hostLinks.has(veth)) host.push(`link del dev ${veth}`);
        host.push(`link add name ${veth} mtu ${links.mtu} type veth peer name ${eth} netns ${netns}`);
      }
      host.push(`link set dev ${veth} master ${links.bridge} up`);
      if (!ready) {
        inside.push(`link set dev ${eth} address ${macOfIpv4(addrs[i]!)} mtu ${links.mtu} up`);
        inside.push(`addr replace ${a.cidr} dev ${eth}`);
      }
      hairpin.push(`link set dev ${veth} hairpin on`);
    });
    const deletions = inside.filter((l) => l.startsWith("link del"));
    if (deletions.length > 0) await this.batch("ip", deletions, netns);
    await this.batch("ip", host);
    await this.batch(
      "ip",
      [...inside.filter((l) => !l.startsWith("link del")), `route replace default via ${first.net.self.addr} dev eth0`],
      netns,
    );
    await this.batch("bridge", hairpin);
    const publishAddr = this.options.publishAddr;
    const publish =
      publishAddr === undefined
        ? []
        : options.publish.map((p) => ({
            addr: publishAddr,
            protocol: p.protocol,
            port: p.nodePort,
            taskAddr: addrs[0]!,
            targetPort: p.targetPort,
          }));
    const before = this.tasks.get(taskId);
    this.tasks.set(taskId, { publish });
    if (JSON.stringify(before?.publish ?? []) !== JSON.stringify(publish)) await this.schedule();
    return { netns, addrs };
  }

  /** See {@link TaskNetworking.dockerNetworks}. */
  async dockerNetworks(
    attachments: readonly OverlayAttachment[],
    signal: AbortSignal,
  ): Promise<{ readonly networks: readonly DockerAttachment[]; readonly dns: string }> {
    const nets = await Promise.all(attachments.map((a) => this.waitForNetwork(a.networkId, signal)));
    const first = nets[0];
    if (first === undefined) throw new RangeError("dockerNetworks needs at least one attachment");
    return {
      networks: attachments.map((a, i) => ({ network: nets[i]!.links.bridge, addr: parseCidr(a.cidr)?.addr ?? "" })),
      dns: first.net.self.addr,
    };
  }

  /** See {@link TaskNetworking.connectContainer}. */
  async connectContainer(network: DockerAttachment, containerId: string): Promise<void> {
    if (this.docker === undefined) throw new RangeError("no Docker engine");
    await this.docker.connect(network.network, containerId, network.addr);
  }

  /** See {@link TaskNetworking.containerStarted}. */
  async containerStarted(taskId: string): Promise<void> {
    this.tasks.set(taskId, { publish: [] });
    // The pass sets hairpin mode on the container's new bridge port.
    this.portsChanged = true;
    await this.schedule();
  }

  /** See {@link TaskNetworking.releaseTask}. */
  async releaseTask(taskId: string): Promise<void> {
    const task = this.tasks.get(taskId);
    this.tasks.delete(taskId);
    await deleteNetns(this.run, `${this.netnsPrefix}${taskId}`, this.options.etcNetnsDir);
    if ((task?.publish.length ?? 0) > 0) await this.schedule();
  }

  /** Whether this node can encrypt overlay traffic: its WireGuard public key, or why not. */
  encryption(): { readonly publicKey: string } | { readonly unavailable: string } {
    const tunnel = this.options.tunnel;
    const why = tunnel === undefined ? "swarmd runs no WireGuard tunnel" : tunnel.unavailable();
    return why === undefined ? { publicKey: tunnel!.publicKey() } : { unavailable: why };
  }

  /** Counters and what is programmed. */
  stats(): NetworkAgentStats {
    return {
      passes: this.passes,
      failedPasses: this.failedPasses,
      lastPassMs: this.lastPassMs,
      lastPassCpuMs: this.lastPassCpuMs,
      ...(this.lastError === undefined ? {} : { lastError: this.lastError }),
      networks: [...this.applied.values()].map(({ net, links }) => ({
        id: net.id,
        bridge: links.bridge,
        vxlan: links.vxlan,
        mtu: links.mtu,
        peers: links.peers.length,
        vips: links.vips.length,
      })),
      skipped: this.skipped,
      tasks: this.tasks.size,
      lastBatchLines: this.lastBatchLines,
      lastPassStepsMs: this.lastPassStepsMs,
      ...(this.dns === undefined ? {} : { dns: this.dns.stats() }),
      ...(this.options.tunnel === undefined ? {} : { tunnel: this.options.tunnel.stats() }),
      guardRules: this.guard.rules().length,
    };
  }

  /**
   * Stops the agent: the DNS server closes, nothing more is programmed. The kernel state stays, so
   * tasks keep reaching each other while swarmd restarts; the next agent's first view converges it.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.timer?.();
    this.timer = undefined;
    await this.running?.catch(() => undefined);
    await this.flows.idle();
    this.batchProcesses?.ip.close();
    this.batchProcesses?.bridge.close();
    for (const wake of this.waiters) wake();
    await this.dns?.close();
  }

  /** Removes everything the agent made (`swarmd leave`): chains, jumps, VXLAN devices, bridges, Docker networks. */
  async teardown(): Promise<void> {
    await this.close();
    const iptables = parseIptablesSave(await this.run("iptables-save", []));
    await this.run("iptables-restore", ["-w", String(xtablesWaitS), "--noflush"], renderRemoval(iptables, this.names));
    const links = parseLinks(await this.run("ip", ["-j", "link", "show"]));
    const own = [...links.values()].filter((l) => this.names.isOwnVxlan(l.name) || this.names.isOwnBridge(l.name));
    const dockerOwned = new Set(this.docker === undefined ? [] : await this.docker.list());
    await this.batch(
      "ip",
      own
        .filter((l) => !dockerOwned.has(l.name))
        .sort((a, b) => (this.names.isOwnVxlan(a.name) ? -1 : 0) - (this.names.isOwnVxlan(b.name) ? -1 : 0))
        .map((l) => `link del dev ${l.name}`),
    );
    for (const name of dockerOwned) await this.docker?.remove(name);
    await this.options.tunnel?.remove();
    // Last: nothing of an encrypted network is left that could leave the node in clear.
    await this.guard.hold([], true);
    this.applied = new Map();
    this.lastRules = "";
  }

  /** Runs passes until no view is waiting; the returned promise ends with the pass that took the newest view. */
  private schedule(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.dirty = true;
    this.running ??= this.loop();
    return this.running;
  }

  private async loop(): Promise<void> {
    let error: Error | undefined;
    try {
      while (this.dirty && !this.closed) {
        this.dirty = false;
        error = undefined;
        try {
          await this.pass(this.view);
        } catch (e) {
          error = e instanceof Error ? e : new Error(String(e));
          this.failedPasses += 1;
          this.lastError = String(e);
          this.log("network.pass-failed", { error: String(e) });
        }
      }
    } finally {
      // In the same turn as the last look at `dirty`: a view that arrives after it starts a new
      // loop. Cleared in a `.finally` callback instead, a view arriving in a microtask between the
      // two would find the ending loop still set and wait for the next view or the periodic pass.
      this.running = null;
    }
    if (error !== undefined) throw error;
  }

  /** One convergence pass over the whole view. */
  private async pass(view: NetworkView): Promise<void> {
    const started = realClock.monotonicMs();
    const cpuStarted = this.cpuMsNow();
    this.log("trace.network-pass-started", {});
    const steps: Record<string, number> = {};
    let stepStarted = started;
    const step = (name: string): void => {
      const now = realClock.monotonicMs();
      steps[name] = (steps[name] ?? 0) + now - stepStarted;
      stepStarted = now;
    };
    let nets: OverlayNetwork[] = [];
    const skipped: { id: string; reason: string }[] = [];
    const seen = new Set<string>();
    for (const [i, net] of view.networks.entries()) {
      try {
        checkNetwork(net, `networks[${i}]`);
      } catch (error) {
        skipped.push({ id: net.id, reason: String((error as Error).message) });
        continue;
      }
      if (seen.has(net.id)) continue;
      seen.add(net.id);
      nets.push(net);
    }

    // Before anything is programmed or removed: whatever the pass does to links, routes and the
    // tunnel, no packet of an encrypted network it serves, or served until now, leaves in clear.
    const guarded = guardRules(this.guardSpec(nets));
    // (A node that serves no encrypted network and knows of no guard runs nothing for it here; a
    // guard an earlier run left is found by the first pass's full read below and kept until then.)
    if (guarded.length > 0 || this.guard.rules().length > 0) await this.guard.hold(await this.guard.widened(guarded));
    step("guard");

    if (this.underlayMtu === undefined) {
      const addrs = parseAddrs(await this.run("ip", ["-j", "addr", "show"]));
      const dev = addrs.find((a) => a.addr === this.options.underlayAddr)?.dev;
      const links =
        dev === undefined ? undefined : parseLinks(await this.run("ip", ["-j", "link", "show", "dev", dev]));
      this.underlayMtu = (dev === undefined ? undefined : links?.get(dev)?.mtu) ?? underlayMtuDefault;
    }
    const underlayMtu = this.underlayMtu;
    // Encrypted networks: the tunnel first, so their VXLAN devices find their local address.
    const tunneled = await convergeTunnel(this.options.tunnel, nets, underlayMtu, this.port, this.log);
    nets = tunneled.ready;
    skipped.push(...tunneled.skipped);
    step("check");
    if (skipped.length > 0 && JSON.stringify(skipped) !== JSON.stringify(this.skipped))
      this.log("network.networks-skipped", { skipped });
    this.skipped = skipped;
    const docker = this.docker;
    const desired: AppliedNetwork[] = nets.map((net) => ({
      net,
      links: encryptedLinks(
        this.linksOf(net, underlayMtu, docker !== undefined),
        net,
        underlayMtu,
        this.port,
        vxlanOverheadBytes,
      ),
    }));
    if (docker !== undefined) {
      for (const { net, links } of desired)
        await docker.ensure({
          networkId: net.id,
          bridge: links.bridge,
          subnet: canonicalSubnet(net.subnet) ?? net.subnet,
          gateway: net.self.addr,
          mtu: links.mtu,
          internal: net.internal,
        });
    }
    const dockerOwned = new Set(docker === undefined ? [] : await docker.list());
    step("docker");
    const full = this.known === undefined;
    // Between full passes the bridge ports are read only when a container started: its port needs
    // hairpin mode, which Docker does not set (process tasks' ports get it when they are plumbed).
    const portsChanged = this.portsChanged;
    this.portsChanged = false;
    const known = this.known;
    let state: { kernel: KernelState; iptables: IptablesState };
    if (known === undefined) {
      const read = await this.readState();
      // A full pass repairs the guard too, should it have changed behind the agent's back.
      this.guard.learn(read.mangle);
      await this.guard.hold(await this.guard.widened(guarded));
      state = read;
    } else {
      const ports = portsChanged
        ? parseBridgePorts(await this.run("bridge", ["-j", "-d", "link", "show"]))
        : known.kernel.ports;
      state = { kernel: { ...known.kernel, ports }, iptables: known.iptables };
    }
    this.known = undefined;
    step("read");
    const plan = planLinks(
      desired.map((d) => d.links),
      state.kernel,
      {
        names: this.names,
        underlayAddr: this.options.underlayAddr,
        dataPathPort: this.port,
        dockerBridges: dockerOwned,
      },
    );
    step("plan");
    const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const since = realClock.monotonicMs();
      try {
        return await work();
      } finally {
        steps[name] = realClock.monotonicMs() - since;
      }
    };
    // The rules name links but need none of them to exist, so they go in beside the links'
    // batches: the pass waits for the slower of the two instead of their sum (and on a busy
    // machine each process waits for a core on its own). The DNS server follows the links (it
    // listens on the bridges' addresses), not the rules.
    const links = (async () => {
      // Links and addresses first: neighbour and FDB entries name the VXLAN devices. Then the
      // neighbours beside the FDB entries, each tool's process on its own.
      const isNeigh = (line: string): boolean => line.startsWith("neigh ");
      // iproute2 caches interface indexes by name, so a long-lived process would keep the index of
      // a link deleted and made again since. Only a deletion can leave a name stale: the processes
      // start afresh before a batch that deletes links (the deleting process drops the name from
      // its own cache), when Docker's bridges came or went, before task ports are named (a task's
      // namespace takes its veth along), and on every full pass.
      const dockerKey = [...dockerOwned].sort().join(" ");
      if (full || plan.ip.some((l) => l.startsWith("link del ")) || dockerKey !== this.lastDockerOwned) {
        this.batchProcesses?.ip.restart();
        this.batchProcesses?.bridge.restart();
      } else if (plan.bridge.some((l) => l.startsWith("link "))) this.batchProcesses?.bridge.restart();
      this.lastDockerOwned = dockerKey;
      await timed("ip", () =>
        this.passBatch(
          "ip",
          plan.ip.filter((l) => !isNeigh(l)),
        ),
      );
      await Promise.all([
        timed("neigh", () => this.passBatch("ip", plan.ip.filter(isNeigh))),
        timed("bridge", () => this.passBatch("bridge", plan.bridge)),
      ]);
      if (docker !== undefined) {
        const wanted = new Set(desired.map((d) => d.links.bridge));
        for (const name of dockerOwned) {
          if (wanted.has(name)) continue;
          await docker
            .remove(name)
            .catch((error: unknown) => this.log("network.docker-remove-failed", { name, error: String(error) }));
        }
      }
      await timed("sysctl", () => this.sysctls(desired));
      if (this.dns !== undefined) {
        const dns = this.dns;
        // Less whatever a view that arrived during the pass removed (dropped from the DNS at once):
        // those names must not come back until the next pass.
        this.dnsNets = withoutRemoved(nets, this.view.networks);
        await timed("dns", () =>
          dns.update(
            this.dnsNets,
            nets.map((n) => n.self.addr),
          ),
        );
        this.log("trace.network-dns-updated", {});
      }
    })();
    const rulesApplied = timed("rules", () => this.applyRules(desired, state.iptables, full)).then((applied) => {
      this.log("trace.network-rules-applied", { lines: applied.lines });
      return applied;
    });
    // Both settle before the pass ends, failed or not: the next pass never overlaps this one's commands.
    const [linksDone, rulesDone] = await Promise.allSettled([links, rulesApplied]);
    if (linksDone.status === "rejected") throw asError(linksDone.reason);
    if (rulesDone.status === "rejected") throw asError(rulesDone.reason);
    const { lines: rules, iptables } = rulesDone.value;
    this.known = {
      kernel: {
        ...kernelAfter(desired, this.options.underlayAddr, this.port),
        // Every port of ours has hairpin mode now; ports of bridges no longer served are gone.
        ports: state.kernel.ports
          .filter((p) => desired.some((d) => d.links.bridge === p.master))
          .map((p) => ({ ...p, hairpin: true })),
      },
      iptables,
    };
    // The links of networks no longer served are gone now: the guard narrows to what is.
    await this.guard.hold(guarded);
    this.applied = new Map(desired.map((d) => [d.net.id, d]));
    for (const wake of this.waiters) wake();
    this.passes += 1;
    this.lastError = undefined;
    this.lastPassMs = realClock.monotonicMs() - started;
    this.lastPassCpuMs = this.cpuMsNow() - cpuStarted;
    this.lastBatchLines = { ip: plan.ip.length, bridge: plan.bridge.length, rules };
    this.lastPassStepsMs = steps;
    this.log("trace.network-pass-ended", { full, steps });
  }

  /**
   * What the encrypted networks' guard covers for `nets` (checked, before any is skipped: a network
   * the tunnel cannot carry now keeps its guard): their subnets, their bridges, the tunnel's pool.
   */
  private guardSpec(nets: readonly OverlayNetwork[]): GuardSpec {
    const encrypted = nets.filter((n) => n.encrypted);
    const tunnel = this.options.tunnel;
    return {
      tunnel: tunnel?.name ?? "",
      pools: tunnel === undefined ? [] : encrypted.flatMap((n) => (n.tunnel === undefined ? [] : [n.tunnel.addr])),
      networks: encrypted.map((n) => ({ subnet: n.subnet, bridge: this.names.bridge(n.id) })),
    };
  }

  /**
   * CPU time of the agent's process, its ended commands and its running batch processes so far,
   * in ms. A batch process's time moves to its parent's children's time when it ends, so the sum
   * stays whole across a restart within a pass.
   */
  private cpuMsNow(): number {
    const live = [this.batchProcesses?.ip.pid, this.batchProcesses?.bridge.pid];
    return (
      processCpuMs("self", true) +
      live.reduce<number>((sum, pid) => sum + (pid === undefined ? 0 : processCpuMs(pid, false)), 0)
    );
  }

  /** What one network's links must be on this node. */
  private linksOf(net: OverlayNetwork, underlayMtu: number, dockerBridge: boolean): DesiredLinks {
    const peers = new Map<string, { addr: string; vtep: string; port: number }>();
    for (const p of net.peers)
      if (p.addr !== net.self.addr) peers.set(p.addr, { addr: p.addr, vtep: p.vtep, port: p.port });
    return {
      bridge: this.names.bridge(net.id),
      vxlan: this.names.vxlan(net.id),
      vni: net.vni,
      mtu: net.mtu > 0 ? net.mtu : underlayMtu - vxlanOverheadBytes,
      selfAddr: net.self.addr,
      prefixLen: parseCidr(net.subnet)?.prefixLen ?? 24,
      vips: [...new Set(net.services.flatMap((s) => (s.mode === "vip" && s.vip !== undefined ? [s.vip] : [])))].sort(),
      peers: [...peers.values()],
      dockerBridge,
    };
  }

  /**
   * Reads links, addresses, neighbours, FDB entries, bridge ports and the nat and filter tables:
   * three processes in parallel (`ip -batch` and `bridge -batch` print one JSON array per command).
   */
  private async readState(): Promise<{ kernel: KernelState; iptables: IptablesState; mangle: string }> {
    const [ipOut, bridgeOut, iptables] = await Promise.all([
      this.run("ip", ["-j", "-d", "-batch", "-"], "link show\naddr show\nneigh show\n"),
      this.run("bridge", ["-j", "-d", "-batch", "-"], "fdb show\nlink show\n"),
      this.run("iptables-save", []),
    ]);
    const [links = "", addrs = "", neighs = ""] = ipOut.split("\n");
    const [fdb = "", ports = ""] = bridgeOut.split("\n");
    return {
      kernel: {
        links: parseLinks(links),
        addrs: parseAddrs(addrs),
        neighs: parseNeighs(neighs),
        fdb: parseFdb(fdb),
        ports: parseBridgePorts(ports),
      },
      iptables: parseIptablesSave(iptables),
      mangle: iptables,
    };
  }

  /**
   * Renders and applies the rules when they changed (always on a full pass); clears UDP flows of
   * removed backends. Returns the rule lines and the tables as they are now.
   */
  private async applyRules(
    desired: readonly AppliedNetwork[],
    current: IptablesState,
    full: boolean,
  ): Promise<{ lines: number; iptables: IptablesState }> {
    const networks: NetworkRules[] = desired.map(({ net, links }) => {
      const remote = new Set(links.peers.map((p) => p.addr));
      return {
        networkId: net.id,
        networkName: net.name,
        bridge: links.bridge,
        subnet: canonicalSubnet(net.subnet) ?? net.subnet,
        selfAddr: net.self.addr,
        internal: net.internal,
        dockerBridge: links.dockerBridge,
        vips: net.services
          .filter((s) => s.mode === "vip" && s.vip !== undefined)
          .map((s) => ({
            serviceId: s.id,
            serviceName: s.name,
            vip: s.vip!,
            backends: s.backends
              .filter((b) => b.healthy && !b.draining)
              .map((b) => b.addr)
              .sort(),
          })),
        localBackends: [
          ...new Set(net.tasks.map((t) => t.addr).filter((a) => !remote.has(a) && a !== net.self.addr)),
        ].sort(),
      };
    });
    const publish = [...this.tasks.values()].flatMap((t) => t.publish);
    const text = renderRules(networks, publish, current, this.names);
    let after = current;
    // The jumps from built-in chains appear in the text only while missing: they are no change.
    const rulesOnly = text.replace(/^-I .*\n/gm, "");
    if (full || rulesOnly !== this.lastRules) {
      this.lastRules = "";
      await this.run("iptables-restore", ["-w", String(xtablesWaitS), "--noflush"], text);
      this.lastRules = rulesOnly;
      after = afterRestore(current, text);
    }
    // UDP has no connection to end: without this, flows keep going to a backend that left the VIP.
    const wanted = new Map(networks.flatMap((n) => n.vips.map((v) => [v.vip, new Set(v.backends)] as const)));
    for (const [vip, backends] of currentVipBackends(current.nat, this.names.natServices)) {
      for (const backend of backends) {
        if (wanted.get(vip)?.has(backend) === true) continue;
        this.flows.clear(vip, backend);
      }
    }
    return { lines: text.split("\n").length, iptables: after };
  }

  /** The forwarding, bridge netfilter and per-bridge settings the overlays need. */
  private async sysctls(desired: readonly AppliedNetwork[]): Promise<void> {
    if (desired.length === 0) return;
    // br_netfilter is a module on most distributions; its sysctls exist only once it is loaded.
    if (this.options.sysctl === undefined && !this.modprobed && !existsSync("/proc/sys/net/bridge")) {
      this.modprobed = true;
      await this.run("modprobe", ["br_netfilter"]).catch((error: unknown) =>
        this.log("network.br-netfilter-missing", { error: String(error) }),
      );
    }
    this.sysctl("/proc/sys/net/ipv4/ip_forward", "1");
    // Replies bridged straight back to a client must pass conntrack to be de-NATed (VIPs across nodes).
    this.sysctl("/proc/sys/net/bridge/bridge-nf-call-iptables", "1");
    // Every address includes the loopback ones.
    const loopbackPublish =
      this.options.publishAddr !== undefined &&
      (isLoopbackIpv4(this.options.publishAddr) || this.options.publishAddr === "0.0.0.0");
    for (const { links } of desired) {
      // The node forwards DNATed packets back out of the bridge they came in by: no redirects.
      this.sysctl(`/proc/sys/net/ipv4/conf/${links.bridge}/send_redirects`, "0");
      // A published port on a loopback address is DNATed to a task address behind the bridge.
      if (loopbackPublish) this.sysctl(`/proc/sys/net/ipv4/conf/${links.bridge}/route_localnet`, "1");
    }
  }

  /** Runs a pass's batch lines: on the long-lived batch process of `tool`, or one `run` when tests inject it. */
  private passBatch(tool: "ip" | "bridge", lines: readonly string[]): Promise<void> {
    return this.batchProcesses === undefined ? this.batch(tool, lines) : this.batchProcesses[tool].run(lines);
  }

  /** Runs batch lines in a process of their own (none: no process); `netns` runs them inside a namespace. */
  private async batch(tool: "ip" | "bridge", lines: readonly string[], netns?: string): Promise<void> {
    if (lines.length === 0) return;
    await this.run(tool, [...(netns === undefined ? [] : ["-n", netns]), "-batch", "-"], `${lines.join("\n")}\n`);
  }

  /** The applied network `id`, waiting for a pass that programs it (bounded). */
  private async waitForNetwork(id: string, signal: AbortSignal): Promise<AppliedNetwork> {
    const end = realClock.monotonicMs() + this.waitMs;
    for (;;) {
      const found = this.applied.get(id);
      if (found !== undefined) return found;
      signal.throwIfAborted();
      const left = end - realClock.monotonicMs();
      if (left <= 0 || this.closed) throw new NetworkNotInViewError(id, this.waitMs);
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          cancelTimer();
          signal.removeEventListener("abort", wake);
          this.waiters.delete(wake);
          resolve();
        };
        const cancelTimer = realClock.after(left, wake);
        signal.addEventListener("abort", wake, { once: true });
        this.waiters.add(wake);
      });
    }
  }
}

/** The links, addresses and entries a successful pass leaves (bridge ports aside). */
function kernelAfter(desired: readonly AppliedNetwork[], underlayAddr: string, port: number): KernelState {
  const links = new Map<string, LinkState>();
  const addrs: AddrState[] = [];
  const neighs: NeighState[] = [];
  const fdb: FdbState[] = [];
  for (const { links: d } of desired) {
    const mac = macOfIpv4(d.selfAddr);
    links.set(d.bridge, { name: d.bridge, index: 0, kind: "bridge", mtu: d.mtu, mac, up: true });
    links.set(d.vxlan, {
      name: d.vxlan,
      index: 0,
      kind: "vxlan",
      mtu: d.mtu,
      mac: "",
      up: true,
      master: d.bridge,
      vxlan: { vni: d.vni, local: d.local ?? underlayAddr, port: d.port ?? port, learning: false, proxy: true },
    });
    if (!d.dockerBridge) addrs.push({ dev: d.bridge, addr: d.selfAddr, prefixLen: d.prefixLen });
    for (const vip of d.vips) if (vip !== d.selfAddr) addrs.push({ dev: d.bridge, addr: vip, prefixLen: 32 });
    for (const p of d.peers) {
      const peerMac = macOfIpv4(p.addr);
      neighs.push({ dev: d.vxlan, addr: p.addr, mac: peerMac, permanent: true });
      fdb.push({ dev: d.vxlan, mac: peerMac, dst: p.vtep, port: p.port });
    }
  }
  return { links, addrs, neighs, fdb, ports: [] };
}

/** A rejection's reason as an Error. */
function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

/** Clock ticks per second of /proc's times (USER_HZ, 100 on Linux). */
const clockTicksPerS = 100;

/**
 * CPU time of process `pid` so far, in ms, with its waited-for children's when `children`; 0
 * where /proc is missing or the process is gone.
 */
function processCpuMs(pid: number | "self", children: boolean): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime, stime, cutime, cstime are fields 14–17, i.e. 11–14 after the command name.
    const ticks = (children ? [11, 12, 13, 14] : [11, 12]).reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
    return (ticks * 1000) / clockTicksPerS;
  } catch {
    return 0;
  }
}

/** Writes a sysctl when its value differs; a missing one is logged (e.g. br_netfilter not loaded). */
function writeSysctl(path: string, value: string, log: (event: string, fields: Record<string, unknown>) => void): void {
  try {
    if (readFileSync(path, "utf8").trim() === value) return;
    writeFileSync(path, value);
  } catch (error) {
    log("network.sysctl-failed", { path, value, error: String(error) });
  }
}
