// The flags of `service create` and `service update`, mirroring `docker service create/update`.
// Values stay text here; apply-flags.ts parses them so each error names its flag. On update the
// list flags add (`--env` is also `--env-add`) and the `-rm` flags remove.
import { Flags } from "@oclif/core";
import { genericResourceCreateFlags, genericResourceUpdateFlags } from "./generic-resource-flags.js";

// Non-greedy: "-e A=1 busybox" must not read the image as a second --env value.
const many = (description: string, extra: { char?: "e" | "p" | "l"; aliases?: string[] } = {}) =>
  Flags.string({ description, multiple: true, multipleNonGreedy: true, ...extra });
const text = (description: string) => Flags.string({ description });

/** Flags both create and update take (the list flags add on update). */
export const specFlags = {
  replicas: Flags.integer({ description: "number of tasks (replicated services and jobs)", min: 0 }),
  "max-concurrent": Flags.integer({ description: "tasks a replicated job runs at once", min: 0 }),
  "replicas-max-per-node": Flags.integer({
    description: "most tasks of the service on one node (0: unlimited)",
    min: 0,
  }),
  "reserve-cpu": text("CPUs to reserve (e.g. 0.5)"),
  "reserve-memory": text("memory to reserve (e.g. 64M)"),
  "limit-cpu": text("CPU limit (e.g. 1.5)"),
  "limit-memory": text("memory limit (e.g. 1G)"),
  "limit-pids": Flags.integer({ description: "process limit (0: unlimited)", min: 0 }),
  "restart-condition": Flags.string({ description: "when to restart a task", options: ["any", "on-failure", "none"] }),
  "restart-delay": text("wait before a restart (e.g. 5s)"),
  "restart-max-attempts": Flags.integer({ description: "restarts before giving up (0: unlimited)", min: 0 }),
  "restart-window": text("window over which restarts are counted (e.g. 2m)"),
  "update-parallelism": Flags.integer({ description: "tasks updated at once (0: all)", min: 0 }),
  "update-delay": text("wait between updates of task batches (e.g. 10s)"),
  "update-failure-action": Flags.string({
    description: "what to do when an update fails",
    options: ["pause", "continue", "rollback"],
  }),
  "update-monitor": text("how long to watch each updated task for failure (e.g. 5s)"),
  "update-max-failure-ratio": text("fraction of tasks that may fail during an update (0..1)"),
  "update-order": Flags.string({ description: "replacement order", options: ["stop-first", "start-first"] }),
  "rollback-parallelism": Flags.integer({ description: "tasks rolled back at once (0: all)", min: 0 }),
  "rollback-delay": text("wait between rollbacks of task batches"),
  "rollback-failure-action": Flags.string({
    description: "what to do when a rollback fails",
    options: ["pause", "continue"],
  }),
  "rollback-monitor": text("how long to watch each rolled-back task for failure"),
  "rollback-max-failure-ratio": text("fraction of tasks that may fail during a rollback (0..1)"),
  "rollback-order": Flags.string({ description: "rollback replacement order", options: ["stop-first", "start-first"] }),
  "health-cmd": text("command to check health (run by a shell)"),
  "health-interval": text("time between health checks (e.g. 30s)"),
  "health-timeout": text("longest a health check may take"),
  "health-retries": Flags.integer({ description: "failures before unhealthy", min: 0 }),
  "health-start-period": text("grace period before failed checks count"),
  "health-start-interval": text("time between health checks during the start period"),
  "no-healthcheck": Flags.boolean({ description: "disable the image's health check" }),
  hostname: text("container hostname (may be a template such as {{.Service.Name}}-{{.Task.Slot}})"),
  user: Flags.string({ char: "u", description: "user to run as: name, uid or uid:gid" }),
  workdir: Flags.string({ char: "w", description: "working directory inside the container" }),
  "stop-grace-period": text("time between the stop signal and SIGKILL (e.g. 10s)"),
  "stop-signal": text("signal that stops the container (e.g. SIGTERM)"),
  init: Flags.boolean({ description: "run an init process as PID 1", allowNo: true }),
  "read-only": Flags.boolean({ description: "mount the root filesystem read-only", allowNo: true }),
  tty: Flags.boolean({ char: "t", description: "allocate a pseudo-TTY", allowNo: true }),
  "log-driver": text('log driver of the containers (e.g. json-file, syslog; "" for the engine\'s default)'),
  "log-opt": many("log driver option KEY=VALUE (with --log-driver it replaces the options)"),
  isolation: Flags.string({
    description: "isolation technology (only default exists on Linux nodes)",
    options: ["default", "process", "hyperv"],
  }),
  "oom-score-adj": text("adjust the OOM killer's preference for the containers (-1000 to 1000)"),
  "cap-add": many("add a Linux capability (e.g. NET_ADMIN, ALL)"),
  "cap-drop": many("drop a Linux capability (e.g. MKNOD, ALL)"),
  entrypoint: text("override the image's entrypoint (split on spaces)"),
  "endpoint-mode": Flags.string({ description: "how clients reach the tasks", options: ["vip", "dnsrr"] }),
  "endpoint-balancing": Flags.string({
    description: "how the routing mesh spreads new connections over the tasks",
    options: ["round-robin", "least-connections"],
  }),
  detach: Flags.boolean({ char: "d", description: "exit at once instead of waiting for the service to converge" }),
  quiet: Flags.boolean({ char: "q", description: "print the id only, no progress" }),
  "no-resolve-image": Flags.boolean({
    description: "do not ask the registry to pin the image to a digest (nodes resolve the tag themselves)",
  }),
  "with-registry-auth": Flags.boolean({
    description: "send the registry credentials of your Docker config file to the nodes that pull the image",
  }),
};

