// A network lab: "nodes" as network namespaces joined by veth pairs to one switch bridge in a lab
// namespace, on an underlay in 198.18.0.0/24 (RFC 2544's benchmark range) that exists only inside
// namespaces the lab creates; the host's own interfaces and routes are never touched. Every name
// starts with a run-unique prefix `swlab-<pid>-<random>`; `destroy()` kills what runs inside and
// removes everything, and `sweepNetlabs()` removes what a crashed run (a dead pid) left behind.
// Needs root and iproute2.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { NetworkAgent } from "../../worker/index.js";

/** First three octets of the lab underlay; node i (from 0) has .(i+1). */
export const labUnderlayPrefix = "198.18.0";

/** Pattern of every lab name: the owner's pid comes first, so a sweep can tell whether it lives. */
export const labNamePattern = /^swlab-(\d+)-[0-9a-f]{4}(-|$)/;

/** Longest a lab command may run, in ms. */
export const labCommandTimeoutMs = 30_000;

/** Most nodes one lab holds (the underlay is a /24). */
export const labNodesMax = 200;

/** Tries at finding a free /30 for {@link Netlab.connectHost}. */
const hostLinkAttemptsMax = 20;

/** Where named namespaces live. */
const netnsDir = "/run/netns";

/** Where per-namespace /etc files live. */
const etcNetnsDir = "/etc/netns";

