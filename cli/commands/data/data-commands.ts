// `swarmctl secret …` and `swarmctl config …`: the two kinds of named data share their commands
// (create from a file or stdin, ls, inspect, rm); only the API methods and field names differ.
import { readFile } from "node:fs/promises";
import type { Command } from "@oclif/core";
import { Args, Flags } from "@oclif/core";
import { msFromTimestamp } from "../../../common/index.js";
import { swarm } from "../../../proto/index.js";
import type { Connection } from "../../client/connection.js";
import { UsageError } from "../../client/usage-error.js";
import { plain, shortId } from "../../output/plain.js";
import { formatList } from "../../output/print.js";
import { timeAgo } from "../../output/time-ago.js";
import { parseLabel } from "../../service-spec/parse-options.js";
import { SwarmCommand, formatFlag, quietFlag } from "../base-command.js";
import { commonFilters, parseFilters } from "../filters.js";
import { forEachRef } from "../for-each-ref.js";
import { inspectEach } from "../inspect-each.js";

/** Which kind of data the commands handle. */
type DataKind = "secret" | "config";
type DataObject = swarm.v1.Secret | swarm.v1.Config;

const cap = (kind: DataKind): string => (kind === "secret" ? "Secret" : "Config");

/** Reads the data of `create`: a file path, or "-" for stdin. */
async function readData(path: string): Promise<Buffer> {
  if (path !== "-")
    return readFile(path).catch((error: NodeJS.ErrnoException) =>
      Promise.reject(new UsageError("FILE", `cannot read ${path}: ${error.code ?? error.message}`)),
    );
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The create, ls, inspect and rm commands of one kind. */
export function dataCommands(kind: DataKind): Record<string, Command.Class> {
  const Kind = cap(kind);
  const get = async (connection: Connection, ref: string): Promise<DataObject> => {
    const response = await connection.call<{ secret?: swarm.v1.Secret; config?: swarm.v1.Config }>(`get${Kind}`, {
      [`${kind}Id`]: ref,
    });
    return (response.secret ?? response.config)!;
  };

  class CreateCommand extends SwarmCommand {
    static override summary = `Create a ${kind} from a file or standard input`;
    static override examples = [
      `<%= config.bin %> ${kind} create db-password ./password.txt`,
      `echo hunter2 | <%= config.bin %> ${kind} create --label env=prod db-password -`,
    ];
    static override args = {
      name: Args.string({ description: `${kind} name`, required: true }),
      file: Args.string({ description: 'file to read, or "-" for stdin', required: true }),
    };
    static override flags = {
      label: Flags.string({ char: "l", description: "label KEY=VALUE", multiple: true, multipleNonGreedy: true }),
    };

    async run(): Promise<void> {
      const { args, flags } = await this.parse(CreateCommand);
      const labels = Object.fromEntries((flags.label ?? []).map((l) => parseLabel("--label", l)));
      const data = await readData(args.file);
      const response = await this.connect(flags).call<{ secret?: swarm.v1.Secret; config?: swarm.v1.Config }>(
        `create${Kind}`,
        { spec: { annotations: { name: args.name, labels }, data } },
      );
      this.out(`${(response.secret ?? response.config)?.id ?? ""}\n`);
    }
  }

  class LsCommand extends SwarmCommand {
    static override summary = `List ${kind}s`;
    static override hiddenAliases = [`${kind}:list`];
    static override examples = [
      `<%= config.bin %> ${kind} ls`,
      `<%= config.bin %> ${kind} ls --filter label=env --format '{{.Name}}'`,
    ];
    static override flags = {
      format: formatFlag,
      quiet: quietFlag,
      filter: Flags.string({
        char: "f",
        description: "filter: name=, id=, label=",
        multiple: true,
        multipleNonGreedy: true,
      }),
    };

    async run(): Promise<void> {
      const { flags } = await this.parse(LsCommand);
      const filters = parseFilters(flags.filter, ["name", "id", "label"]);
      const response = await this.connect(flags).call<{ secrets?: swarm.v1.Secret[]; configs?: swarm.v1.Config[] }>(
        `list${Kind}s`,
        { filters: commonFilters(filters) },
      );
      const now = Date.now();
      const rows = (response.secrets ?? response.configs ?? []).map((o: DataObject) => ({
        ID: flags.quiet ? o.id : shortId(o.id),
        Name: o.spec?.annotations?.name ?? "",
        CreatedAt: timeAgo(msFromTimestamp(o.meta?.createdAt), now),
        UpdatedAt: timeAgo(msFromTimestamp(o.meta?.updatedAt ?? o.meta?.createdAt), now),
      }));
      this.out(formatList(flags, { columns: ["ID", "NAME", "CREATED AT", "UPDATED AT"], rows }));
    }
  }

  class InspectCommand extends SwarmCommand {
    static override summary = `Display detailed information on one or more ${kind}s`;
    static override examples = [`<%= config.bin %> ${kind} inspect db-password`];
    static override strict = false;
    static override args = { name: Args.string({ description: `${kind} name, id or id prefix`, required: true }) };
    static override flags = { format: formatFlag };

    async run(): Promise<void> {
      const { argv, flags } = await this.parse(InspectCommand);
      const type = kind === "secret" ? swarm.v1.Secret : swarm.v1.Config;
      await inspectEach(
        argv as string[],
        async (ref) => plain(type, await get(this.connect(flags), ref)),
        flags.format,
        (t) => this.out(t),
      );
    }
  }

  class RmCommand extends SwarmCommand {
    static override summary = `Remove one or more ${kind}s`;
    static override hiddenAliases = [`${kind}:remove`];
    static override examples = [`<%= config.bin %> ${kind} rm db-password`];
    static override strict = false;
    static override args = { name: Args.string({ description: `${kind} name, id or id prefix`, required: true }) };

    async run(): Promise<void> {
      const { argv, flags } = await this.parse(RmCommand);
      await forEachRef(argv as string[], async (ref) => {
        const found = await get(this.connect(flags), ref);
        await this.connect(flags).call(`remove${Kind}`, { [`${kind}Id`]: found.id });
        this.out(`${ref}\n`);
      });
    }
  }

  return {
    [`${kind}:create`]: CreateCommand,
    [`${kind}:ls`]: LsCommand,
    [`${kind}:inspect`]: InspectCommand,
    [`${kind}:rm`]: RmCommand,
  };
}
