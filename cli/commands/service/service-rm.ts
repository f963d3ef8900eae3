// `swarmctl service rm SERVICE...`: removes each service, printing its name; a failure on one is
// reported and the others are still removed, as Docker does, then the command fails.
import { Args } from "@oclif/core";
import { SwarmCommand } from "../base-command.js";
import { getService } from "../lookup.js";
import { forEachRef } from "../for-each-ref.js";

/** `swarmctl service rm`. */
export class ServiceRmCommand extends SwarmCommand {
  static override summary = "Remove one or more services";
  static override hiddenAliases = ["service:remove"];
  static override examples = ["<%= config.bin %> service rm web worker"];
  static override strict = false;
  static override args = { service: Args.string({ description: "service name, id or id prefix", required: true }) };

  /** Removes the services. */
  async run(): Promise<void> {
    const { argv, flags } = await this.parse(ServiceRmCommand);
    const connection = this.connect(flags);
    await forEachRef(argv as string[], async (ref) => {
      const service = await getService(connection, ref);
      await connection.call("removeService", { serviceId: service.id });
      this.out(`${ref}\n`);
    });
  }
}
