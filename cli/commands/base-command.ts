// The base of every swarmctl command: the connection flags every command shares,
// one lazily opened connection closed when the command ends, the output flags list and inspect
// commands share, and stdout writing. Errors are not handled here: they propagate to
// swarmctlMain, the one place that maps them to a line on stderr and an exit code.
import { Command, Flags } from "@oclif/core";
import { ManagerUnreachableError, unreachableReason } from "../../common/index.js";
import { Connection, type ConnectionOptions } from "../client/connection.js";

/** Flags every command accepts: where the manager is and the operator's client certificate. */
export const connectionFlags = {
  host: Flags.string({
    char: "H",
    description: "manager to talk to: unix:///path or host:port (default: $SWARM_HOST, then the local control socket)",
    helpGroup: "GLOBAL",
  }),
  tlscacert: Flags.string({
    description: "cluster root CA certificate (default: $SWARM_CERT_PATH/ca.pem, then ~/.swarm-ts/ca.pem)",
    helpGroup: "GLOBAL",
  }),
  tlscert: Flags.string({
    description: "operator certificate from `cluster ca issue-client` (default: .../cert.pem)",
    helpGroup: "GLOBAL",
  }),
  tlskey: Flags.string({ description: "operator private key (default: .../key.pem)", helpGroup: "GLOBAL" }),
};

/** `--format`: "json" for one JSON value, or a Go-template-like text such as '{{.ID}} {{.Name}}'. */
export const formatFlag = Flags.string({
  description: "output format: json, or a template such as '{{.ID}}\\t{{.Name}}'",
});
/** `--quiet`: ids only. */
export const quietFlag = Flags.boolean({ char: "q", description: "only display ids" });

/** What a command needs from its parsed flags to connect. */
interface ParsedConnectionFlags {
  readonly host?: string | undefined;
  readonly tlscacert?: string | undefined;
  readonly tlscert?: string | undefined;
  readonly tlskey?: string | undefined;
}

/** The base class of every swarmctl command. */
export abstract class SwarmCommand extends Command {
  static override baseFlags = connectionFlags;
  private connection: Connection | null = null;

  /** The connection to the manager the flags name, opened on first use. */
  protected connect(flags: ParsedConnectionFlags): Connection {
    const options: ConnectionOptions = {
      host: flags.host,
      tlsCaCert: flags.tlscacert,
      tlsCert: flags.tlscert,
      tlsKey: flags.tlskey,
    };
    this.connection ??= Connection.open(options);
    return this.connection;
  }

  /** Writes text to stdout as is. */
  protected out(text: string): void {
    process.stdout.write(text);
  }

  /**
   * A manager that could not be reached becomes one line naming the address and why ("cannot
   * reach manager at 127.0.0.2:4242: connection refused"), instead of grpc-js's transport text.
   */
  protected override async catch(error: Error & { exitCode?: number }): Promise<unknown> {
    const reason = unreachableReason(error);
    if (reason === undefined || this.connection === null) return super.catch(error);
    const target = this.connection.target;
    const local = target.startsWith("unix:");
    const hint = local
      ? "is swarmd running? use -H/--host or SWARM_HOST"
      : reason === "the connection was dropped" || reason === "the TLS handshake failed"
        ? "is swarmd running there? over TCP swarmctl needs an operator certificate: run `swarmctl cluster ca issue-client` on a manager, then set SWARM_CERT_PATH"
        : "is swarmd running there?";
    throw new ManagerUnreachableError(target, reason, { hint, cause: error });
  }

  /** Closes the connection whatever happened, so the process can exit. */
  protected override async finally(error: Error | undefined): Promise<unknown> {
    this.connection?.close();
    this.connection = null;
    return super.finally(error);
  }
}
