// What a node remembers across restarts besides its raft log and task database: its identity, its
// role, where it listens and which managers it last knew. swarmd restarted on the same state
// directory rejoins with this identity instead of becoming a new node.
import { mkdir, readFile, rename, writeFile, open } from "node:fs/promises";
import { join } from "node:path";
import { SwarmError } from "../common/index.js";
import type { swarm } from "../proto/index.js";
import type { ExecutorChoice } from "./executor-choice.js";
import type { NetworkAgentChoice } from "./network-choice.js";

/** The node's role as swarmd runs it. */
export type NodeRole = "manager" | "worker";

/** Contents of `node.json`. */
export interface NodeStateFile {
  /** Format version, to refuse files written by an incompatible swarmd. */
  readonly version: 1;
  /** Node id. */
  readonly nodeId: string;
  /** Which parts run: a manager node runs a manager and an agent, a worker only the agent. */
  readonly role: NodeRole;
  /** Address the manager part listens on (managers only). */
  readonly listenAddr: string;
  /** Address other nodes reach this one at. */
  readonly advertiseAddr: string;
  /** Managers last known, to reconnect to after a restart. */
  readonly managers: readonly string[];
  /** Executor chosen at init/join. */
  readonly executor: ExecutorChoice;
  /** Hostname the node reports (`swarmd --hostname`); absent: the machine's. */
  readonly hostname?: string;
  /** UDP port of this node's VXLAN devices (`swarmd join|run --data-path-port`); absent: the cluster's. */
  readonly dataPathPort?: number;
  /** Whether the node runs a network agent (`--network-agent`); absent: off. */
  readonly networkAgent?: NetworkAgentChoice;
  /** Prefix of the network agent's kernel names (`--network-prefix`); absent: none. */
  readonly networkPrefix?: string;
  /** The wireguard-go program for encrypted networks (`--wireguard-go`); absent: `wireguard-go` in PATH. */
  readonly wireguardGo?: string;
  /** Engine labels (`swarmd --label`), reported in the node's description; absent: none. */
  readonly engineLabels?: Readonly<Record<string, string>>;
  /** Generic resources (`swarmd --node-generic-resource`), reported in the node's description; absent: none. */
  readonly genericResources?: readonly swarm.v1.GenericResource.$Properties[];
  /** The only address published ports answer on (`swarmd --publish-addr`); absent: every address. */
  readonly publishAddr?: string;
}

/** The state directory holds no node (never initialised or joined). */
export class NoNodeStateError extends SwarmError {
  constructor(stateDir: string) {
    super("NO_NODE_STATE", `${stateDir} holds no node: run \`swarmd init\` or \`swarmd join\` first`, {
      context: { stateDir },
    });
  }
}

/** The state directory already holds a node. */
export class NodeStateExistsError extends SwarmError {
  constructor(stateDir: string) {
    super(
      "NODE_STATE_EXISTS",
      `${stateDir} already holds a node: start it with \`swarmd run\`, or \`swarmd leave\` first`,
      { context: { stateDir } },
    );
  }
}

const stateFile = (stateDir: string): string => join(stateDir, "node.json");

/** Reads the node state, or null when the directory holds none. */
export async function readNodeState(stateDir: string): Promise<NodeStateFile | null> {
  let text: string;
  try {
    text = await readFile(stateFile(stateDir), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const state = JSON.parse(text) as NodeStateFile;
  if (state.version !== 1)
    throw new SwarmError(
      "NODE_STATE_VERSION",
      `${stateFile(stateDir)} has version ${String(state.version)}; this swarmd reads version 1`,
    );
  return state;
}

/** Writes the node state atomically (temp file, fsync, rename, directory fsync). */
export async function writeNodeState(stateDir: string, state: NodeStateFile): Promise<void> {
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  const path = stateFile(stateDir);
  const tmp = `${path}.tmp`;
  await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600, flush: true });
  await rename(tmp, path);
  const dir = await open(stateDir, "r");
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
