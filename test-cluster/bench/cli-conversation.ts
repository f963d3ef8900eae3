// The docker CLI's conversation with a daemon, replayed byte for byte from a benchmark: one
// connection per command, `HEAD /_ping` first, then the command's GETs on the same kept-alive
// connection at the version the CLI negotiates (the lower of the ping's `Api-Version` and the
// CLI's own), with the CLI's exact request lines and headers. Node's HTTP client would send other
// headers and, without an agent, a new connection per request: it would time a conversation the
// CLI never has.
import { connect, type Socket } from "node:net";

/** Largest answer read (headers and body); the benchmark's answers are a few KiB. */
export const conversationAnswerBytesMax = 8 * 1024 * 1024;

/** How long one conversation may take before it fails. */
export const conversationTimeoutMs = 10_000;

/** The end of a chunked body. */
const lastChunk = "0\r\n\r\n";

/** One answer's status line and headers (names lower-cased), with the length of its body. */
export interface Answer {
  readonly status: number;
  readonly headers: ReadonlyMap<string, string>;
  readonly bodyBytes: number;
  /** The answer as it came, status line to the body's last byte (a stub serves it back byte for byte). */
  readonly raw: Buffer;
}

/**
 * Whether `data` holds a whole answer (to a HEAD when `head`): its headers and a body of
 * Content-Length bytes or ending in the last chunk. Null while incomplete.
 */
export function parseAnswer(data: Buffer, head: boolean): Answer | null {
  const end = data.indexOf("\r\n\r\n");
  if (end < 0) return null;
  const [statusLine = "", ...lines] = data.subarray(0, end).toString("latin1").split("\r\n");
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const status = Number(statusLine.split(" ")[1]);
  const body = data.subarray(end + 4);
  if (head) return { status, headers, bodyBytes: 0, raw: data.subarray(0, end + 4) };
  const length = headers.get("content-length");
  if (length !== undefined)
    return body.length >= Number(length)
      ? { status, headers, bodyBytes: Number(length), raw: data.subarray(0, end + 4 + Number(length)) }
      : null;
  if (headers.get("transfer-encoding") === "chunked")
    return body.subarray(-lastChunk.length).toString("latin1") === lastChunk
      ? { status, headers, bodyBytes: body.length, raw: data }
      : null;
  throw new Error(`answer with neither Content-Length nor chunked encoding: ${statusLine}`);
}

/** Sends one request on `socket` and resolves with its whole answer. */
function exchange(socket: Socket, request: string, head: boolean): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let data = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      data = Buffer.concat([data, chunk]);
      if (data.length > conversationAnswerBytesMax)
        return done(new Error(`answer over ${conversationAnswerBytesMax} bytes`));
      let answer: Answer | null;
      try {
        answer = parseAnswer(data, head);
      } catch (error) {
        return done(error as Error);
      }
      if (answer) done(null, answer);
    };
    const onEnd = (): void => done(new Error(`connection closed before the answer to ${request.split("\r\n")[0]}`));
    const done = (error: Error | null, answer?: Answer): void => {
      socket.off("data", onData).off("error", done).off("end", onEnd);
      if (error) reject(error);
      else resolve(answer!);
    };
    socket.on("data", onData).on("error", done).on("end", onEnd);
    socket.write(request);
  });
}

/** The request bytes the docker CLI sends for `method path`. */
export function cliRequest(method: "HEAD" | "GET", path: string, userAgent: string): string {
  return `${method} ${path} HTTP/1.1\r\nHost: api.moby.localhost\r\nUser-Agent: ${userAgent}\r\n\r\n`;
}

/**
 * One command's conversation on a new connection to the unix socket `socketPath`: `HEAD /_ping`,
 * then each of `paths` (without version prefix) under `/v<version>`. Resolves with the answers.
 */
export async function converse(
  socketPath: string,
  version: string,
  paths: readonly string[],
  userAgent: string,
): Promise<Answer[]> {
  const socket = connect(socketPath);
  socket.setTimeout(conversationTimeoutMs, () => socket.destroy(new Error(`no answer in ${conversationTimeoutMs} ms`)));
  try {
    await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
    const answers = [await exchange(socket, cliRequest("HEAD", "/_ping", userAgent), true)];
    for (const path of paths) {
      const answer = await exchange(socket, cliRequest("GET", `/v${version}${path}`, userAgent), false);
      if (answer.status !== 200) throw new Error(`GET /v${version}${path}: ${answer.status}`);
      answers.push(answer);
    }
    return answers;
  } finally {
    socket.destroy();
  }
}

/** The API version the CLI settles on with a daemon: the lower of the daemon's `Api-Version` and the CLI's own. */
export async function negotiatedVersion(socketPath: string, clientVersion: string, userAgent: string): Promise<string> {
  const [ping] = await converse(socketPath, clientVersion, [], userAgent);
  const server = ping?.headers.get("api-version") ?? clientVersion;
  const value = (v: string): number => {
    const [major = 0, minor = 0] = v.split(".").map(Number);
    return major * 1000 + minor;
  };
  return value(server) < value(clientVersion) ? server : clientVersion;
}

/**
 * One command's conversation, as {@link converse} has it, recorded: each request line (`GET
 * /v1.44/nodes HTTP/1.1`) with its whole answer, for a stub to serve back byte for byte.
 */
export async function recordConversation(
  socketPath: string,
  version: string,
  paths: readonly string[],
  userAgent: string,
): Promise<Map<string, Buffer>> {
  const answers = await converse(socketPath, version, paths, userAgent);
  const lines = [
    cliRequest("HEAD", "/_ping", userAgent),
    ...paths.map((p) => cliRequest("GET", `/v${version}${p}`, userAgent)),
  ];
  return new Map(lines.map((request, i) => [request.slice(0, request.indexOf("\r\n")), Buffer.from(answers[i]!.raw)]));
}
