// Loads only the command a swarmctl invocation names. Importing every command module costs about
// 80 ms at start-up (the Compose loader behind the service flags, each command's flags), while one
// command needs a few; so each oclif id maps to a loader of its own module, and the full map
// (index.ts) is imported only when argv names no command (root help, a topic alone, a typo).
import type { Command } from "@oclif/core";

/** A loader of one command class. */
type Loader = () => Promise<Command.Class>;

/** Every command by its oclif id, as a loader of its module (kept equal to index.ts by a test). */
export const commandLoaders: Readonly<Record<string, Loader>> = {
  "service:create": async () => (await import("./service/service-create.js")).ServiceCreateCommand,
  "service:ls": async () => (await import("./service/service-ls.js")).ServiceLsCommand,
  "service:ps": async () => (await import("./service/service-ps.js")).ServicePsCommand,
  "service:inspect": async () => (await import("./service/service-inspect.js")).ServiceInspectCommand,
  "service:scale": async () => (await import("./service/service-scale.js")).ServiceScaleCommand,
  "service:update": async () => (await import("./service/service-update.js")).ServiceUpdateCommand,
  "service:rollback": async () => (await import("./service/service-rollback.js")).ServiceRollbackCommand,
  "service:rm": async () => (await import("./service/service-rm.js")).ServiceRmCommand,
  "service:logs": async () => (await import("./service/service-logs.js")).ServiceLogsCommand,
  "node:ls": async () => (await import("./node/node-ls.js")).NodeLsCommand,
  "node:ps": async () => (await import("./node/node-ps.js")).NodePsCommand,
  "node:inspect": async () => (await import("./node/node-commands.js")).NodeInspectCommand,
  "node:update": async () => (await import("./node/node-commands.js")).NodeUpdateCommand,
  "node:promote": async () => (await import("./node/node-commands.js")).NodePromoteCommand,
  "node:demote": async () => (await import("./node/node-commands.js")).NodeDemoteCommand,
  "node:rm": async () => (await import("./node/node-commands.js")).NodeRmCommand,
  "task:ls": async () => (await import("./task/task-commands.js")).TaskLsCommand,
  "task:inspect": async () => (await import("./task/task-commands.js")).TaskInspectCommand,
  ...dataLoaders("secret"),
  ...dataLoaders("config"),
  "network:create": async () => (await import("./network/network-commands.js")).NetworkCreateCommand,
  "network:ls": async () => (await import("./network/network-commands.js")).NetworkLsCommand,
  "network:inspect": async () => (await import("./network/network-commands.js")).NetworkInspectCommand,
  "network:rm": async () => (await import("./network/network-commands.js")).NetworkRmCommand,
  "cluster:inspect": async () => (await import("./cluster/cluster-commands.js")).ClusterInspectCommand,
  "cluster:update": async () => (await import("./cluster/cluster-commands.js")).ClusterUpdateCommand,
  "cluster:join-token": async () => (await import("./cluster/cluster-commands.js")).ClusterJoinTokenCommand,
  "cluster:unlock": async () => (await import("./cluster/cluster-commands.js")).ClusterUnlockCommand,
  "cluster:unlock-key": async () => (await import("./cluster/cluster-commands.js")).ClusterUnlockKeyCommand,
  "cluster:ca": async () => (await import("./cluster/cluster-ca-rotate.js")).ClusterCaCommand,
  "cluster:ca:issue-client": async () => (await import("./cluster/cluster-ca.js")).ClusterCaIssueClientCommand,
  "cluster:backup": async () => (await import("./cluster/cluster-backup.js")).ClusterBackupCommand,
  "stack:deploy": async () => (await import("./stack/stack-commands.js")).StackDeployCommand,
  "stack:config": async () => (await import("./stack/stack-commands.js")).StackConfigCommand,
  "stack:ls": async () => (await import("./stack/stack-commands.js")).StackLsCommand,
  "stack:services": async () => (await import("./stack/stack-commands.js")).StackServicesCommand,
  "stack:ps": async () => (await import("./stack/stack-commands.js")).StackPsCommand,
  "stack:rm": async () => (await import("./stack/stack-commands.js")).StackRmCommand,
  dashboard: async () => (await import("./dashboard.js")).DashboardCommand,
  events: async () => (await import("./events.js")).EventsCommand,
  version: async () => (await import("./version.js")).VersionCommand,
};

/** Loaders of the secret or config commands, which one module builds for both kinds. */
function dataLoaders(kind: "secret" | "config"): Record<string, Loader> {
  const verbs = ["create", "ls", "inspect", "rm"];
  return Object.fromEntries(
    verbs.map((verb) => [
      `${kind}:${verb}`,
      async () => (await import("./data/data-commands.js")).dataCommands(kind)[`${kind}:${verb}`]!,
    ]),
  );
}

/** Command ids have at most this many words (`cluster ca issue-client`). */
export const commandWordsMax = 3;

/** The id of the command argv names by its leading words (longest match), if any. */
export function commandIdOf(argv: readonly string[]): string | undefined {
  for (let words = Math.min(commandWordsMax, argv.length); words > 0; words--) {
    const leading = argv.slice(0, words);
    if (leading.some((w) => w.startsWith("-"))) continue;
    const id = leading.join(":");
    if (Object.hasOwn(commandLoaders, id)) return id;
  }
  return undefined;
}

/** The commands oclif needs for argv: the one it names, else all of them. */
export async function commandsFor(argv: readonly string[]): Promise<Record<string, Command.Class>> {
  const id = commandIdOf(argv);
  const loader = id === undefined ? undefined : commandLoaders[id];
  if (id === undefined || !loader) return (await import("./index.js")).COMMANDS;
  return { [id]: await loader() };
}
