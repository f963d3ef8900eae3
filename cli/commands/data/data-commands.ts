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

/** The Control calls of one kind, each typed by its method. */
interface DataCalls {
  get(id: string): Promise<DataObject | null | undefined>;
  create(spec: swarm.v1.SecretSpec.$Properties): Promise<DataObject | null | undefined>;
  list(filters: ReturnType<typeof commonFilters>): Promise<DataObject[]>;
  remove(id: string): Promise<unknown>;
}

/** The calls of `kind` over `connection`. */
function dataCalls(connection: Connection, kind: DataKind): DataCalls {
  return kind === "secret"
    ? {
        get: async (secretId) => (await connection.call("getSecret", { secretId })).secret,
        create: async (spec) => (await connection.call("createSecret", { spec })).secret,
        list: async (filters) => (await connection.call("listSecrets", { filters })).secrets,
        remove: (secretId) => connection.call("removeSecret", { secretId }),
      }
    : {
        get: async (configId) => (await connection.call("getConfig", { configId })).config,
        create: async (spec) => (await connection.call("createConfig", { spec })).config,
        list: async (filters) => (await connection.call("listConfigs", { filters })).configs,
        remove: (configId) => connection.call("removeConfig", { configId }),
      };
}

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
  const get = async (connection: Connection, ref: string): Promise<DataObject> =>
    (await dataCalls(connection, kind).get(ref))!;

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
      const created = await dataCalls(this.connect(flags), kind).create({
        annotations: { name: args.name, labels },
        data,
      });
      this.out(`${created?.id ?? ""}\n`);
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
      const objects = await dataCalls(this.connect(flags), kind).list(commonFilters(filters));
      const now = Date.now();
      const rows = objects.map((o: DataObject) => ({
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
        await dataCalls(this.connect(flags), kind).remove(found.id);
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
