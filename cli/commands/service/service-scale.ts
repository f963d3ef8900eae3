// `swarmctl service scale SERVICE=REPLICAS...`: sets replica counts (completions for replicated
// jobs), then waits for each service to converge unless --detach.
import { Args, Flags } from "@oclif/core";
import { UsageError } from "../../client/usage-error.js";
import { waitConverged } from "../../progress/wait-converged.js";
import { parseCount } from "../../service-spec/units.js";
import { SwarmCommand } from "../base-command.js";
import { getService } from "../lookup.js";
import { editableSpec } from "./service-update.js";

/** `swarmctl service scale`. */
export class ServiceScaleCommand extends SwarmCommand {
  static override summary = "Scale one or more replicated services";
  static override usage = "service scale SERVICE=REPLICAS [SERVICE=REPLICAS...]";
  static override examples = ["<%= config.bin %> service scale web=5 worker=2"];
  static override strict = false;
  static override args = { scale: Args.string({ description: "SERVICE=REPLICAS", required: true }) };
  static override flags = {
    detach: Flags.boolean({ char: "d", description: "exit at once instead of waiting for convergence" }),
  };

  /** Scales the services. */
  async run(): Promise<void> {
    const { flags, argv } = await this.parse(ServiceScaleCommand);
    const pairs = (argv as string[]).map((text) => {
      const m = /^(.+)=(.*)$/.exec(text);
      if (!m) throw new UsageError("SERVICE=REPLICAS", `"${text}" is not SERVICE=REPLICAS`);
      return { ref: m[1]!, replicas: parseCount(`${m[1]}=`, m[2]!) };
    });
    const connection = this.connect(flags);
    for (const { ref, replicas } of pairs) {
      const service = await getService(connection, ref);
      const spec = editableSpec(service.spec);
      const name = service.spec?.annotations?.name ?? ref;
      if (spec.replicatedJob) spec.replicatedJob = { ...spec.replicatedJob, totalCompletions: replicas };
      else if (spec.global || spec.globalJob)
        throw new UsageError(ref, `scale can only be used with replicated services; ${name} is global`);
      else spec.replicated = { replicas };
      const sinceMs = Date.now();
      await connection.call("updateService", {
        serviceId: service.id,
        serviceVersion: service.meta?.version ?? {},
        spec,
      });
      this.out(`${name} scaled to ${replicas}\n`);
      if (!flags.detach)
        await waitConverged(connection, service.id, { goal: "update", sinceMs, stream: process.stdout });
    }
  }
}
