// Talking to the Docker Engine: where its socket is, whether it answers, and what its errors mean.
import { realClock } from "../../../common/index.js";
import { request } from "node:http";

/** The engine's socket when neither the caller nor DOCKER_HOST names one. */
export const defaultSocketPath = "/var/run/docker.sock";

/** How long {@link pingEngine} waits for an answer by default, in ms. */
export const pingTimeoutMsDefault = 1000;

/** The socket to use: the given one, else DOCKER_HOST when it is a unix:// address, else the default. */
export function engineSocketPath(socketPath?: string): string {
  if (socketPath !== undefined) return socketPath;
  const host = process.env["DOCKER_HOST"] ?? "";
  return host.startsWith("unix://") ? host.slice("unix://".length) : defaultSocketPath;
}

/**
 * Whether a Docker Engine answers `GET /_ping` with "OK" on the socket within `timeoutMs`; never
 * throws, so swarmd can use it to choose between the Docker and the process executor.
 */
export async function pingEngine(socketPath?: string, timeoutMs = pingTimeoutMsDefault): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      { socketPath: engineSocketPath(socketPath), path: "/_ping", method: "GET", timeout: timeoutMs },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () => resolve(res.statusCode === 200 && body.trim() === "OK"));
        res.on("error", () => resolve(false));
      },
    );
    req.on("timeout", () => {
      req.destroy();
      resolve(false);
    });
    req.on("error", () => resolve(false));
    req.end();
  });
}

/** The HTTP status of an engine error from dockerode, if it has one. */
export function engineStatus(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === "number" ? status : undefined;
}

/** The engine's own message for an error (its JSON `message`), else the error's message. */
export function engineMessage(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const json = (error as { json?: unknown }).json;
    if (typeof json === "object" && json !== null) {
      const message = (json as { message?: unknown }).message;
      if (typeof message === "string" && message !== "") return message;
    }
  }
  return error instanceof Error ? error.message : String(error);
}

/** Runs an engine call and treats the listed HTTP statuses as success (e.g. 304 "already stopped"). */
export async function ignoreStatus(statuses: readonly number[], call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    const status = engineStatus(error);
    if (status === undefined || !statuses.includes(status)) throw error;
  }
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  await realClock.sleep(ms, signal).catch(() => {
    throw signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason));
  });
}
