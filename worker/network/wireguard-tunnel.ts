// The node's WireGuard tunnel for encrypted overlay networks: one interface per node (whatever the
// number of encrypted networks), run by wireguard-go in userspace over TUN, because this kind of
// kernel has neither WireGuard nor IPsec ESP. The agent converges it like everything else: the
// interface exists exactly while an encrypted network is served, holds exactly the view's peers
// (tunnel-plan.ts), the node's tunnel address and an MTU that leaves room for WireGuard's
// overhead; an INPUT rule drops encrypted networks' VXLAN that did not come out of the tunnel, so
// nobody on the underlay can inject clear frames into an encrypted network.
import { accessSync, constants, existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import type { CommandRunner } from "./command-runner.js";
import { execRunner } from "./command-runner.js";
import { parseAddrs, parseLinks } from "./kernel-state.js";
import type { DesiredTunnel } from "./tunnel-plan.js";
import { planTunnel } from "./tunnel-plan.js";
import { loadOrCreateKeys } from "./wireguard-keys.js";
import type { WireGuardKeys } from "./wireguard-keys.js";
import { parseUapiGet, uapiExchange } from "./wireguard-uapi.js";
import { realClock } from "../../common/index.js";

/** The tunnel interface's name on a production node (a node prefix goes in front in tests). */
export const tunnelInterfaceName = "swarm-wg";

/** UDP port the tunnel listens on unless the node names another (WireGuard's usual). */
export const wireguardPortDefault = 51820;

/**
 * Bytes WireGuard takes off the underlay MTU: outer IPv6 40 (IPv4: 20) + UDP 8 + data header 16 +
 * Poly1305 tag 16, as wireguard-go sizes its interface (1420 on 1500).
 */
export const wireguardOverheadBytes = 80;

/** Where wireguard-go puts its configuration sockets (`<dir>/<interface>.sock`). */
export const uapiSocketDir = "/var/run/wireguard";

/** Longest wireguard-go may take to bring up its interface and socket, in ms. */
export const tunnelStartMs = 10_000;

/** Longest reason the node gives for not encrypting, in characters (it travels in the node's description). */
export const unavailableReasonCharsMax = 200;

/** How often the start waits for the socket to appear, in ms. */
const tunnelStartPollMs = 50;

/** Options of a {@link WireGuardTunnel}. */
export interface WireGuardTunnelOptions {
  /** The interface's name (`swarm-wg`, with the node prefix in tests). */
  readonly name: string;
  /** File holding the node's private key (made on first use, mode 0600). */
  readonly keyFile: string;
  /** UDP port to listen on; {@link wireguardPortDefault} by default. */
  readonly listenPort?: number;
  /** The wireguard-go program: a path, or a name looked up in PATH; `wireguard-go` by default. */
  readonly wireguardGo?: string;
  /** Runs commands; tests inject a fake. */
  readonly run?: CommandRunner;
  /** Where configuration sockets are; {@link uapiSocketDir} by default. */
  readonly socketDir?: string;
  /** Says whether the node can run a tunnel; tests inject one. By default: root, /dev/net/tun, the program. */
  readonly probe?: () => string | undefined;
  /** Speaks the UAPI; tests inject a fake. */
  readonly uapi?: (socketPath: string, request: string) => Promise<string>;
  /** Log sink. */
  readonly log?: (event: string, fields: Record<string, unknown>) => void;
}

/** What the tunnel reports. */
export interface TunnelStats {
  /** The interface, when it exists. */
  readonly interface?: string;
  /** Peers configured. */
  readonly peers: number;
  /** Why the node cannot encrypt, when it cannot. */
  readonly unavailable?: string;
}

/** Finds `program` as execve would: a path as given, a name in PATH (and the sbin directories). */
function findProgram(program: string): string | undefined {
  const executable = (path: string): boolean => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (program.includes("/")) return executable(program) ? program : undefined;
  const dirs = [...(process.env.PATH ?? "").split(delimiter), "/usr/local/sbin", "/usr/sbin", "/sbin"];
  return dirs.map((d) => join(d, program)).find((p) => p !== program && executable(p));
}

/** The node's WireGuard tunnel; see the file header. */
export class WireGuardTunnel {
  /** The interface's name. */
  readonly name: string;
  /** The UDP port it listens on. */
  readonly listenPort: number;
  private readonly run: CommandRunner;
  private readonly uapi: (socketPath: string, request: string) => Promise<string>;
  private readonly socketPath: string;
  private readonly program: string;
  private readonly log: (event: string, fields: Record<string, unknown>) => void;
  private keys: WireGuardKeys | undefined;
  private why: string | undefined;
  private up = false;
  private peers = 0;
  private lastRule = "";
  /**
   * Whether the kernel was read for a tunnel left by an earlier run: once done, a pass with no
   * encrypted network costs nothing while the tunnel is known to be absent.
   */
  private swept = false;

  constructor(options: WireGuardTunnelOptions) {
    this.name = options.name;
    this.listenPort = options.listenPort ?? wireguardPortDefault;
    this.run = options.run ?? execRunner;
    this.uapi = options.uapi ?? uapiExchange;
    this.socketPath = join(options.socketDir ?? uapiSocketDir, `${options.name}.sock`);
    this.program = options.wireguardGo ?? "wireguard-go";
    this.log = options.log ?? (() => undefined);
    this.why = (options.probe ?? (() => this.probe()))();
    if (this.why === undefined) {
      try {
        this.keys = loadOrCreateKeys(options.keyFile);
      } catch (error) {
        this.why = String((error as Error).message);
      }
    }
    if (this.why !== undefined) {
      this.why = this.why.slice(0, unavailableReasonCharsMax);
      this.log("network.tunnel-unavailable", { reason: this.why });
    }
  }

  /** Why this node cannot encrypt overlay traffic, or undefined when it can. */
  unavailable(): string | undefined {
    return this.why;
  }

  /** The node's public key (base64), or "" when it cannot encrypt: peers are never told of a tunnel that cannot run. */
  publicKey(): string {
    return this.why === undefined ? (this.keys?.publicKey ?? "") : "";
  }

  /** The node's private key, for the plan; only while the tunnel can run. */
  privateKey(): string {
    if (this.keys === undefined) throw new RangeError(`no WireGuard tunnel on this node: ${this.why ?? "no key"}`);
    return this.keys.privateKey;
  }

  /** Counters. */
  stats(): TunnelStats {
    return {
      ...(this.up ? { interface: this.name } : {}),
      peers: this.peers,
      ...(this.why === undefined ? {} : { unavailable: this.why }),
    };
  }

  /**
   * Makes the tunnel match `desired` (an MTU of `mtu`; `dropPort`: the UDP port of encrypted
   * VXLAN, accepted only out of the tunnel), or removes it when `desired` is undefined.
   */
  async converge(desired: DesiredTunnel | undefined, mtu: number, dropPort: number): Promise<void> {
    if (desired === undefined) {
      await this.remove();
      return;
    }
    if (this.why !== undefined) throw new RangeError(`this node cannot encrypt: ${this.why}`);
    const links = parseLinks(await this.run("ip", ["-j", "link", "show"]));
    if (!links.has(this.name)) await this.start();
    const current = parseUapiGet(await this.uapi(this.socketPath, "get=1\n"));
    const request = planTunnel(desired, current);
    if (request !== "") await this.uapi(this.socketPath, request);
    this.peers = desired.peers.length;
    const addrs = parseAddrs(await this.run("ip", ["-j", "addr", "show", "dev", this.name]));
    const lines: string[] = [];
    for (const a of addrs)
      if (`${a.addr}/${a.prefixLen}` !== desired.addr) lines.push(`addr del ${a.addr}/${a.prefixLen} dev ${this.name}`);
    if (!addrs.some((a) => `${a.addr}/${a.prefixLen}` === desired.addr))
      lines.push(`addr replace ${desired.addr} dev ${this.name}`);
    const link = parseLinks(await this.run("ip", ["-j", "link", "show", "dev", this.name])).get(this.name);
    if (link?.mtu !== mtu || !link.up) lines.push(`link set dev ${this.name} mtu ${mtu} up`);
    if (lines.length > 0) await this.run("ip", ["-batch", "-"], `${lines.join("\n")}\n`);
    await this.dropClearVxlan(dropPort);
    this.up = true;
  }

  /** Removes the interface (wireguard-go exits with it, taking its socket) and the INPUT rule. */
  async remove(): Promise<void> {
    // A node that cannot encrypt never made a tunnel; one known to be gone needs no look.
    if (this.why !== undefined || (this.swept && !this.up)) return;
    const links = parseLinks(await this.run("ip", ["-j", "link", "show"]));
    if (links.has(this.name)) {
      await this.run("ip", ["link", "del", "dev", this.name]);
      this.log("network.tunnel-removed", { interface: this.name });
    }
    const chain = this.chain();
    const save = await this.run("iptables-save", ["-t", "filter"]);
    if (save.includes(`:${chain} `)) {
      const jump = save.includes(`-A INPUT -j ${chain}`) ? `-D INPUT -j ${chain}\n` : "";
      await this.run(
        "iptables-restore",
        ["-w", "5", "--noflush"],
        `*filter\n${jump}-F ${chain}\n-X ${chain}\nCOMMIT\n`,
      );
    }
    this.lastRule = "";
    this.up = false;
    this.peers = 0;
    this.swept = true;
  }

  /** The filter chain dropping clear encrypted VXLAN (named after the interface, so per node). */
  private chain(): string {
    return `SWARM-WG-IN-${this.name.toUpperCase().replace(/[^A-Z0-9]/g, "")}`.slice(0, 28);
  }

  /** Installs (when changed) `-p udp --dport <port> ! -i <tunnel> -j DROP`, jumped from INPUT. */
  private async dropClearVxlan(port: number): Promise<void> {
    const chain = this.chain();
    const rule = `-A ${chain} -p udp --dport ${port} ! -i ${this.name} -m comment --comment "swarm-ts: encrypted VXLAN only out of the tunnel" -j DROP`;
    if (rule === this.lastRule) return;
    const save = await this.run("iptables-save", ["-t", "filter"]);
    const jump = save.includes(`-A INPUT -j ${chain}`) ? "" : `-I INPUT -j ${chain}\n`;
    await this.run(
      "iptables-restore",
      ["-w", "5", "--noflush"],
      `*filter\n:${chain} - [0:0]\n${jump}${rule}\nCOMMIT\n`,
    );
    this.lastRule = rule;
  }

  /** Starts wireguard-go on the interface; resolves once its configuration socket answers. */
  private async start(): Promise<void> {
    // wireguard-go makes the TUN device and the socket, hands both to a daemonized copy of itself
    // and exits: the tunnel outlives a swarmd restart, as the rest of the node's kernel state does.
    await this.run(this.program, [this.name]);
    const end = realClock.monotonicMs() + tunnelStartMs;
    for (;;) {
      if (existsSync(this.socketPath)) {
        try {
          await this.uapi(this.socketPath, "get=1\n");
          break;
        } catch (error) {
          if (realClock.monotonicMs() > end) throw error;
        }
      } else if (realClock.monotonicMs() > end)
        throw new RangeError(`wireguard-go made no socket ${this.socketPath} in ${tunnelStartMs} ms`);
      await realClock.sleep(tunnelStartPollMs);
    }
    this.log("network.tunnel-started", { interface: this.name, listenPort: this.listenPort });
  }

  /** Root, /dev/net/tun and the program: what wireguard-go needs. */
  private probe(): string | undefined {
    if (process.getuid?.() !== 0) return "encrypted networks need swarmd to run as root";
    if (!existsSync("/dev/net/tun")) return "no /dev/net/tun (wireguard-go needs the TUN device)";
    if (findProgram(this.program) === undefined)
      return `no ${this.program} program (install Debian's wireguard-go package)`;
    return undefined;
  }
}
