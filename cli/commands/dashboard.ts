// `swarmctl dashboard [--listen HOST:PORT] [--open]`: serves the live web dashboard on this
// machine, talking to the cluster over this swarmctl's own connection (the control socket, or TCP
// with the operator's certificate), as `kubectl proxy` does: nothing new listens on the managers
// and no new credential exists. It prints the URL (with the run's token) and serves until
// interrupted. See docs/dashboard.md.
import { spawn } from "node:child_process";
import { Flags } from "@oclif/core";
import { UsageError } from "../client/usage-error.js";
import { SwarmCommand, formatFlag } from "./base-command.js";

/** Port the dashboard listens on unless told otherwise. */
export const dashboardPortDefault = 4280;
/** Where the dashboard listens unless told otherwise: loopback only. */
export const dashboardListenDefault = `127.0.0.1:${dashboardPortDefault}`;

/** `--listen` as a host and a port; throws UsageError naming the flag. */
export function parseListen(text: string): { host: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:]+)\]|([^\s:[\]]+)):(\d{1,5})$/.exec(text);
  const port = Number(m?.[3]);
  if (!m || port > 65_535)
    throw new UsageError("--listen", `"${text}" is not HOST:PORT (e.g. 127.0.0.1:${dashboardPortDefault})`);
  return { host: m[1] ?? m[2]!, port };
}

/** The command that opens a URL in the desktop's browser on this platform. */
export function browserOpener(platform: NodeJS.Platform): { command: string; args: string[] } {
  if (platform === "darwin") return { command: "open", args: [] };
  if (platform === "win32") return { command: "cmd", args: ["/c", "start", ""] };
  return { command: "xdg-open", args: [] };
}

/** `swarmctl dashboard`. */
export class DashboardCommand extends SwarmCommand {
  static override summary = "Serve a live web dashboard of the cluster on this machine";
  static override description =
    "Serves the dashboard on a local port (loopback by default) and talks to the cluster over this swarmctl's connection: the control socket, or --host with the operator's certificate. The printed URL holds a token that admits one browser; Ctrl-C stops it.";
  static override examples = [
    "<%= config.bin %> dashboard",
    "<%= config.bin %> dashboard --listen 127.0.0.1:8080 --open",
    "<%= config.bin %> dashboard --host 10.0.0.2:4242   # with SWARM_CERT_PATH holding an operator certificate",
  ];
  static override flags = {
    format: formatFlag,
    listen: Flags.string({
      description: "address to serve on, HOST:PORT (port 0 picks a free one)",
      default: dashboardListenDefault,
    }),
    open: Flags.boolean({ description: "open the dashboard in the desktop's browser" }),
    "allow-non-loopback": Flags.boolean({
      description: "allow --listen on an address other machines reach (the dashboard acts with your credentials)",
    }),
  };

  /** Serves until SIGINT or SIGTERM. */
  async run(): Promise<void> {
    const { flags } = await this.parse(DashboardCommand);
    if (flags.format !== undefined && flags.format !== "json")
      throw new UsageError("--format", `"${flags.format}": the dashboard prints its URL as text, or as json`);
    const listen = parseListen(flags.listen);
    // Loaded here: the server and its model are needed by this command only.
    const { DashboardServer, isLoopback } = await import("../dashboard/server/dashboard-server.js");
    if (!isLoopback(listen.host) && !flags["allow-non-loopback"])
      throw new UsageError(
        "--listen",
        `${listen.host} is not a loopback address: anyone who reaches it and gets the URL acts with your credentials; add --allow-non-loopback to serve there anyway`,
      );
    const connectionArgs = [
      ...(flags.host ? ["--host", flags.host] : []),
      ...(flags.tlscacert ? ["--tlscacert", flags.tlscacert] : []),
      ...(flags.tlscert ? ["--tlscert", flags.tlscert] : []),
      ...(flags.tlskey ? ["--tlskey", flags.tlskey] : []),
    ];
    const connection = this.connect(flags);
    const server = await DashboardServer.start({
      connection,
      connectionArgs,
      host: listen.host,
      port: listen.port,
      version: this.config.version,
    });
    if (!isLoopback(listen.host))
      process.stderr.write(
        `Warning: serving on ${listen.host}, not loopback: whoever reaches it with the URL below acts on the cluster with your credentials, over plain HTTP.\n`,
      );
    if (flags.format === "json") this.out(`${JSON.stringify({ url: server.url, target: connection.target })}\n`);
    else {
      this.out(`Dashboard: ${server.url}\n`);
      this.out(`Serving the cluster at ${connection.target}; Ctrl-C stops it.\n`);
    }
    if (flags.open) {
      const { command, args } = browserOpener(process.platform);
      const child = spawn(command, [...args, server.url], { stdio: "ignore", detached: true });
      child.on("error", () => process.stderr.write(`Could not start ${command}: open the URL above by hand.\n`));
      child.unref();
    }
    await new Promise<void>((resolve) => {
      process.once("SIGINT", resolve);
      process.once("SIGTERM", resolve);
    });
    await server.close();
  }
}
