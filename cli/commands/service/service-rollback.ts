// `swarmctl service rollback SERVICE`: restores the previous spec and shows progress unless --detach.
import { Args, Flags } from "@oclif/core";
import type { Connection } from "../../client/connection.js";
import { swarm } from "../../../proto/index.js";
import { waitConverged } from "../../progress/wait-converged.js";
import { SwarmCommand } from "../base-command.js";
import { getService } from "../lookup.js";

/** `swarmctl service rollback`. */
export class ServiceRollbackCommand extends SwarmCommand {
  static override summary = "Revert a service to its previous spec";
  static override examples = ["<%= config.bin %> service rollback web"];
  static override args = { service: Args.string({ description: "service name, id or id prefix", required: true }) };
  static override flags = {
    detach: Flags.boolean({ char: "d", description: "exit at once instead of waiting for convergence" }),
    quiet: Flags.boolean({ char: "q", description: "no progress output" }),
  };

  /** Rolls the service back. */
  async run(): Promise<void> {
    const { flags, args } = await this.parse(ServiceRollbackCommand);
    const connection = this.connect(flags);
    const service = await getService(connection, args.service);
    await rollBack(connection, service, flags, (text) => this.out(text));
  }
}

/**
 * Restores a service's previous spec, prints its name and, unless detached or quiet, waits for
 * the rollback to converge with progress: `service rollback` and Docker's `service update --rollback`.
 */
export async function rollBack(
  connection: Connection,
  service: swarm.v1.Service,
  flags: { readonly detach?: boolean; readonly quiet?: boolean },
  out: (text: string) => void,
): Promise<void> {
  const sinceMs = Date.now();
  await connection.call("updateService", {
    serviceId: service.id,
    serviceVersion: service.meta?.version ?? {},
    spec: service.spec ?? {},
    rollback: swarm.v1.UpdateServiceRequest.Rollback.ROLLBACK_PREVIOUS,
  });
  out(`${service.spec?.annotations?.name ?? service.id}\n`);
  if (flags.detach || flags.quiet) return;
  out("rollback: manually requested rollback\n");
  await waitConverged(connection, service.id, { goal: "rollback", sinceMs, stream: process.stdout });
}
