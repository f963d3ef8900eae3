// `swarmctl service create [OPTIONS] IMAGE [COMMAND] [ARG...]`: builds a spec from Docker's flags,
// creates the service, prints its id and, unless --detach, shows progress until it converges.
import { randomBytes } from "node:crypto";
import { Args } from "@oclif/core";
import type { swarm } from "../../../proto/index.js";
import { UsageError } from "../../client/usage-error.js";
import { waitConverged } from "../../progress/wait-converged.js";
import { applySpecFlags, modeOf } from "../../service-spec/apply-flags.js";
import { createFlags } from "../../service-spec/service-flags.js";
import { SwarmCommand, connectionFlags } from "../base-command.js";
import { referenceResolver } from "../lookup.js";
import { dockerBooleans, splitAtFirstPositional } from "../split-argv.js";
import { warnLine, withRegistryAuth } from "./registry-options.js";

/** A name for a service created without --name, as Docker makes one up: the image's base name and a random suffix. */
export function generatedName(image: string): string {
  const base = (image.split("/").pop() ?? "service").split(/[:@]/)[0]!.replace(/[^a-zA-Z0-9_.-]/g, "") || "service";
  return `${base}-${randomBytes(3).toString("hex")}`;
}

/** `swarmctl service create`. */
export class ServiceCreateCommand extends SwarmCommand {
  static override summary = "Create a new service";
  static override usage = "service create [OPTIONS] IMAGE [COMMAND] [ARG...]";
  static override examples = [
    "<%= config.bin %> service create --name web --replicas 3 -p 8080:80 nginx:1.27",
    "<%= config.bin %> service create --name job --mode replicated-job --replicas 5 busybox sh -c 'echo done'",
  ];
  static override strict = false;
  static override args = { image: Args.string({ description: "image to run", required: true }) };
  static override flags = createFlags;

  /** Creates the service. */
  async run(): Promise<void> {
    // Flags come before the image only; the image and its command never pass through oclif.
    const split = splitAtFirstPositional(dockerBooleans(this.argv, createFlags), {
      ...connectionFlags,
      ...createFlags,
    });
    const [image, ...command] = split.positionals;
    const { flags } = await this.parse(ServiceCreateCommand, [
      ...split.flags,
      ...(image === undefined ? [] : ["--", image]),
    ]);
    if (!image) throw new UsageError("IMAGE", "is required");
    // `--host` here is Docker's extra-hosts flag: the manager is named before the command (-H/--host).
    const connection = this.connect({ ...flags, host: undefined });
    const spec: swarm.v1.ServiceSpec.$Properties = {
      annotations: { name: flags.name ?? generatedName(image) },
      task: { container: { image, ...(command.length ? { args: command } : {}) } },
      ...modeOf(flags),
    };
    await applySpecFlags(spec, flags, referenceResolver(connection));
    if (flags["with-registry-auth"]) await withRegistryAuth(spec, warnLine);
    const sinceMs = Date.now();
    const { service, warnings } = await connection.call("createService", {
      spec,
      queryRegistry: !flags["no-resolve-image"],
    });
    for (const warning of warnings ?? []) warnLine(warning);
    this.out(`${service.id}\n`);
    if (flags.detach || flags.quiet) return;
    await waitConverged(connection, service.id, { goal: "create", sinceMs, stream: process.stdout });
  }
}
