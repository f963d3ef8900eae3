// `swarmctl network create|ls|inspect|rm`: cluster networks as `docker network` shows them. Every
// network is an overlay spanning the cluster; the managers allocate its subnet (unless --subnet
// names one), VXLAN id and MTU, and validate what the flags say.
import { Args, Flags } from "@oclif/core";
import { msFromTimestamp } from "../../../common/index.js";
import { swarm } from "../../../proto/index.js";
import { UsageError } from "../../client/usage-error.js";
import { plain, shortId } from "../../output/plain.js";
import { formatList } from "../../output/print.js";
import { timeAgo } from "../../output/time-ago.js";
import { parseLabel } from "../../service-spec/parse-options.js";
import { SwarmCommand, formatFlag, quietFlag } from "../base-command.js";
import { commonFilters, parseFilters } from "../filters.js";
import { forEachRef } from "../for-each-ref.js";
import { inspectEach } from "../inspect-each.js";
import { getNetwork } from "../lookup.js";

const many = (description: string, char?: "l" | "o") =>
  Flags.string({ description, multiple: true, multipleNonGreedy: true, ...(char ? { char } : {}) });

/** `--opt KEY[=VALUE]` as Docker takes it: `--opt encrypted` has an empty value. */
export function parseDriverOpt(text: string): [string, string] {
  const at = text.indexOf("=");
  const key = at === -1 ? text : text.slice(0, at);
  if (key === "") throw new UsageError("--opt", `"${text}" has no option name`);
  return [key, at === -1 ? "" : text.slice(at + 1)];
}

/** The spec `network create` sends for its flags. */
export function networkSpecOf(
  name: string,
  flags: {
    driver?: string | undefined;
    subnet?: string | undefined;
    "ip-range"?: string | undefined;
    gateway?: string | undefined;
    attachable?: boolean | undefined;
    internal?: boolean | undefined;
    ingress?: boolean | undefined;
    opt?: readonly string[] | undefined;
    label?: readonly string[] | undefined;
  },
): swarm.v1.INetworkSpec {
  const labels = Object.fromEntries((flags.label ?? []).map((l) => parseLabel("--label", l)));
  const driverOpts = Object.fromEntries((flags.opt ?? []).map(parseDriverOpt));
  const ipam =
    flags.subnet || flags["ip-range"] || flags.gateway
      ? [
          {
            ...(flags.subnet ? { subnet: flags.subnet } : {}),
            ...(flags["ip-range"] ? { range: flags["ip-range"] } : {}),
            ...(flags.gateway ? { gateway: flags.gateway } : {}),
          },
        ]
      : [];
  return {
    annotations: { name, labels },
    driver: flags.driver ?? "overlay",
    ...(ipam.length > 0 ? { ipam } : {}),
    ...(Object.keys(driverOpts).length > 0 ? { driverOpts } : {}),
    ...(flags.attachable ? { attachable: true } : {}),
    ...(flags.internal ? { internal: true } : {}),
    ...(flags.ingress ? { ingress: true } : {}),
  };
}

/** `swarmctl network create`. */
export class NetworkCreateCommand extends SwarmCommand {
  static override summary = "Create an overlay network";
  static override examples = [
    "<%= config.bin %> network create backend",
    "<%= config.bin %> network create --subnet 10.20.0.0/16 --ip-range 10.20.4.0/24 --gateway 10.20.0.1 backend",
    "<%= config.bin %> network create --opt encrypted --opt com.docker.network.driver.mtu=1400 --label tier=db secure",
  ];
  static override args = { name: Args.string({ description: "network name", required: true }) };
  static override flags = {
    driver: Flags.string({
      char: "d",
      description: "driver: overlay (the only one a cluster network has)",
      default: "overlay",
    }),
    subnet: Flags.string({ description: "subnet in CIDR form (default: one from the cluster's address pools)" }),
    "ip-range": Flags.string({ description: "hand out addresses from this sub-range only (CIDR)" }),
    gateway: Flags.string({ description: "gateway address of the subnet (reserved, never handed out)" }),
    attachable: Flags.boolean({ description: "let standalone containers attach" }),
    internal: Flags.boolean({ description: "no traffic leaves the network" }),
    ingress: Flags.boolean({ description: "the routing mesh's network (one per cluster)" }),
    opt: many("driver option KEY[=VALUE]: encrypted, com.docker.network.driver.mtu=N", "o"),
    label: many("label KEY=VALUE", "l"),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(NetworkCreateCommand);
    const response = await this.connect(flags).call("createNetwork", {
      spec: networkSpecOf(args.name, flags),
    });
    this.out(`${response.network.id}\n`);
  }
}

