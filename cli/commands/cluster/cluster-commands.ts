// `swarmctl cluster inspect|update|join-token|unlock-key|unlock`: the one cluster object. Join
// tokens print as the `swarmd join` command a new node runs, as `docker swarm join-token` does.
import { Args, Flags } from "@oclif/core";
import { SwarmError } from "../../../common/index.js";
import { swarm } from "../../../proto/index.js";
import type { Connection } from "../../client/connection.js";
import { UsageError } from "../../client/usage-error.js";
import { plain } from "../../output/plain.js";
import { parseDurationNs } from "../../service-spec/units.js";
import { SwarmCommand, formatFlag, quietFlag } from "../base-command.js";
import { inspectEach } from "../inspect-each.js";
import { listNodes } from "../lookup.js";
import { readUnlockKey } from "./unlock-key-input.js";

/** Name of the one cluster object. */
export const clusterRef = "default";

export async function getCluster(connection: Connection): Promise<swarm.v1.Cluster> {
  return (await connection.call("getCluster", { clusterId: clusterRef })).cluster;
}

export async function updateCluster(
  connection: Connection,
  cluster: swarm.v1.Cluster,
  change: (spec: swarm.v1.ClusterSpec.$Properties) => void,
  rotation: swarm.v1.KeyRotation.$Properties = {},
): Promise<swarm.v1.Cluster> {
  const spec = swarm.v1.ClusterSpec.toObject(cluster.spec ?? new swarm.v1.ClusterSpec(), {
    longs: Number,
  }) as swarm.v1.ClusterSpec.$Properties;
  change(spec);
  return (
    await connection.call("updateCluster", {
      clusterId: cluster.id,
      clusterVersion: cluster.meta?.version ?? {},
      spec,
      rotation,
    })
  ).cluster;
}

/** `swarmctl cluster inspect`. */
export class ClusterInspectCommand extends SwarmCommand {
  static override summary = "Display the cluster's settings, join tokens and root CA";
  static override examples = [
    "<%= config.bin %> cluster inspect",
    "<%= config.bin %> cluster inspect --format '{{.Spec.Orchestration.TaskHistoryRetentionLimit}}'",
  ];
  static override flags = { format: formatFlag };

  /** Prints the cluster. */
  async run(): Promise<void> {
    const { flags } = await this.parse(ClusterInspectCommand);
    const connection = this.connect(flags);
    await inspectEach(
      [clusterRef],
      async () => plain(swarm.v1.Cluster, await getCluster(connection)),
      flags.format,
      (t) => this.out(t),
    );
  }
}

/**
 * Docker's spelling of a boolean flag with a value (`--autolock=true|false`) as oclif parses it:
 * `--autolock` or `--no-autolock`. Any other value is left for oclif to refuse.
 */
export function booleanFlagValues(argv: readonly string[], name: string): string[] {
  return argv.map((arg) => (arg === `--${name}=true` ? `--${name}` : arg === `--${name}=false` ? `--no-${name}` : arg));
}

/** `swarmctl cluster update`. */
export class ClusterUpdateCommand extends SwarmCommand {
  static override summary = "Update the cluster's settings";
  static override examples = ["<%= config.bin %> cluster update --task-history-limit 10 --dispatcher-heartbeat 2s"];
  static override flags = {
    "task-history-limit": Flags.integer({ description: "dead tasks kept per slot", min: 0 }),
    "snapshot-interval": Flags.integer({ description: "raft log entries between snapshots", min: 1 }),
    "dispatcher-heartbeat": Flags.string({ description: "worker heartbeat period (e.g. 5s)" }),
    "cert-expiry": Flags.string({ description: "node certificate lifetime (e.g. 2160h)" }),
    autolock: Flags.boolean({
      description: "require an unlock key to restart a manager (--autolock=true|false as Docker, or --no-autolock)",
      allowNo: true,
    }),
  };

  /** Updates the cluster. */
  async run(): Promise<void> {
    const { flags } = await this.parse(ClusterUpdateCommand, booleanFlagValues(this.argv, "autolock"));
    const heartbeatNs =
      flags["dispatcher-heartbeat"] === undefined
        ? undefined
        : parseDurationNs("--dispatcher-heartbeat", flags["dispatcher-heartbeat"]);
    const expiryNs =
      flags["cert-expiry"] === undefined ? undefined : parseDurationNs("--cert-expiry", flags["cert-expiry"]);
    const connection = this.connect(flags);
    await updateCluster(connection, await getCluster(connection), (spec) => {
      if (flags["task-history-limit"] !== undefined)
        spec.orchestration = { ...spec.orchestration, taskHistoryRetentionLimit: flags["task-history-limit"] };
      if (flags["snapshot-interval"] !== undefined)
        spec.raft = { ...spec.raft, snapshotInterval: flags["snapshot-interval"] };
      if (heartbeatNs !== undefined) spec.dispatcher = { ...spec.dispatcher, heartbeatPeriodNs: heartbeatNs };
      if (expiryNs !== undefined) spec.caConfig = { ...spec.caConfig, nodeCertExpiryNs: expiryNs };
      if (flags.autolock !== undefined)
        spec.encryptionConfig = { ...spec.encryptionConfig, autoLockManagers: flags.autolock };
    });
    this.out("Cluster updated.\n");
    if (flags.autolock) {
      const { unlockKey } = await connection.call("getUnlockKey", {});
      this.out(
        `To unlock a swarm manager after it restarts, run \`swarmctl cluster unlock\` and provide the following key:\n\n    ${unlockKey}\n\nPlease remember to store this key in a password manager.\n`,
      );
    }
  }
}

