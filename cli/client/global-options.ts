// The connection options an invocation gives before its command (`swarmctl -H X service ls`), kept
// apart from connection.ts so that swarmctl's main can record them without loading grpc-js and the
// generated messages: `swarmctl --version` and the help never need them.

/** What a command knows about where and how to connect. */
export interface ConnectionOptions {
  /** `--host`: `unix:///path`, `host:port` or `tcp://host:port`; absent uses SWARM_HOST, then the local socket. */
  readonly host?: string | undefined;
  /** `--tlscacert`: the cluster's root CA certificate, to verify the manager with. */
  readonly tlsCaCert?: string | undefined;
  /** `--tlscert`: the operator's client certificate. */
  readonly tlsCert?: string | undefined;
  /** `--tlskey`: the operator's private key. */
  readonly tlsKey?: string | undefined;
}

/**
 * Connection options given before the command (`swarmctl -H X service ls`); a command's own flags
 * win over them, and they win over the environment.
 */
let globalOptions: ConnectionOptions = {};

/** Sets the options given before the command (see cli/commands/global-flags.ts). */
export function setGlobalConnectionOptions(options: ConnectionOptions): void {
  globalOptions = { ...options };
}

/** The command's options, each absent one taken from the options given before the command. */
export function withGlobalOptions(options: ConnectionOptions): ConnectionOptions {
  return {
    host: options.host || globalOptions.host,
    tlsCaCert: options.tlsCaCert || globalOptions.tlsCaCert,
    tlsCert: options.tlsCert || globalOptions.tlsCert,
    tlsKey: options.tlsKey || globalOptions.tlsKey,
  };
}
