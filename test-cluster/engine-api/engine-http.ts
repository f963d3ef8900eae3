// Raw requests to the Engine API, for what the CLIs do not show: exact status codes, headers and
// bodies, which the tests also check against Docker's own API schema.
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";

/** One answer. */
export interface EngineAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  readonly json: unknown;
}

/** Sends one request over the Engine API's unix socket. */
export function engineRequest(
  socketPath: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<EngineAnswer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      {
        socketPath,
        method,
        path,
        headers: {
          ...headers,
          ...(payload ? { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

/** Opens a streaming GET (e.g. `/events`) and collects its JSON lines until `done` holds or `timeoutMs` passes. */
export function engineStreamLines(
  socketPath: string,
  path: string,
  done: (lines: readonly unknown[]) => boolean,
  timeoutMs: number,
  opened: () => void = () => undefined,
): Promise<{ status: number; headers: IncomingHttpHeaders; lines: unknown[] }> {
  return new Promise((resolve, reject) => {
    const lines: unknown[] = [];
    let pending = "";
    let settled = false;
    const req = httpRequest({ socketPath, method: "GET", path }, (res) => {
      const finish = (): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, lines });
      };
      const timer = setTimeout(finish, timeoutMs);
      opened();
      res.on("data", (chunk: Buffer) => {
        pending += chunk.toString();
        let newline = pending.indexOf("\n");
        while (newline >= 0) {
          const line = pending.slice(0, newline).trim();
          pending = pending.slice(newline + 1);
          if (line) lines.push(JSON.parse(line));
          newline = pending.indexOf("\n");
        }
        if (done(lines)) finish();
      });
      res.on("end", finish);
    });
    req.on("error", (error) => {
      if (!settled) reject(error);
    });
    req.end();
  });
}
