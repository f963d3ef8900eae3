// `swarmctl stack deploy|ls|services|ps|rm`: a stack is the set of services (and secrets, configs
// and networks) labelled com.docker.stack.namespace=NAME, deployed from Compose files by cli/stack.
import { Args, Flags } from "@oclif/core";
import type { swarm } from "../../../proto/index.js";
import type { Connection } from "../../client/connection.js";
import { formatList } from "../../output/print.js";
// Only the stack's naming here: the Compose loader (yaml, ajv and the schema) is imported by
// `stack deploy` alone, so that every other command starts without it.
import { stackNamespaceLabel, validateStackName } from "../../stack/namespace.js";
import { removeNetworkWhenFree } from "../../../common/index.js";
import { SwarmCommand, formatFlag, quietFlag } from "../base-command.js";
import { hostnamesOf, serviceColumns, serviceRows, taskColumns, taskRows } from "../service/service-view.js";
import { listNodes } from "../lookup.js";
import { registryAuthFor } from "../../client/docker-config.js";

const stackArg = { stack: Args.string({ description: "stack name", required: true }) };

/** `--profile NAME` (repeatable): the Compose profiles whose services are part of the stack. */
const profileFlag = Flags.string({
  description: 'Compose profile to activate (repeat; "*": all; default: COMPOSE_PROFILES)',
  multiple: true,
  multipleNonGreedy: true,
});

/** `swarmctl stack config -c FILE [-c FILE]`: the merged, interpolated stack, as the deploy reads it. */
export class StackConfigCommand extends SwarmCommand {
  static override summary = "Output the final stack configuration: the files merged, interpolated and normalised";
  static override examples = [
    "<%= config.bin %> stack config -c stack.yml",
    "<%= config.bin %> stack config -c stack.yml -c prod.yml --profile debug",
  ];
  static override flags = {
    "compose-file": Flags.string({
      char: "c",
      description: "Compose file (repeat to merge)",
      multiple: true,
      multipleNonGreedy: true,
      required: true,
    }),
    profile: profileFlag,
  };

  /** Prints the stack; needs no manager. */
  async run(): Promise<void> {
    const { flags } = await this.parse(StackConfigCommand);
    const { loadStackTree, stackConfigText } = await import("../../stack/index.js");
    const { tree, warnings } = await loadStackTree(flags["compose-file"], {
      env: process.env,
      ...(flags.profile ? { profiles: flags.profile } : {}),
    });
    for (const warning of warnings) process.stderr.write(`Warning: ${warning.message}\n`);
    this.out(stackConfigText(tree));
  }
}

/** The services of a stack. */
async function stackServices(connection: Connection, stack: string): Promise<swarm.v1.Service[]> {
  const { services } = await connection.call("listServices", {
    filters: { labels: { [stackNamespaceLabel]: stack } },
  });
  return services;
}

/** `swarmctl stack deploy -c FILE [-c FILE] [--prune] NAME`. */
export class StackDeployCommand extends SwarmCommand {
  static override summary = "Deploy a new stack or update an existing stack from Compose files";
  static override examples = [
    "<%= config.bin %> stack deploy -c stack.yml counter",
    "<%= config.bin %> stack deploy -c stack.yml -c prod.yml --prune counter",
  ];
  static override args = stackArg;
  static override flags = {
    "compose-file": Flags.string({
      char: "c",
      description: "Compose file (repeat to merge)",
      multiple: true,
      multipleNonGreedy: true,
      required: true,
    }),
    prune: Flags.boolean({ description: "remove services that are no longer in the files" }),
    profile: profileFlag,
    detach: Flags.boolean({
      char: "d",
      description: "create every service (in depends_on order) and return, without waiting for any to become healthy",
    }),
    "resolve-image": Flags.string({
      description: "when the managers pin images to the registry's digests",
      options: ["always", "changed", "never"],
      default: "always",
    }),
    "with-registry-auth": Flags.boolean({
      description: "send the registry credentials of your Docker config file to the nodes that pull the images",
    }),
  };

  /** Loads, plans and deploys the stack. */
  async run(): Promise<void> {
    const { args, flags } = await this.parse(StackDeployCommand);
    validateStackName(args.stack);
    const { deployStack, loadStack, stackControlOf, StackConvergeError } = await import("../../stack/index.js");
    const loaded = await loadStack(flags["compose-file"], {
      env: process.env,
      ...(flags.profile ? { profiles: flags.profile } : {}),
    });
    for (const warning of loaded.warnings) process.stderr.write(`Warning: ${warning.message}\n`);
    const connection = this.connect(flags);
    let actions;
    try {
      actions = await deployStack(stackControlOf(connection.control), args.stack, loaded, {
        prune: flags.prune,
        detach: flags.detach,
        resolveImage: flags["resolve-image"] as "always" | "changed" | "never",
        progress: (line) => this.out(`${line}\n`),
        warn: (line) => process.stderr.write(`${line}\n`),
        ...(flags["with-registry-auth"]
          ? { registryAuth: (image: string) => registryAuthFor(image, (line) => process.stderr.write(`${line}\n`)) }
          : {}),
      });
    } catch (error) {
      // One line per service that is not healthy, then the one error line every failure ends with.
      if (error instanceof StackConvergeError) for (const p of error.problems) process.stderr.write(`${p.line}\n`);
      throw error;
    }
    if (actions.length === 0) this.out(`Stack ${args.stack} is up to date\n`);
  }
}

