// swarmctl's lean path: the list commands operators run most (`service ls`, `node ls`) answered without
// oclif's configuration, grpc-js or the other commands' modules, from a bundle of its own
// (swarmctl-lean.cjs, see cli/bundle/). It prints what the oclif commands print, because both build the
// output with the same functions (service-list.ts, node-list.ts) from the same answers. Whatever it
// does not answer itself (another command line, a manager it cannot reach) it hands back, and swarmctl
// runs the full path, whose messages are the ones operators see.
import { unreachableReason } from "../../common/index.js";
import { withGlobalOptions, setGlobalConnectionOptions } from "../client/global-options.js";
import { controlTarget, operatorTls } from "../client/manager-address.js";
import { describeError } from "../commands/exit-codes.js";
import { nodeListText } from "../commands/node/node-list.js";
import { serviceListText } from "../commands/service/service-list.js";
import { Http2Channel, LeanTransportFailure } from "./http2-channel.js";
import { leanInvocationOf } from "./lean-argv.js";

/**
 * Runs argv if the lean path answers it; resolves with the exit code, or null when it does not (the
 * full path then runs the same argv: nothing has been printed).
 */
export async function swarmctlMain(argv: readonly string[]): Promise<number | null> {
  const invocation = leanInvocationOf(argv);
  if (invocation === null) return null;
  const { command, flags } = invocation;
  let channel: Http2Channel | null = null;
  const connect = (): Http2Channel => {
    setGlobalConnectionOptions(invocation.global);
    const options = withGlobalOptions({
      host: flags.host,
      tlsCaCert: flags.tlscacert,
      tlsCert: flags.tlscert,
      tlsKey: flags.tlskey,
    });
    const target = controlTarget(options);
    channel = new Http2Channel(target, operatorTls(options, target));
    return channel;
  };
  try {
    const text = await (command === "service ls" ? serviceListText : nodeListText)(flags, connect);
    process.stdout.write(text);
    return 0;
  } catch (error) {
    // grpc-js's words for a manager it could not reach are what the full path's line is made of.
    if (error instanceof LeanTransportFailure || unreachableReason(error) !== undefined) return null;
    const { line, code } = describeError(error);
    if (code !== 0 && line) process.stderr.write(`Error: ${line}\n`);
    return code;
  } finally {
    (channel as Http2Channel | null)?.close();
  }
}

/** The command argv names, when the lean path answers it: the key of this bundle's code cache. */
export function commandWordsOf(argv: readonly string[]): string {
  return leanInvocationOf(argv)?.command ?? "";
}
