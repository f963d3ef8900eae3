// Where the Engine API listens: a unix socket (mode 0660, like dockerd's) or TCP with mutual TLS
// only: the server presents a certificate of the cluster's CA and admits clients whose
// certificates that CA signed for an operator (`swarmctl cluster ca issue-client`) or a manager.
// There is no plaintext TCP: anyone reaching it would own the cluster.
import { chmod, lstat, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import { connect, type AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import { InvalidArgumentError } from "../../common/index.js";
import { HttpError } from "../http-error.js";
import { sendError } from "./respond.js";

/** Most connections one listener holds open (event and log streams keep theirs). */
export const engineConnectionsMax = 1_024;

/** Certificate roles (the OU of a cluster certificate) admitted over TCP. */
export const admittedRoles = ["swarm-operator", "swarm-manager"] as const;

/** A parsed `--engine-api` value. */
export type EngineApiAddress =
  | { readonly kind: "unix"; readonly path: string }
  | { readonly kind: "tcp"; readonly host: string; readonly port: number };

/** Parses `unix:///path` or `tcp://host:port` (IPv6 as `tcp://[::1]:2376`); throws InvalidArgumentError naming `field`. */
export function parseEngineApiAddress(field: string, text: string): EngineApiAddress {
  if (text.startsWith("unix://")) {
    const path = text.slice("unix://".length);
    if (!path.startsWith("/"))
      throw new InvalidArgumentError(field, `"${text}": a unix socket needs an absolute path (unix:///path)`);
    return { kind: "unix", path };
  }
  const match = /^tcp:\/\/(?:\[([0-9A-Fa-f:.]+)\]|([^\s:/[\]]+)):(\d{1,5})$/.exec(text);
  const port = Number(match?.[3]);
  if (!match || port < 1 || port > 65_535)
    throw new InvalidArgumentError(field, `"${text}" is neither unix:///path nor tcp://host:port (TLS is always on)`);
  return { kind: "tcp", host: match[1] ?? match[2] ?? "", port };
}

/** The PEM material of a TLS listener. */
export interface ServingTls {
  /** The server's certificate (signed by the cluster CA, with the names clients dial). */
  readonly certPem: string;
  /** Its private key. */
  readonly keyPem: string;
  /** The cluster's root CA, which must have signed every client certificate. */
  readonly caPem: string;
}

/** A running listener. */
export interface EngineApiListener {
  /** What it listens on: `unix:///path` or `tcp://host:port`. */
  readonly address: string;
  /** Presents a new certificate to new connections (after a renewal). */
  updateTls(tls: ServingTls): void;
  /** Stops listening and ends open connections. */
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** Whether something answers on a unix socket path. */
function socketAnswers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function closer(server: Server | HttpsServer): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
}

function listening(server: Server | HttpsServer, listen: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.once("listening", () => {
      server.off("error", reject);
      resolve();
    });
    listen();
  });
}

/** Serves on a unix socket, mode 0660; refuses a path where another server answers (e.g. dockerd's own socket). */
export async function listenUnix(path: string, handler: Handler): Promise<EngineApiListener> {
  const existing = await lstat(path).catch(() => null);
  if (existing) {
    if (!existing.isSocket() || (await socketAnswers(path)))
      throw new InvalidArgumentError(
        "engine-api",
        `${path} is in use (another server answers there, or it is not a socket)`,
      );
    await rm(path, { force: true });
  }
  const server = createServer(handler);
  server.maxConnections = engineConnectionsMax;
  await listening(server, () => server.listen(path));
  await chmod(path, 0o660);
  return {
    address: `unix://${path}`,
    updateTls: () => undefined,
    close: async () => {
      await closer(server)();
      await rm(path, { force: true });
    },
  };
}

/** Refuses requests whose client certificate is not an operator's or a manager's. */
function authorizedOnly(handler: Handler): Handler {
  return (request, response) => {
    const certificate = (request.socket as TLSSocket).getPeerCertificate?.();
    const ou = certificate?.subject?.OU;
    const roles = Array.isArray(ou) ? ou : ou ? [ou] : [];
    if (!roles.some((r) => (admittedRoles as readonly string[]).includes(r))) {
      sendError(
        response,
        new HttpError(
          403,
          `a certificate of role ${roles.join(",") || "(none)"} may not use the Engine API; use an operator certificate (swarmctl cluster ca issue-client)`,
        ),
      );
      return;
    }
    handler(request, response);
  };
}

/** Serves HTTPS with mutual TLS: client certificates are required and checked against the cluster CA. */
export async function listenTls(
  address: { host: string; port: number },
  handler: Handler,
  tls: ServingTls,
): Promise<EngineApiListener> {
  const options = (t: ServingTls) => ({ key: t.keyPem, cert: t.certPem, ca: t.caPem });
  const server = createHttpsServer(
    { ...options(tls), requestCert: true, rejectUnauthorized: true, minVersion: "TLSv1.2" },
    authorizedOnly(handler),
  );
  server.maxConnections = engineConnectionsMax;
  await listening(server, () => server.listen(address.port, address.host));
  const bound = server.address() as AddressInfo;
  const host = bound.family === "IPv6" ? `[${bound.address}]` : bound.address;
  return {
    address: `tcp://${host}:${bound.port}`,
    updateTls: (next) => server.setSecureContext(options(next)),
    close: closer(server),
  };
}
