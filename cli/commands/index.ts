// Every swarmctl command by its oclif id ("service:ls" runs as `swarmctl service ls`). oclif's
// explicit strategy reads this map, so startup never scans directories.
import type { Command } from "@oclif/core";
import { ClusterBackupCommand } from "./cluster/cluster-backup.js";
import { ClusterCaIssueClientCommand } from "./cluster/cluster-ca.js";
import { ClusterCaCommand } from "./cluster/cluster-ca-rotate.js";
import {
  ClusterInspectCommand,
  ClusterJoinTokenCommand,
  ClusterUnlockCommand,
  ClusterUnlockKeyCommand,
  ClusterUpdateCommand,
} from "./cluster/cluster-commands.js";
import { DashboardCommand } from "./dashboard.js";
import { dataCommands } from "./data/data-commands.js";
import { EventsCommand } from "./events.js";
import {
  NodeDemoteCommand,
  NodeInspectCommand,
  NodePromoteCommand,
  NodeRmCommand,
  NodeUpdateCommand,
} from "./node/node-commands.js";
import { NodeLsCommand } from "./node/node-ls.js";
import {
  NetworkCreateCommand,
  NetworkInspectCommand,
  NetworkLsCommand,
  NetworkRmCommand,
} from "./network/network-commands.js";
import { ServiceCreateCommand } from "./service/service-create.js";
import { ServiceInspectCommand } from "./service/service-inspect.js";
import { ServiceLogsCommand } from "./service/service-logs.js";
import { ServiceLsCommand } from "./service/service-ls.js";
import { ServicePsCommand } from "./service/service-ps.js";
import { ServiceRmCommand } from "./service/service-rm.js";
import { ServiceRollbackCommand } from "./service/service-rollback.js";
import { ServiceScaleCommand } from "./service/service-scale.js";
import { ServiceUpdateCommand } from "./service/service-update.js";
import {
  StackConfigCommand,
  StackDeployCommand,
  StackLsCommand,
  StackPsCommand,
  StackRmCommand,
  StackServicesCommand,
} from "./stack/stack-commands.js";
import { TaskInspectCommand, TaskLsCommand } from "./task/task-commands.js";
import { NodePsCommand } from "./node/node-ps.js";
import { VersionCommand } from "./version.js";

/** The command classes by id. */
export const COMMANDS: Record<string, Command.Class> = {
  "service:create": ServiceCreateCommand,
  "service:ls": ServiceLsCommand,
  "service:ps": ServicePsCommand,
  "service:inspect": ServiceInspectCommand,
  "service:scale": ServiceScaleCommand,
  "service:update": ServiceUpdateCommand,
  "service:rollback": ServiceRollbackCommand,
  "service:rm": ServiceRmCommand,
  "service:logs": ServiceLogsCommand,
  "node:ls": NodeLsCommand,
  "node:ps": NodePsCommand,
  "node:inspect": NodeInspectCommand,
  "node:update": NodeUpdateCommand,
  "node:promote": NodePromoteCommand,
  "node:demote": NodeDemoteCommand,
  "node:rm": NodeRmCommand,
  "task:ls": TaskLsCommand,
  "task:inspect": TaskInspectCommand,
  ...dataCommands("secret"),
  ...dataCommands("config"),
  "network:create": NetworkCreateCommand,
  "network:ls": NetworkLsCommand,
  "network:inspect": NetworkInspectCommand,
  "network:rm": NetworkRmCommand,
  "cluster:inspect": ClusterInspectCommand,
  "cluster:update": ClusterUpdateCommand,
  "cluster:join-token": ClusterJoinTokenCommand,
  "cluster:unlock": ClusterUnlockCommand,
  "cluster:unlock-key": ClusterUnlockKeyCommand,
  "cluster:ca": ClusterCaCommand,
  "cluster:ca:issue-client": ClusterCaIssueClientCommand,
  "cluster:backup": ClusterBackupCommand,
  "stack:deploy": StackDeployCommand,
  "stack:config": StackConfigCommand,
  "stack:ls": StackLsCommand,
  "stack:services": StackServicesCommand,
  "stack:ps": StackPsCommand,
  "stack:rm": StackRmCommand,
  dashboard: DashboardCommand,
  events: EventsCommand,
  version: VersionCommand,
};
