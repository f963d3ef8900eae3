// wireguard-go's configuration socket (the cross-platform UAPI: `/var/run/wireguard/<if>.sock`, a
// Unix socket speaking `key=value` lines, a request and its answer each ended by an empty line).
// The agent speaks it directly rather than through `wg` (wireguard-tools): no second package on
// the node, no private key on a command line or in a temporary file, one round trip per change,
// and the state it reads back is the same text it plans from. See tunnel-plan.ts for the content.
import { connect } from "node:net";
import { realClock, SwarmError } from "../../common/index.js";

/** Longest one UAPI exchange may take, in ms (wireguard-go answers in microseconds). */
export const uapiTimeoutMs = 5_000;

/** Largest UAPI answer read, in bytes (a peer is about 300 bytes of `get` output). */
export const uapiAnswerBytesMax = 4 * 1024 * 1024;

/** A UAPI exchange failed, or wireguard-go refused a setting. */
export class UapiError extends SwarmError {
  constructor(socketPath: string, problem: string, options: { cause?: unknown } = {}) {
    super("WIREGUARD_UAPI", `WireGuard configuration socket ${socketPath}: ${problem}`, {
      context: { socketPath },
      ...options,
    });
  }
}

/** Sends one request (lines without the closing empty line) and resolves with the answer's lines before `errno`. */
export function uapiExchange(socketPath: string, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    const chunks: Buffer[] = [];
    let bytes = 0;
    let done = false;
    const finish = (error: Error | undefined, text?: string): void => {
      if (done) return;
      done = true;
      cancelTimer();
      socket.destroy();
      if (error !== undefined) reject(error);
      else resolve(text ?? "");
    };
    const cancelTimer = realClock.after(uapiTimeoutMs, () =>
      finish(new UapiError(socketPath, `no answer in ${uapiTimeoutMs} ms`)),
    );
    socket.on("error", (error) => finish(new UapiError(socketPath, error.message, { cause: error })));
    socket.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > uapiAnswerBytesMax) {
        finish(new UapiError(socketPath, `answer longer than ${uapiAnswerBytesMax} bytes`));
        return;
      }
      chunks.push(chunk);
      const text = Buffer.concat(chunks).toString("utf8");
      const end = /(?:^|\n)errno=(-?\d+)\n\n$/.exec(text);
      if (end === null) return;
      const errno = Number(end[1]);
      if (errno !== 0) finish(new UapiError(socketPath, `wireguard-go refused the request (errno ${errno})`));
      else finish(undefined, text.slice(0, end.index + (text[end.index] === "\n" ? 1 : 0)));
    });
    socket.on("end", () => finish(new UapiError(socketPath, "closed before the answer ended")));
    socket.write(`${request.endsWith("\n") ? request : `${request}\n`}\n`);
  });
}

/** One peer as `get=1` reports it. */
export interface UapiPeer {
  /** Public key, hex. */
  readonly publicKey: string;
  /** "host:port", absent until set or learned. */
  readonly endpoint?: string;
  /** Allowed IPs, CIDR. */
  readonly allowedIps: readonly string[];
  /** Seconds since the epoch of the last handshake, 0 if none. */
  readonly lastHandshakeS: number;
  /** Bytes received from and sent to the peer. */
  readonly rxBytes: number;
  readonly txBytes: number;
}

/** The device as `get=1` reports it. */
export interface UapiDevice {
  /** Private key, hex; absent until set. */
  readonly privateKey?: string;
  /** UDP port listened on. */
  readonly listenPort: number;
  /** Peers in the order reported. */
  readonly peers: readonly UapiPeer[];
}

/** Parses the lines of a `get=1` answer. */
export function parseUapiGet(text: string): UapiDevice {
  let privateKey: string | undefined;
  let listenPort = 0;
  const peers: {
    publicKey: string;
    endpoint?: string;
    allowedIps: string[];
    lastHandshakeS: number;
    rxBytes: number;
    txBytes: number;
  }[] = [];
  for (const line of text.split("\n")) {
    const eq = line.indexOf("=");
    if (eq < 0) continue;
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1);
    const peer = peers.at(-1);
    if (key === "public_key")
      peers.push({ publicKey: value, allowedIps: [], lastHandshakeS: 0, rxBytes: 0, txBytes: 0 });
    else if (peer === undefined) {
      if (key === "private_key") privateKey = value;
      else if (key === "listen_port") listenPort = Number(value);
    } else if (key === "endpoint") peer.endpoint = value;
    else if (key === "allowed_ip") peer.allowedIps.push(value);
    else if (key === "last_handshake_time_sec") peer.lastHandshakeS = Number(value);
    else if (key === "rx_bytes") peer.rxBytes = Number(value);
    else if (key === "tx_bytes") peer.txBytes = Number(value);
  }
  return { ...(privateKey === undefined ? {} : { privateKey }), listenPort, peers };
}
