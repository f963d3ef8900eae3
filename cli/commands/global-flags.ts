// The connection flags swarmctl takes before the command, as Docker takes its global flags:
// `swarmctl -H 10.0.0.2:4242 service ls`, `swarmctl --host=… --tlscacert ca.pem … node ls`. They are
// recognised only before the first command word, so that after a command the same spellings stay
// free for the command's own flags (`service create --host` is Docker's extra-hosts flag).
import type { ConnectionOptions } from "../client/global-options.js";
import { UsageError } from "../client/usage-error.js";

/** Global flags by spelling, and the connection option each sets. */
const globalFlags: Readonly<Record<string, keyof ConnectionOptions>> = {
  "--host": "host",
  "-H": "host",
  "--tlscacert": "tlsCaCert",
  "--tlscert": "tlsCert",
  "--tlskey": "tlsKey",
};

/** Most global flags read before the command (each may appear once per option). */
const globalFlagsMax = 8;

/**
 * Splits the leading global flags off argv: `--flag VALUE`, `--flag=VALUE`, `-H VALUE`, `-H=VALUE`
 * and `-HVALUE`. Stops at the first word that is not one (the command, `--help`, …). A later
 * spelling of the same option wins, as with Docker. Throws UsageError for a flag without a value.
 */
export function splitGlobalFlags(argv: readonly string[]): { global: ConnectionOptions; rest: string[] } {
  const global: { -readonly [K in keyof ConnectionOptions]: ConnectionOptions[K] } = {};
  let i = 0;
  for (let taken = 0; i < argv.length && taken < globalFlagsMax; taken++) {
    const token = argv[i]!;
    const eq = token.indexOf("=");
    const name = token.startsWith("--") && eq > 0 ? token.slice(0, eq) : token;
    let option = globalFlags[name];
    let value: string | undefined;
    if (option !== undefined) {
      if (name !== token) value = token.slice(eq + 1);
      else {
        value = argv[i + 1];
        if (value === undefined || value === "")
          throw new UsageError(name, "needs a value, e.g. swarmctl -H 10.0.0.2:4242 service ls");
        i += 1;
      }
    } else if (token.startsWith("-H") && token.length > 2 && !token.startsWith("--")) {
      // -H=VALUE and -HVALUE, as a short flag's value may be attached.
      option = "host";
      value = token.slice(token[2] === "=" ? 3 : 2);
    } else break;
    if (value === "") throw new UsageError(name, "needs a value");
    global[option] = value;
    i += 1;
  }
  return { global, rest: argv.slice(i) };
}
