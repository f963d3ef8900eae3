// `swarmctl service update [OPTIONS] SERVICE`: reads the current spec, applies the flags (removals
// before additions), sends it with the version read, and shows progress unless --detach.
import { Args } from "@oclif/core";
import { swarm } from "../../../proto/index.js";
import { waitConverged } from "../../progress/wait-converged.js";
import { applySpecFlags } from "../../service-spec/apply-flags.js";
import { updateFlags } from "../../service-spec/service-flags.js";
import { SwarmCommand } from "../base-command.js";
import { getService, referenceResolver } from "../lookup.js";
import { rollBack } from "./service-rollback.js";
import { dockerBooleans } from "../split-argv.js";
import { unpinImage, warnLine, withRegistryAuth } from "./registry-options.js";

/** The spec of a service as a plain, editable object (enums as numbers, as the API takes them). */
export function editableSpec(spec: swarm.v1.ServiceSpec | null | undefined): swarm.v1.ServiceSpec.$Properties {
  return swarm.v1.ServiceSpec.toObject(spec ?? new swarm.v1.ServiceSpec(), { longs: Number });
}

/** `swarmctl service update`. */
export class ServiceUpdateCommand extends SwarmCommand {
  static override summary = "Update a service";
  static override examples = [
    "<%= config.bin %> service update --image nginx:1.28 web",
    "<%= config.bin %> service update --env-add MODE=fast --publish-rm 80 --force web",
  ];
  static override args = { service: Args.string({ description: "service name, id or id prefix", required: true }) };
  static override flags = updateFlags;

  /** Updates the service. */
  async run(): Promise<void> {
    const { flags, args } = await this.parse(ServiceUpdateCommand, dockerBooleans(this.argv, updateFlags));
    // `--host` here is Docker's extra-hosts flag: the manager is named before the command (-H/--host).
    const connection = this.connect({ ...flags, host: undefined });
    const service = await getService(connection, args.service);
    if (flags.rollback) {
      // Docker's `update --rollback`: the previous spec comes back, other flags do not apply.
      await rollBack(connection, service, flags, (text) => this.out(text));
      return;
    }
    const spec = editableSpec(service.spec);
    await applySpecFlags(spec, flags, referenceResolver(connection));
    if (flags.force) spec.task = { ...spec.task, forceUpdate: Number(spec.task?.forceUpdate ?? 0) + 1 };
    const resolve = !flags["no-resolve-image"];
    // As Docker's: --force asks the registry again, so a moved tag (":latest") reaches the tasks.
    if (resolve && flags.force && flags.image === undefined) unpinImage(spec);
    if (flags["with-registry-auth"]) await withRegistryAuth(spec, warnLine);
    const sinceMs = Date.now();
    const { warnings } = await connection.call("updateService", {
      serviceId: service.id,
      serviceVersion: service.meta?.version ?? {},
      spec,
      queryRegistry: resolve,
    });
    for (const warning of warnings ?? []) warnLine(warning);
    this.out(`${service.spec?.annotations?.name ?? service.id}\n`);
    if (flags.detach || flags.quiet) return;
    await waitConverged(connection, service.id, { goal: "update", sinceMs, stream: process.stdout });
  }
}