/** Runs a command, resolving with stdout; rejects with stderr in the message. */
export function labExec(
  program: string,
  args: readonly string[],
  options: { input?: string; timeoutMs?: number } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      program,
      [...args],
      { timeout: options.timeoutMs ?? labCommandTimeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${program} ${args.join(" ")}: ${stderr.trim() || error.message}`));
        else resolve(stdout);
      },
    );
    child.stdin?.on("error", () => undefined);
    child.stdin?.end(options.input ?? "");
  });
}

/** Whether this process can build a lab (root, `ip netns`). */
export function canBuildNetlab(): boolean {
  return process.getuid?.() === 0;
}

/** Kills every process inside `netns` (by pid) and deletes it; absent is fine. */
async function removeNetns(netns: string): Promise<void> {
  const pids = await labExec("ip", ["netns", "pids", netns]).catch(() => "");
  for (const pid of pids.split(/\s+/).filter((p) => /^\d+$/.test(p))) {
    try {
      process.kill(Number(pid), "SIGKILL");
    } catch {
      // Gone already.
    }
  }
  await labExec("ip", ["netns", "delete", netns]).catch(() => undefined);
  rmSync(join(etcNetnsDir, netns), { recursive: true, force: true });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Where a lab records a network agent it runs in the host's own namespace (see {@link Netlab.recordHostAgent}). */
const hostAgentDir = tmpdir();

/** What a lab records of a host-namespace agent, so a sweep can tear it down after a crash. */
interface HostAgentRecord {
  readonly prefix: string;
  readonly owner: string;
  readonly docker: boolean;
}

/**
 * Removes namespaces and /etc/netns entries of labs whose owner process is gone, and tears down
 * the host-namespace agents they recorded (links, chains, Docker networks); returns the names.
 */
export async function sweepNetlabs(): Promise<string[]> {
  const names = new Set<string>();
  for (const file of readdirSync(hostAgentDir)) {
    const m = /^(swlab-(\d+)-[0-9a-f]{4})\.host-agent\.json$/.exec(file);
    if (m === null || pidAlive(Number(m[2]))) continue;
    try {
      const record = JSON.parse(readFileSync(join(hostAgentDir, file), "utf8")) as HostAgentRecord;
      const agent = new NetworkAgent({
        underlayAddr: "127.0.0.1",
        prefix: record.prefix,
        owner: record.owner,
        dns: false,
        reconvergeMs: 0,
        ...(record.docker ? { docker: new Docker({ socketPath: "/var/run/docker.sock" }) } : {}),
      });
      await agent.teardown();
    } catch {
      // Gone already, or the engine is not there: nothing more to do.
    }
    rmSync(join(hostAgentDir, file), { force: true });
    names.add(m[1]!);
  }
  for (const dir of [netnsDir, etcNetnsDir]) {
    try {
      for (const name of readdirSync(dir)) {
        const m = labNamePattern.exec(name);
        if (m !== null && !pidAlive(Number(m[1]))) names.add(name);
      }
    } catch {
      // No such directory: nothing to sweep there.
    }
  }
  for (const name of names) await removeNetns(name);
  return [...names].sort();
}

/** A lab; see the file header. */
export class Netlab {
  /** The run-unique prefix of every name. */
  readonly id: string;
  /** Scratch directory of the run (web roots, scripts), removed by destroy(). */
  readonly tmp: string;
  private readonly children = new Set<ChildProcess>();
  private readonly hostLinks: string[] = [];
  private nodes = 0;
  private destroyed = false;

  private constructor() {
    this.id = `swlab-${process.pid}-${randomBytes(2).toString("hex")}`;
    this.tmp = mkdtempSync(join(tmpdir(), `${this.id}-`));
  }

  /** Builds a lab with `nodes` node namespaces on the switch; leftovers of crashed runs are swept first. */
  static async create(nodes: number): Promise<Netlab> {
    if (!Number.isInteger(nodes) || nodes < 1 || nodes > labNodesMax)
      throw new RangeError(`a lab holds 1..${labNodesMax} nodes, not ${nodes}`);
    await sweepNetlabs();
    const lab = new Netlab();
    try {
      const sw = lab.switchNetns;
      await labExec("ip", ["netns", "add", sw]);
      await labExec("ip", ["-n", sw, "-batch", "-"], {
        input: ["link set dev lo up", "link add name sw0 type bridge", "link set dev sw0 up", ""].join("\n"),
      });
      for (let i = 0; i < nodes; i++) await lab.addNode();
    } catch (error) {
      await lab.destroy();
      throw error;
    }
    return lab;
  }

  /** The lab namespace holding the switch. */
  get switchNetns(): string {
    return `${this.id}-sw`;
  }

  /** Node i's namespace. */
  nodeNetns(i: number): string {
    return `${this.id}-n${i}`;
  }

  /** Node i's underlay address. */
  underlayAddr(i: number): string {
    return `${labUnderlayPrefix}.${i + 1}`;
  }

  /** How many nodes the lab has. */
  get nodeCount(): number {
    return this.nodes;
  }

  /** A name for something of the test's own inside the lab (task namespaces), carrying the prefix. */
  name(suffix: string): string {
    return `${this.id}-${suffix}`;
  }

  /** Adds a node namespace wired to the switch; returns its index. */
  async addNode(): Promise<number> {
    const i = this.nodes;
    const netns = this.nodeNetns(i);
    await labExec("ip", ["netns", "add", netns]);
    this.nodes += 1;
    await labExec("ip", ["-n", this.switchNetns, "-batch", "-"], {
      input: [`link add name p${i} type veth peer name u0 netns ${netns}`, `link set dev p${i} master sw0 up`, ""].join(
        "\n",
      ),
    });
    await labExec("ip", ["-n", netns, "-batch", "-"], {
      input: ["link set dev lo up", `addr add ${this.underlayAddr(i)}/24 dev u0`, "link set dev u0 up", ""].join("\n"),
    });
    return i;
  }

  /**
   * Joins the host itself to node `i` with a veth pair on a /30 of its own (198.18.X.0/30, X
   * picked at random among the ranges no interface of the host uses), for a node that must run
   * in the host's namespace (the Docker executor's, beside the host's dockerd). The host end is
   * the only lab address outside the lab's namespaces; it goes when the node's namespace goes.
   */
  async connectHost(i: number): Promise<{ hostAddr: string; nodeAddr: string; hostLink: string }> {
    const used = await labExec("ip", ["-4", "-o", "addr", "show"]);
    const routes = await labExec("ip", ["-4", "route", "show"]);
    for (let attempt = 0; attempt < hostLinkAttemptsMax; attempt++) {
      const x = 100 + (randomBytes(1)[0]! % 150);
      if (used.includes(`198.18.${x}.`) || routes.includes(`198.18.${x}.`)) continue;
      const hostLink = `swlh${randomBytes(3).toString("hex")}`;
      const [hostAddr, nodeAddr] = [`198.18.${x}.1`, `198.18.${x}.2`];
      await labExec("ip", [
        "link",
        "add",
        "name",
        hostLink,
        "type",
        "veth",
        "peer",
        "name",
        "h0",
        "netns",
        this.nodeNetns(i),
      ]);
      this.hostLinks.push(hostLink);
      await labExec("ip", ["-batch", "-"], {
        input: [`addr add ${hostAddr}/30 dev ${hostLink}`, `link set dev ${hostLink} up`, ""].join("\n"),
      });
      await labExec("ip", ["-n", this.nodeNetns(i), "-batch", "-"], {
        input: [`addr add ${nodeAddr}/30 dev h0`, "link set dev h0 up", ""].join("\n"),
      });
      return { hostAddr, nodeAddr, hostLink };
    }
    throw new Error(`no free 198.18.X.0/30 for the host after ${hostLinkAttemptsMax} attempts`);
  }

  /**
   * Records that this run has a network agent with `prefix` in the host's own namespace (its
   * links and chains cannot carry the run's prefix), so a sweep after a crash tears it down.
   * destroy() deletes the record: the test tears its agent down itself, before.
   */
  recordHostAgent(prefix: string, docker: boolean): void {
    const record: HostAgentRecord = { prefix, owner: this.id, docker };
    writeFileSync(join(hostAgentDir, `${this.id}.host-agent.json`), JSON.stringify(record));
  }

  /** Runs a command inside `netns` (with its /etc/netns files, as a task sees them). */
  exec(
    netns: string,
    program: string,
    args: readonly string[],
    options: { input?: string; timeoutMs?: number } = {},
  ): Promise<string> {
    return labExec("ip", ["netns", "exec", netns, program, ...args], options);
  }

  /**
   * Starts a long-running process inside `netns`, killed by destroy(). `nsenter` switches only the
   * network namespace (no mount namespace of its own), so namespaces it creates with `ip netns
   * add` are visible to the whole host, as they would be from a node's swarmd.
   */
  spawn(
    netns: string,
    program: string,
    args: readonly string[],
    options: { viaNetnsExec?: boolean } = {},
  ): ChildProcess {
    const argv = options.viaNetnsExec
      ? ["ip", ["netns", "exec", netns, program, ...args]]
      : ["nsenter", [`--net=${join(netnsDir, netns)}`, "--", program, ...args]];
    const child = spawn(argv[0] as string, argv[1] as string[], { stdio: ["pipe", "pipe", "pipe"] });
    this.children.add(child);
    child.once("exit", () => this.children.delete(child));
    child.on("error", () => undefined);
    return child;
  }

  /** Kills everything the lab started and removes every namespace, link and file of the run. */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const child of this.children) child.kill("SIGKILL");
    for (const link of this.hostLinks) await labExec("ip", ["link", "delete", "dev", link]).catch(() => undefined);
    const own = new Set<string>();
    for (const dir of [netnsDir, etcNetnsDir]) {
      try {
        for (const name of readdirSync(dir)) if (name.startsWith(`${this.id}-`)) own.add(name);
      } catch {
        // Nothing there.
      }
    }
    // Task namespaces first, then nodes, then the switch: veth pairs go with either end.
    const order = [...own].sort((a, b) => rank(a, this.id) - rank(b, this.id));
    for (const name of order) await removeNetns(name);
    rmSync(this.tmp, { recursive: true, force: true });
    rmSync(join(hostAgentDir, `${this.id}.host-agent.json`), { force: true });
  }
}

/** Removal order of a lab name: task namespaces (0), nodes (1), the switch (2). */
function rank(name: string, id: string): number {
  if (name === `${id}-sw`) return 2;
  return /-n\d+$/.test(name) ? 1 : 0;
}
