// A stand-in daemon for the engine-api benchmark: it answers each request line with the bytes a
// real daemon gave for it (recorded by replaying the CLI's conversation), in one write and with no
// work of its own. The docker CLI timed against the recorded answers of swarm-ts and of Docker
// Swarm pays only for what the bytes make it do (headers, framing, bodies to parse and print), so
// a difference there is the answers' and not the daemons' serving.
import { rmSync } from "node:fs";
import { createServer, type Socket } from "node:net";

/** Answer to a request line with no recording: the CLI then fails, so a gap in the recording shows. */
export const unrecordedAnswer = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";

/** A running stub. */
export interface AnswerStub {
  /** Request lines that had no recorded answer, in arrival order. */
  readonly unrecorded: readonly string[];
  close(): Promise<void>;
}

/**
 * Serves `answers` (request line, e.g. `GET /v1.44/nodes HTTP/1.1`, to the whole answer) on the
 * unix socket `socketPath`; requests on one connection are answered in order, as HTTP/1.1 asks.
 * Only bodiless requests (the CLI's HEAD and GETs) are understood.
 */
export async function serveAnswers(socketPath: string, answers: ReadonlyMap<string, Buffer>): Promise<AnswerStub> {
  const unrecorded: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket)).on("error", () => socket.destroy());
    let pending = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (let end = pending.indexOf("\r\n\r\n"); end >= 0; end = pending.indexOf("\r\n\r\n")) {
        const line = pending.subarray(0, pending.indexOf("\r\n")).toString("latin1");
        pending = pending.subarray(end + 4);
        const answer = answers.get(line);
        if (!answer) unrecorded.push(line);
        socket.write(answer ?? unrecordedAnswer);
      }
    });
  });
  rmSync(socketPath, { force: true });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(socketPath, resolve));
  return {
    unrecorded,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
