// One HTTP(S) request to a registry, bounded in time and size. The scheme follows Docker's rules
// for a registry: HTTPS, verified against the system's CAs and the CA certificates Docker reads
// from `/etc/docker/certs.d/<host:port>/*.crt`; a loopback registry (Docker's default insecure
// range, 127.0.0.0/8) is also tried over plain HTTP when HTTPS fails, and its certificate is
// verified only when certs.d holds a CA for it.
import { readdir, readFile } from "node:fs/promises";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import { join } from "node:path";

/** Where Docker reads the CA certificates of each registry, one directory per `host:port`. */
export const dockerCertsDirDefault = "/etc/docker/certs.d";

/** Largest response body read from a registry (a manifest list of many platforms fits), in bytes. */
export const registryBodyBytesMax = 4 * 1024 * 1024;

/** An answer of the registry. */
export interface RegistryAnswer {
  /** HTTP status. */
  readonly status: number;
  /** Response headers. */
  readonly headers: IncomingHttpHeaders;
  /** Body, at most {@link registryBodyBytesMax} bytes. */
  readonly body: Buffer;
}

/** How to reach one registry. */
export interface RegistryTarget {
  /** `host[:port]` of its API. */
  readonly host: string;
  /** Directory of per-registry CA certificates ({@link dockerCertsDirDefault} when absent). */
  readonly certsDir?: string;
  /** Ends the request. */
  readonly signal: AbortSignal;
}

/** Whether `host` (with or without port) is a loopback registry, which Docker treats as insecure. */
export function isLoopbackRegistry(host: string): boolean {
  const name = host.startsWith("[") ? host.slice(1, host.indexOf("]")) : (host.split(":")[0] ?? "");
  return name === "localhost" || name === "::1" || /^127\.\d+\.\d+\.\d+$/.test(name);
}

/** The CA certificates certs.d holds for `host`, or undefined. */
async function registryCas(host: string, certsDir: string): Promise<string[] | undefined> {
  const dir = join(certsDir, host);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".crt")).sort();
  } catch {
    return undefined;
  }
  const cas = await Promise.all(names.map((n) => readFile(join(dir, n), "utf8")));
  return cas.length > 0 ? cas : undefined;
}

/**
 * GETs (or HEADs) `path` on the registry, choosing the scheme as described above; `url` may
 * instead be absolute (a token service). Throws on network failures, never on an HTTP status.
 */
export async function registryRequest(
  target: RegistryTarget,
  pathOrUrl: string,
  headers: Record<string, string>,
  method = "GET",
  body?: string,
): Promise<RegistryAnswer> {
  if (/^https?:\/\//.test(pathOrUrl))
    return send(new URL(pathOrUrl), headers, method, target.signal, undefined, true, body);
  const cas = await registryCas(target.host, target.certsDir ?? dockerCertsDirDefault);
  const loopback = isLoopbackRegistry(target.host);
  try {
    return await send(
      new URL(`https://${target.host}${pathOrUrl}`),
      headers,
      method,
      target.signal,
      cas,
      !loopback || cas !== undefined,
    );
  } catch (error) {
    if (!loopback || target.signal.aborted) throw error;
    return send(new URL(`http://${target.host}${pathOrUrl}`), headers, method, target.signal, undefined, false);
  }
}

async function send(
  url: URL,
  headers: Record<string, string>,
  method: string,
  signal: AbortSignal,
  ca: string[] | undefined,
  verify: boolean,
  body?: string,
): Promise<RegistryAnswer> {
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        headers: { "User-Agent": "swarm-ts", ...headers },
        signal,
        ...(url.protocol === "https:" ? { rejectUnauthorized: verify, ...(ca ? { ca } : {}) } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > registryBodyBytesMax) {
            req.destroy(new Error(`the registry's answer is larger than ${registryBodyBytesMax} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
