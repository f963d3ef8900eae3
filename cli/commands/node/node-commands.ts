// `swarmctl node inspect|update|promote|demote|rm`: each reads the node (the managers resolve ids,
// names and id prefixes) and, for changes, writes its spec back with the version it read, read
// again and retried when the node changed in between (node-spec-update.ts).
import { Args, Flags } from "@oclif/core";
import { swarm } from "../../../proto/index.js";
import { plain } from "../../output/plain.js";
import { parseLabel } from "../../service-spec/parse-options.js";
import { SwarmCommand, formatFlag } from "../base-command.js";
import { inspectEach } from "../inspect-each.js";
import { getNode } from "../lookup.js";
import { forEachRef } from "../for-each-ref.js";
import { updateNodeSpec } from "./node-spec-update.js";

const Role = swarm.v1.NodeSpec.Role;
const nodeArg = Args.string({ description: "node id, hostname or id prefix", required: true });

/** `swarmctl node inspect`. */
export class NodeInspectCommand extends SwarmCommand {
  static override summary = "Display detailed information on one or more nodes";
  static override examples = [
    "<%= config.bin %> node inspect worker-1",
    "<%= config.bin %> node inspect --format '{{.Description.Hostname}}' worker-1",
  ];
  static override strict = false;
  static override args = { node: nodeArg };
  static override flags = { format: formatFlag };

  /** Prints the nodes. */
  async run(): Promise<void> {
    const { argv, flags } = await this.parse(NodeInspectCommand);
    const connection = this.connect(flags);
    await inspectEach(
      argv as string[],
      async (ref) => {
        // The certificate's PEM and CSR are long and say nothing an operator needs here.
        const { certificate: _certificate, ...rest } = plain(swarm.v1.Node, await getNode(connection, ref));
        return rest;
      },
      flags.format,
      (t) => this.out(t),
    );
  }
}

/** `swarmctl node update`. */
export class NodeUpdateCommand extends SwarmCommand {
  static override summary = "Update a node's availability, role or labels";
  static override examples = [
    "<%= config.bin %> node update --availability drain worker-1",
    "<%= config.bin %> node update --label-add zone=a worker-1",
  ];
  static override args = { node: nodeArg };
  static override flags = {
    availability: Flags.string({ description: "scheduling availability", options: ["active", "pause", "drain"] }),
    role: Flags.string({ description: "role", options: ["worker", "manager"] }),
    "label-add": Flags.string({
      description: "add or set a node label KEY=VALUE",
      multiple: true,
      multipleNonGreedy: true,
    }),
    "label-rm": Flags.string({ description: "remove a node label KEY", multiple: true, multipleNonGreedy: true }),
  };

  /** Updates the node. */
  async run(): Promise<void> {
    const { args, flags } = await this.parse(NodeUpdateCommand);
    const connection = this.connect(flags);
    await updateNodeSpec(connection, args.node, (spec) => {
      const A = swarm.v1.NodeSpec.Availability;
      if (flags.availability)
        spec.availability =
          flags.availability === "drain"
            ? A.AVAILABILITY_DRAIN
            : flags.availability === "pause"
              ? A.AVAILABILITY_PAUSE
              : A.AVAILABILITY_ACTIVE;
      if (flags.role) spec.desiredRole = flags.role === "manager" ? Role.ROLE_MANAGER : Role.ROLE_WORKER;
      const labels = { ...spec.annotations?.labels };
      for (const key of flags["label-rm"] ?? []) delete labels[key];
      for (const entry of flags["label-add"] ?? []) {
        const [key, value] = parseLabel("--label-add", entry);
        labels[key] = value;
      }
      spec.annotations = { ...spec.annotations, labels };
      return true;
    });
    this.out(`${args.node}\n`);
  }
}

/** `swarmctl node promote`. */
export class NodePromoteCommand extends SwarmCommand {
  static override summary = "Promote one or more nodes to manager";
  static override examples = ["<%= config.bin %> node promote worker-1"];
  static override strict = false;
  static override args = { node: nodeArg };

  /** Promotes the nodes. */
  async run(): Promise<void> {
    const { argv, flags } = await this.parse(NodePromoteCommand);
    const connection = this.connect(flags);
    await forEachRef(argv as string[], async (ref) => {
      const { written } = await updateNodeSpec(connection, ref, (spec) => {
        if (Number(spec.desiredRole ?? 0) === Number(Role.ROLE_MANAGER)) return false;
        spec.desiredRole = Role.ROLE_MANAGER;
        return true;
      });
      this.out(written ? `Node ${ref} promoted to a manager in the swarm.\n` : `Node ${ref} is already a manager.\n`);
    });
  }
}

/** `swarmctl node demote`. */
export class NodeDemoteCommand extends SwarmCommand {
  static override summary = "Demote one or more managers to worker";
  static override examples = ["<%= config.bin %> node demote manager-2"];
  static override strict = false;
  static override args = { node: nodeArg };

  /** Demotes the nodes. */
  async run(): Promise<void> {
    const { argv, flags } = await this.parse(NodeDemoteCommand);
    const connection = this.connect(flags);
    await forEachRef(argv as string[], async (ref) => {
      const { written } = await updateNodeSpec(connection, ref, (spec) => {
        if (Number(spec.desiredRole ?? 0) === Number(Role.ROLE_WORKER)) return false;
        spec.desiredRole = Role.ROLE_WORKER;
        return true;
      });
      this.out(written ? `Manager ${ref} demoted in the swarm.\n` : `Node ${ref} is already a worker.\n`);
    });
  }
}

/** `swarmctl node rm`. */
export class NodeRmCommand extends SwarmCommand {
  static override summary = "Remove one or more nodes from the cluster";
  static override hiddenAliases = ["node:remove"];
  static override examples = ["<%= config.bin %> node rm worker-1", "<%= config.bin %> node rm --force worker-1"];
  static override strict = false;
  static override args = { node: nodeArg };
  static override flags = { force: Flags.boolean({ char: "f", description: "remove even a live node or a manager" }) };

  /** Removes the nodes. */
  async run(): Promise<void> {
    const { argv, flags } = await this.parse(NodeRmCommand);
    const connection = this.connect(flags);
    await forEachRef(argv as string[], async (ref) => {
      const node = await getNode(connection, ref);
      await connection.call("removeNode", { nodeId: node.id, force: flags.force });
      this.out(`${ref}\n`);
    });
  }
}