/** `network ls` rows, with Docker's template fields. */
export function networkRows(
  networks: readonly swarm.v1.Network.$Properties[],
  options: { noTrunc: boolean; nowMs: number },
): Record<string, string>[] {
  return networks.map((n) => {
    const id = options.noTrunc ? (n.id ?? "") : shortId(n.id);
    const labels = Object.entries(n.spec?.annotations?.labels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(",");
    return {
      ID: id,
      NetworkId: id,
      Name: n.spec?.annotations?.name ?? "",
      Driver: n.spec?.driver || "overlay",
      Scope: "swarm",
      Subnet: (n.ipam ?? []).map((c) => c.subnet ?? "").join(","),
      Internal: String(n.spec?.internal === true),
      Attachable: String(n.spec?.attachable === true),
      Ingress: String(n.spec?.ingress === true),
      IPv6: "false",
      Labels: labels,
      CreatedAt: timeAgo(msFromTimestamp(n.meta?.createdAt), options.nowMs),
    };
  });
}

/** `swarmctl network ls`. */
export class NetworkLsCommand extends SwarmCommand {
  static override summary = "List networks";
  static override hiddenAliases = ["network:list"];
  static override examples = [
    "<%= config.bin %> network ls",
    "<%= config.bin %> network ls --filter label=tier --format '{{.Name}} {{.Subnet}}'",
  ];
  static override flags = {
    format: formatFlag,
    quiet: quietFlag,
    "no-trunc": Flags.boolean({ description: "show whole ids" }),
    filter: Flags.string({
      char: "f",
      description: "filter: name=, id=, label=, driver=",
      multiple: true,
      multipleNonGreedy: true,
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(NetworkLsCommand);
    const filters = parseFilters(flags.filter, ["name", "id", "label", "driver"]);
    const drivers = filters.get("driver") ?? [];
    const response = await this.connect(flags).call("listNetworks", {
      filters: commonFilters(filters),
    });
    const networks = (response.networks ?? []).filter(
      (n) => drivers.length === 0 || drivers.includes(n.spec?.driver || "overlay"),
    );
    const rows = networkRows(networks, { noTrunc: flags["no-trunc"] || flags.quiet, nowMs: Date.now() });
    this.out(formatList(flags, { columns: ["NETWORK ID", "NAME", "DRIVER", "SCOPE"], rows }));
  }
}

/** `swarmctl network inspect`. */
export class NetworkInspectCommand extends SwarmCommand {
  static override summary = "Display detailed information on one or more networks";
  static override examples = [
    "<%= config.bin %> network inspect backend",
    "<%= config.bin %> network inspect --format '{{.Vni}} {{json .Ipam}}' backend",
  ];
  static override strict = false;
  static override args = { network: Args.string({ description: "network name, id or id prefix", required: true }) };
  static override flags = { format: formatFlag };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(NetworkInspectCommand);
    const connection = this.connect(flags);
    await inspectEach(
      argv as string[],
      async (ref) => plain(swarm.v1.Network, await getNetwork(connection, ref)),
      flags.format,
      (t) => this.out(t),
    );
  }
}

/** `swarmctl network rm`. */
export class NetworkRmCommand extends SwarmCommand {
  static override summary = "Remove one or more networks no service or task uses";
  static override hiddenAliases = ["network:remove"];
  static override examples = ["<%= config.bin %> network rm backend"];
  static override strict = false;
  static override args = { network: Args.string({ description: "network name, id or id prefix", required: true }) };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(NetworkRmCommand);
    const connection = this.connect(flags);
    await forEachRef(argv as string[], async (ref) => {
      await connection.call("removeNetwork", { networkId: (await getNetwork(connection, ref)).id });
      this.out(`${ref}\n`);
    });
  }
}
