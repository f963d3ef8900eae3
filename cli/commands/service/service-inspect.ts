// `swarmctl service inspect SERVICE...`: the services as a JSON array, or through --format.
import { Args } from "@oclif/core";
import { swarm } from "../../../proto/index.js";
import { plain } from "../../output/plain.js";
import { SwarmCommand, formatFlag } from "../base-command.js";
import { inspectEach } from "../inspect-each.js";
import { getService } from "../lookup.js";

/** `swarmctl service inspect`. */
export class ServiceInspectCommand extends SwarmCommand {
  static override summary = "Display detailed information on one or more services";
  static override examples = [
    "<%= config.bin %> service inspect web",
    "<%= config.bin %> service inspect --format '{{.Spec.Annotations.Name}} {{.ID}}' web",
  ];
  static override strict = false;
  static override args = { service: Args.string({ description: "service name, id or id prefix", required: true }) };
  static override flags = { format: formatFlag };

  /** Prints the services. */
  async run(): Promise<void> {
    const { argv, flags } = await this.parse(ServiceInspectCommand);
    const connection = this.connect(flags);
    await inspectEach(
      argv as string[],
      async (ref) => plain(swarm.v1.Service, await getService(connection, ref)),
      flags.format,
      (t) => this.out(t),
    );
  }
}