/** `swarmctl cluster join-token`. */
export class ClusterJoinTokenCommand extends SwarmCommand {
  static override summary = "Show (or rotate) the token that joins a worker or a manager";
  static override examples = [
    "<%= config.bin %> cluster join-token worker",
    "<%= config.bin %> cluster join-token --rotate -q manager",
  ];
  static override args = {
    role: Args.string({ description: "worker or manager", required: true, options: ["worker", "manager"] }),
  };
  static override flags = {
    rotate: Flags.boolean({ description: "replace the token; the old one stops admitting nodes" }),
    quiet: quietFlag,
  };

  /** Prints the join command. */
  async run(): Promise<void> {
    const { args, flags } = await this.parse(ClusterJoinTokenCommand);
    const connection = this.connect(flags);
    let cluster = await getCluster(connection);
    if (flags.rotate) {
      cluster = await updateCluster(
        connection,
        cluster,
        () => undefined,
        args.role === "worker" ? { workerJoinToken: true } : { managerJoinToken: true },
      );
      if (!flags.quiet) this.out(`Successfully rotated ${args.role} join token.\n\n`);
    }
    const token = args.role === "worker" ? cluster.joinTokens?.worker : cluster.joinTokens?.manager;
    if (flags.quiet) return this.out(`${token ?? ""}\n`);
    const managers = (await listNodes(connection)).filter((x) => x.managerStatus?.addr);
    const addr =
      managers.find((x) => x.managerStatus?.leader)?.managerStatus?.addr ??
      managers[0]?.managerStatus?.addr ??
      (connection.target.startsWith("unix:") ? "MANAGER_ADDR" : connection.target);
    this.out(
      `To add a ${args.role} to this cluster, run the following command:\n\n    swarmd join --token ${token ?? ""} ${addr}\n\n`,
    );
  }
}

/** `swarmctl cluster unlock-key`. */
export class ClusterUnlockKeyCommand extends SwarmCommand {
  static override summary = "Show (or rotate) the key that unlocks a restarted manager";
  static override examples = [
    "<%= config.bin %> cluster unlock-key",
    "<%= config.bin %> cluster unlock-key --rotate -q",
  ];
  static override flags = { rotate: Flags.boolean({ description: "replace the unlock key" }), quiet: quietFlag };

  /** Prints the unlock key. */
  async run(): Promise<void> {
    const { flags } = await this.parse(ClusterUnlockKeyCommand);
    const connection = this.connect(flags);
    if (flags.rotate)
      await updateCluster(connection, await getCluster(connection), () => undefined, { managerUnlockKey: true });
    const { unlockKey } = await connection.call("getUnlockKey", {});
    if (!unlockKey)
      throw new SwarmError(
        "NO_UNLOCK_KEY",
        "no unlock key is set: autolock is off (turn it on with `swarmctl cluster update --autolock`)",
      );
    if (flags.quiet) return this.out(`${unlockKey}\n`);
    if (flags.rotate) this.out("Successfully rotated manager unlock key.\n\n");
    this.out(
      `To unlock a swarm manager after it restarts, run \`swarmctl cluster unlock\` and provide the following key:\n\n    ${unlockKey}\n\nPlease remember to store this key in a password manager.\n`,
    );
  }
}

/** `swarmctl cluster unlock`: gives a locked manager (autolock) its unlock key, read from stdin. */
export class ClusterUnlockCommand extends SwarmCommand {
  static override summary =
    "Unlock a manager that restarted locked (autolock), with the unlock key read from standard input";
  static override examples = [
    "<%= config.bin %> cluster unlock",
    "echo SWMKEY-1-... | <%= config.bin %> cluster unlock",
  ];

  /** Reads the key and sends it to the locked manager. */
  async run(): Promise<void> {
    const { flags } = await this.parse(ClusterUnlockCommand);
    const unlockKey = await readUnlockKey();
    if (!unlockKey)
      throw new UsageError("unlock key", "none given: type it at the prompt or pipe it to standard input");
    await this.connect(flags).call("unlock", { unlockKey });
    this.out("The manager is unlocked and continues starting.\n");
  }
}
