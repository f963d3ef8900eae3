// Starts the relay of a local cluster with a network of its own (netns-relay-main.ts) and waits
// until it answers.
import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { connect } from "node:net";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { SwarmError } from "../../common/index.js";

const here = dirname(fileURLToPath(import.meta.url));

/** The relay's script: the built one, like swarmd's, so it starts as fast as the product does. */
export const relayScript = here.includes(`${sep}dist${sep}`)
  ? join(here, "netns-relay-main.js")
  : join(here, "..", "..", "dist", "test-cluster", "cluster", "netns-relay-main.js");

/** How long the relay may take to listen, in ms. */
export const relayReadyMsMax = 30_000;

/** What {@link startNetnsRelay} needs. */
export interface NetnsRelayOptions {
  readonly netns: string;
  /** `HOST:PORT=NODE:PORT` pairs: answered on the host's HOST:PORT, forwarded to NODE:PORT inside. */
  readonly listen: readonly string[];
  /** The Unix socket joining the two halves (in the cluster's directory). */
  readonly socketPath: string;
  /** Its log (stderr of the outer half). */
  readonly logFile: string;
  /** Outlives this process (a detached cluster). */
  readonly detached: boolean;
}

/** Starts the relay; resolves with the outer half's pid once every address accepts connections. */
export async function startNetnsRelay(options: NetnsRelayOptions): Promise<number> {
  const log = openSync(options.logFile, "a", 0o600);
  const child = spawn(
    process.execPath,
    [
      relayScript,
      "outer",
      "--netns",
      options.netns,
      "--socket",
      options.socketPath,
      "--listen",
      options.listen.join(","),
    ],
    { stdio: ["ignore", log, log], detached: options.detached },
  );
  closeSync(log);
  if (options.detached) child.unref();
  const pid = child.pid ?? 0;
  const end = Date.now() + relayReadyMsMax;
  for (const pair of options.listen) {
    const addr = pair.split("=")[0] ?? "";
    const [host = "", port = "0"] = addr.split(":");
    for (;;) {
      const ok = await new Promise<boolean>((resolve) => {
        const s = connect({ host, port: Number(port) }, () => {
          s.destroy();
          resolve(true);
        });
        s.on("error", () => resolve(false));
      });
      if (ok) break;
      if (child.exitCode !== null || Date.now() > end) {
        child.kill("SIGKILL");
        throw new SwarmError(
          "RELAY_NOT_READY",
          `the relay into ${options.netns} did not listen on ${addr}; see ${options.logFile}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return pid;
}