/** Flags of `service create` only: the list flags, the name and the mode. */
export const createFlags = {
  ...specFlags,
  name: text("service name"),
  mode: Flags.string({
    description: "service mode",
    options: ["replicated", "global", "replicated-job", "global-job"],
    default: "replicated",
  }),
  env: many("set an environment variable (KEY=VALUE)", { char: "e" }),
  "env-file": many("read environment variables from a file of KEY=VALUE lines (# comments)"),
  publish: many(
    "publish a port: PUBLISHED:TARGET[/udp] or published=…,target=…,protocol=…,mode=…,proxy-protocol=v1|v2",
    { char: "p" },
  ),
  mount: many("attach storage: type=bind|volume|tmpfs,source=…,target=…[,readonly]"),
  secret: many("grant a secret: NAME or source=…,target=…,uid=…,gid=…,mode=…"),
  config: many("grant a config: NAME or source=…,target=…,uid=…,gid=…,mode=…"),
  constraint: many("placement constraint (e.g. node.role==worker)"),
  network: many("attach to a network: NAME or name=…,alias=… (host: share the node's network)"),
  "placement-pref": many("placement preference (spread=node.labels.zone)"),
  label: many("service label KEY=VALUE", { char: "l" }),
  "container-label": many("container label KEY=VALUE"),
  dns: many("DNS server of the containers"),
  "dns-option": many("DNS resolver option (e.g. ndots:2)"),
  "dns-search": many("DNS search domain"),
  host: many("extra /etc/hosts entry HOST:IP (the manager address is swarmctl's -H/--host before the command)"),
  group: many("supplementary group of the container's user"),
  sysctl: many("kernel parameter KEY=VALUE (e.g. net.core.somaxconn=1024)"),
  ulimit: many("resource limit NAME=SOFT[:HARD] (e.g. nofile=1024:2048)"),
  ...genericResourceCreateFlags,
};

/** Flags of `service update` only: adds, removals, image, args and force. */
export const updateFlags = {
  ...specFlags,
  image: text("new image"),
  args: text("new command arguments (split on spaces)"),
  force: Flags.boolean({ description: "redeploy every task even if nothing changed" }),
  rollback: Flags.boolean({ description: "roll back to the previous spec (as service rollback)" }),
  env: many("add or set an environment variable (KEY=VALUE)", { char: "e", aliases: ["env-add"] }),
  "env-rm": many("remove an environment variable (KEY)"),
  publish: many("add a published port", { char: "p", aliases: ["publish-add"] }),
  "publish-rm": many("remove a published port (TARGET[/PROTOCOL] or a --publish value)"),
  mount: many("add a mount", { aliases: ["mount-add"] }),
  "mount-rm": many("remove a mount (its target path)"),
  secret: many("add a secret", { aliases: ["secret-add"] }),
  "secret-rm": many("remove a secret (its name)"),
  config: many("add a config", { aliases: ["config-add"] }),
  "config-rm": many("remove a config (its name)"),
  constraint: many("add a placement constraint", { aliases: ["constraint-add"] }),
  "constraint-rm": many("remove a placement constraint"),
  network: many("attach to a network", { aliases: ["network-add"] }),
  "network-rm": many("detach from a network (its name)"),
  "placement-pref": many("add a placement preference", { aliases: ["placement-pref-add"] }),
  "placement-pref-rm": many("remove a placement preference"),
  label: many("add or set a service label", { char: "l", aliases: ["label-add"] }),
  "label-rm": many("remove a service label (KEY)"),
  "container-label": many("add or set a container label", { aliases: ["container-label-add"] }),
  "container-label-rm": many("remove a container label (KEY)"),
  dns: many("add a DNS server", { aliases: ["dns-add"] }),
  "dns-rm": many("remove a DNS server"),
  "dns-option": many("add a DNS option", { aliases: ["dns-option-add"] }),
  "dns-option-rm": many("remove a DNS option"),
  "dns-search": many("add a DNS search domain", { aliases: ["dns-search-add"] }),
  "dns-search-rm": many("remove a DNS search domain"),
  host: many("add an /etc/hosts entry HOST:IP", { aliases: ["host-add"] }),
  "host-rm": many("remove /etc/hosts entries (HOST or HOST:IP)"),
  group: many("add a supplementary group", { aliases: ["group-add"] }),
  "group-rm": many("remove a supplementary group"),
  sysctl: many("add or set a kernel parameter KEY=VALUE", { aliases: ["sysctl-add"] }),
  "sysctl-rm": many("remove a kernel parameter (KEY)"),
  ulimit: many("add or set a resource limit NAME=SOFT[:HARD]", { aliases: ["ulimit-add"] }),
  "ulimit-rm": many("remove a resource limit (NAME)"),
  ...genericResourceUpdateFlags,
};

/** Parsed flags of create or update, as apply-flags.ts reads them (absent fields were not given). */
export type SpecFlagValues = {
  readonly [K in keyof typeof updateFlags | keyof typeof createFlags]?:
    string | number | boolean | string[] | undefined;
};
