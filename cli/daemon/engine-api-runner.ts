// swarmd's Docker Engine API (`--engine-api unix:///path` / `tcp://host:port`). It starts before
// the node, so a manager restarted locked already answers `docker swarm unlock` on the socket;
// TCP listeners need the server certificate, which a manager signs (or a restarted one finds on
// disk), and start as soon as one exists. The certificate is checked hourly and renewed when a
// third of its life is left; listeners present the new one to new connections.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Logger } from "pino";
import { controlSocketPath, unixTarget } from "../../common/index.js";
import {
  EngineApi,
  type EngineApiAddress,
  type EngineApiListener,
  type LocalNode,
  type LocalRole,
  type SwarmMembership,
} from "../../engineapi/index.js";
import {
  engineApiCertificate,
  type EngineApiTls,
  NodeCertStore,
  readNodeState,
  type NodeStateFile,
  type SwarmNode,
} from "../../node/index.js";

/** How often a TCP listener's certificate is checked (and renewed when due). */
export const engineApiCertCheckMs = 3_600_000;
/** How often a TCP listener still waiting for a certificate tries again (e.g. a worker until it is promoted). */
export const engineApiCertRetryMs = 30_000;

/** swarm-ts's version, from the package.json above this file (source or dist). */
export function packageVersion(): string {
  let dir = import.meta.dirname;
  for (let i = 0; i < 5; i++) {
    const file = join(dir, "package.json");
    if (existsSync(file)) return (JSON.parse(readFileSync(file, "utf8")) as { version?: string }).version ?? "0.0.0";
    dir = dirname(dir);
  }
  return "0.0.0";
}

/** Options of {@link EngineApiRunner.start}. */
export interface EngineApiRunnerOptions {
  readonly addresses: readonly EngineApiAddress[];
  /** `--engine-api-san`: names and addresses the TLS certificate serves (besides the listen and advertise hosts). */
  readonly sans: readonly string[];
  readonly stateDir: string;
  readonly logger: Logger;
  /** The daemon's init, join and leave. */
  readonly membership?: SwarmMembership;
}

/** The host of a TCP address, unless it is a wildcard (no client dials 0.0.0.0). */
function specificHost(address: EngineApiAddress): string[] {
  if (address.kind !== "tcp" || address.host === "0.0.0.0" || address.host === "::") return [];
  return [address.host];
}

/** The Engine API of one swarmd, with its listeners. */
export class EngineApiRunner {
  private node: SwarmNode | null = null;
  private readonly tcpListeners = new Map<EngineApiAddress, EngineApiListener>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  private constructor(
    private readonly api: EngineApi,
    private readonly options: EngineApiRunnerOptions,
    private stateFile: NodeStateFile | null,
  ) {}

  /** Starts the front end and its unix listeners (and TCP ones whose stored certificate is still good). */
  static async start(options: EngineApiRunnerOptions): Promise<EngineApiRunner> {
    const stateFile = await readNodeState(options.stateDir).catch(() => null);
    let runner: EngineApiRunner | null = null;
    const local: LocalNode = {
      nodeId: () => runner?.node?.nodeId ?? runner?.stateFile?.nodeId ?? "",
      role: (): LocalRole => {
        const node = runner?.node;
        if (node) return node.manager ? "manager" : "worker";
        return runner?.stateFile?.role ?? "none";
      },
      advertiseAddr: () => runner?.node?.state.advertiseAddr ?? runner?.stateFile?.advertiseAddr ?? "",
      managers: () => runner?.node?.agent.managers ?? runner?.stateFile?.managers ?? [],
    };
    const api = EngineApi.start({
      controlTarget: unixTarget(controlSocketPath(options.stateDir)),
      local,
      stateDir: options.stateDir,
      version: packageVersion(),
      // The node's own manager, while it has one (not before a locked manager is unlocked).
      inProcess: () => runner?.node?.manager?.controlHandlers ?? null,
      log: (level, event, fields) => options.logger[level](fields, event),
      ...(options.membership ? { membership: options.membership } : {}),
    });
    runner = new EngineApiRunner(api, options, stateFile);
    try {
      for (const address of options.addresses.filter((a) => a.kind === "unix")) {
        const listener = await api.listen(address);
        options.logger.info({ addr: listener.address }, "swarmd.engine-api-serving");
      }
      await runner.startTcp();
    } catch (error) {
      await api.close();
      throw error;
    }
    return runner;
  }

  /** The node is running: TCP listeners can now get a certificate signed. */
  async nodeStarted(node: SwarmNode): Promise<void> {
    this.node = node;
    this.stateFile = node.state;
    await this.startTcp();
  }

  /** The node left its cluster: the front end serves as a daemon in no swarm. */
  nodeLeft(): void {
    this.node = null;
    this.stateFile = null;
  }

  /** The TLS material for the TCP listeners now, or null when none can be had yet. */
  private async tls(): Promise<EngineApiTls | null> {
    const tcp = this.options.addresses.filter((a) => a.kind === "tcp");
    if (tcp.length === 0) return null;
    const certificates = await new NodeCertStore(this.options.stateDir).load();
    const state = this.node?.state ?? this.stateFile;
    if (!certificates || !state) return null;
    const advertiseHost = state.advertiseAddr.slice(0, state.advertiseAddr.lastIndexOf(":")).replace(/^\[|\]$/g, "");
    return engineApiCertificate({
      stateDir: this.options.stateDir,
      names: [...this.options.sans, ...tcp.flatMap(specificHost), advertiseHost],
      caPem: certificates.caPem,
      manager: this.node?.manager ?? null,
      nodeId: state.nodeId,
    });
  }

  private async startTcp(): Promise<void> {
    if (this.stopped || !this.options.addresses.some((a) => a.kind === "tcp")) return;
    if (this.timer) clearTimeout(this.timer);
    let tls: EngineApiTls | null = null;
    try {
      tls = await this.tls();
    } catch (error) {
      this.options.logger.warn({ error: String(error) }, "swarmd.engine-api-certificate-failed");
    }
    if (tls) {
      for (const address of this.options.addresses.filter((a) => a.kind === "tcp")) {
        const running = this.tcpListeners.get(address);
        if (running) running.updateTls(tls);
        else {
          const listener = await this.api.listen(address, tls);
          this.tcpListeners.set(address, listener);
          this.options.logger.info({ addr: listener.address }, "swarmd.engine-api-serving");
        }
      }
    } else if (this.tcpListeners.size === 0) {
      this.options.logger.warn({}, "swarmd.engine-api-tls-waiting");
    }
    this.timer = setTimeout(
      () => {
        this.startTcp().catch((error: unknown) =>
          this.options.logger.warn({ error: String(error) }, "swarmd.engine-api-listen-failed"),
        );
      },
      tls ? engineApiCertCheckMs : engineApiCertRetryMs,
    );
    this.timer.unref();
  }

  /** Stops every listener and the front end. */
  async close(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.api.close();
  }
}