/** `swarmctl stack ls`: NAME SERVICES. */
export class StackLsCommand extends SwarmCommand {
  static override summary = "List stacks";
  static override hiddenAliases = ["stack:list"];
  static override examples = ["<%= config.bin %> stack ls"];
  static override flags = { format: formatFlag };

  /** Lists the stacks. */
  async run(): Promise<void> {
    const { flags } = await this.parse(StackLsCommand);
    const connection = this.connect(flags);
    const { services } = await connection.call("listServices", {});
    const counts = new Map<string, number>();
    for (const s of services) {
      const stack = s.spec?.annotations?.labels?.[stackNamespaceLabel];
      if (stack) counts.set(stack, (counts.get(stack) ?? 0) + 1);
    }
    const rows = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([Name, n]) => ({ Name, Services: String(n) }));
    this.out(formatList(flags, { columns: ["NAME", "SERVICES"], rows }));
  }
}

/** `swarmctl stack services NAME`. */
export class StackServicesCommand extends SwarmCommand {
  static override summary = "List the services in a stack";
  static override examples = ["<%= config.bin %> stack services counter"];
  static override args = stackArg;
  static override flags = { format: formatFlag, quiet: quietFlag };

  /** Lists the stack's services. */
  async run(): Promise<void> {
    const { args, flags } = await this.parse(StackServicesCommand);
    const connection = this.connect(flags);
    const services = await stackServices(connection, args.stack);
    const { tasks } = services.length
      ? await connection.call("listTasks", {
          filters: { serviceIds: services.map((s) => s.id) },
        })
      : { tasks: [] };
    this.out(formatList(flags, { columns: serviceColumns, rows: serviceRows(services, tasks, Boolean(flags.quiet)) }));
  }
}

/** `swarmctl stack ps NAME`. */
export class StackPsCommand extends SwarmCommand {
  static override summary = "List the tasks in a stack";
  static override examples = ["<%= config.bin %> stack ps counter"];
  static override args = stackArg;
  static override flags = { format: formatFlag, quiet: quietFlag };

  /** Lists the stack's tasks. */
  async run(): Promise<void> {
    const { args, flags } = await this.parse(StackPsCommand);
    const connection = this.connect(flags);
    const services = await stackServices(connection, args.stack);
    const { tasks } = services.length
      ? await connection.call("listTasks", {
          filters: { serviceIds: services.map((s) => s.id) },
        })
      : { tasks: [] };
    const rows = taskRows(tasks, hostnamesOf(await listNodes(connection)), {
      nowMs: Date.now(),
      noTrunc: Boolean(flags.quiet),
    });
    this.out(formatList(flags, { columns: taskColumns, rows }));
  }
}

/** `swarmctl stack rm NAME`: its services, then its secrets, configs and networks. */
export class StackRmCommand extends SwarmCommand {
  static override summary = "Remove a stack: its services, secrets, configs and networks";
  static override hiddenAliases = ["stack:remove"];
  static override examples = ["<%= config.bin %> stack rm counter"];
  static override args = stackArg;

  /** Removes the stack. */
  async run(): Promise<void> {
    const { args, flags } = await this.parse(StackRmCommand);
    const connection = this.connect(flags);
    const label = { labels: { [stackNamespaceLabel]: args.stack } };
    const services = await stackServices(connection, args.stack);
    for (const s of services) {
      this.out(`Removing service ${s.spec?.annotations?.name ?? s.id}\n`);
      await connection.call("removeService", { serviceId: s.id });
    }
    // Secrets and configs go once no service of the stack uses them any more.
    const { secrets } = await connection.call("listSecrets", { filters: label });
    for (const s of secrets) {
      this.out(`Removing secret ${s.spec?.annotations?.name ?? s.id}\n`);
      await connection.call("removeSecret", { secretId: s.id });
    }
    const { configs } = await connection.call("listConfigs", { filters: label });
    for (const c of configs) {
      this.out(`Removing config ${c.spec?.annotations?.name ?? c.id}\n`);
      await connection.call("removeConfig", { configId: c.id });
    }
    // Networks go once the services' tasks have stopped (external networks carry no stack label).
    const { networks } = await connection.call("listNetworks", { filters: label });
    for (const n of networks) {
      this.out(`Removing network ${n.spec?.annotations?.name ?? n.id}\n`);
      await removeNetworkWhenFree(() => connection.call("removeNetwork", { networkId: n.id }));
    }
    if (services.length + secrets.length + configs.length + networks.length === 0)
      this.out(`Nothing found in stack: ${args.stack}\n`);
  }
}
