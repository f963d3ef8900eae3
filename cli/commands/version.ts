// `swarmctl version`: the client's version, and the cluster it talks to when one answers. The API
// has no version call yet, so the server part names the cluster and its API package instead.
import { Flags } from "@oclif/core";
import { SwarmCommand, formatFlag } from "./base-command.js";

/** How long `version` waits for the manager before printing the client part alone. */
export const versionServerMsMax = 2_000;

/** `swarmctl version`. */
export class VersionCommand extends SwarmCommand {
  static override summary = "Show the swarmctl version and, when reachable, the cluster's";
  static override examples = ["<%= config.bin %> version", "<%= config.bin %> version --format json"];
  static override flags = {
    format: formatFlag,
    client: Flags.boolean({ description: "only the client part; do not contact a manager" }),
  };

  /** Prints the versions. */
  async run(): Promise<void> {
    const { flags } = await this.parse(VersionCommand);
    const client = { version: this.config.version, node: process.version, os: process.platform, arch: process.arch };
    let server: { api: string; clusterId: string; target: string } | null = null;
    if (!flags.client) {
      try {
        const connection = this.connect(flags);
        const { cluster } = await connection.call("getCluster", { clusterId: "default" }, versionServerMsMax);
        server = { api: "swarm.v1", clusterId: cluster.id, target: connection.target };
      } catch {
        // Unreachable (or not a manager): the client part is still worth printing.
        server = null;
      }
    }
    if (flags.format === "json") {
      this.out(`${JSON.stringify({ client, server })}\n`);
      return;
    }
    this.out(
      `Client:\n Version:     ${client.version}\n Node.js:     ${client.node}\n OS/Arch:     ${client.os}/${client.arch}\n`,
    );
    if (server)
      this.out(
        `\nServer:\n API:         ${server.api}\n Cluster ID:  ${server.clusterId}\n Address:     ${server.target}\n`,
      );
  }
}
