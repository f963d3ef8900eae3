// Test support: a real image registry (Debian's `docker-registry`, the distribution registry v2)
// on a claimed loopback address and a free port, with its own config and storage under a temp
// directory, in one of three modes: plain HTTP, basic auth (an htpasswd file of bcrypt hashes), or
// TLS with a CA made for the run. For TLS the helper writes the CA where the real dockerd looks for
// it (`/etc/docker/certs.d/<host:port>/ca.crt`) and removes it again in stop().
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import bcrypt from "bcryptjs";
import type Docker from "dockerode";
import type { LoopbackBlock } from "../../common/index.js";

const run = promisify(execFile);

/** Where dockerd reads a registry's CA certificates, one directory per `host:port`. */
export const dockerCertsDir = "/etc/docker/certs.d";

/** How long {@link startRegistry} waits for the registry to answer, in ms. */
export const registryStartTimeoutMs = 20_000;

/** How long a push to the test registry may take, in ms. */
export const pushTimeoutMs = 60_000;

/** bcrypt cost of the htpasswd entries: the lowest the registry accepts, so logins stay fast. */
const bcryptRounds = 5;

/** How the registry is reached. */
export type RegistryMode = "plain" | "auth" | "tls";

/** A running test registry. */
export interface TestRegistry {
  /** `host:port`, the image-name prefix of its repositories. */
  readonly host: string;
  /** Its mode. */
  readonly mode: RegistryMode;
  /** The user and password of an `auth` registry. */
  readonly credentials?: { readonly username: string; readonly password: string };
  /** PEM of the CA a `tls` registry's certificate chains to. */
  readonly caPem?: string;
  /** The scratch directory holding its config, storage and certificates. */
  readonly dir: string;
  /** Stops the registry and removes its directory (and the CA from dockerd's certs.d). */
  stop(): Promise<void>;
}

/** Options of {@link startRegistry}. */
export interface StartRegistryOptions {
  /** Its mode. */
  readonly mode: RegistryMode;
  /** The test's claimed loopback block; the registry listens on `addr(host)`. */
  readonly block: LoopbackBlock;
  /** Which address of the block (1 … 254); 250 when absent. */
  readonly host?: number;
}

/** Starts a registry; always call stop() in `finally`. */
export async function startRegistry(options: StartRegistryOptions): Promise<TestRegistry> {
  const address = options.block.addr(options.host ?? 250);
  const port = await freePort(address);
  const host = `${address}:${port}`;
  const dir = await mkdtemp(join(tmpdir(), "swarm-ts-registry-"));
  const certsDir = join(dockerCertsDir, host);
  let child: ChildProcess | undefined;
  const stop = async (): Promise<void> => {
    if (child !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    await rm(dir, { recursive: true, force: true });
    if (options.mode === "tls") await rm(certsDir, { recursive: true, force: true });
  };
  try {
    const credentials =
      options.mode === "auth" ? { username: "swarm-ts-user", password: `pw-${process.pid}-${port}` } : undefined;
    let auth = "";
    if (credentials !== undefined) {
      const hash = await bcrypt.hash(credentials.password, bcryptRounds);
      await writeFile(join(dir, "htpasswd"), `${credentials.username}:${hash}\n`);
      auth = `auth:\n  htpasswd:\n    realm: swarm-ts-test\n    path: ${join(dir, "htpasswd")}\n`;
    }
    let tls = "";
    let caPem: string | undefined;
    if (options.mode === "tls") {
      caPem = await makeCertificates(dir, address);
      await mkdir(certsDir, { recursive: true });
      await writeFile(join(certsDir, "ca.crt"), caPem);
      tls = `  tls:\n    certificate: ${join(dir, "server.crt")}\n    key: ${join(dir, "server.key")}\n`;
    }
    const config =
      `version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\n` +
      `storage:\n  filesystem:\n    rootdirectory: ${join(dir, "storage")}\n  delete:\n    enabled: true\n` +
      `http:\n  addr: ${host}\n${tls}${auth}`;
    await writeFile(join(dir, "config.yml"), config);
    child = spawn("docker-registry", ["serve", join(dir, "config.yml")], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      if (stderr.length < 8192) stderr += chunk.toString();
    });
    const spawned = child;
    spawned.on("error", (error) => {
      stderr += `\n${error.message} (apt-get install docker-registry)`;
    });
    const end = Date.now() + registryStartTimeoutMs;
    for (;;) {
      if (spawned.exitCode !== null || spawned.signalCode !== null)
        throw new Error(`docker-registry exited: ${stderr.trim()}`);
      if (await answers(host, options.mode, caPem)) break;
      if (Date.now() > end)
        throw new Error(`the registry at ${host} did not answer within ${registryStartTimeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return {
      host,
      mode: options.mode,
      ...(credentials ? { credentials } : {}),
      ...(caPem ? { caPem } : {}),
      dir,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Whether the registry's `/v2/` answers (401 counts: the auth registry asks for credentials). */
async function answers(host: string, mode: RegistryMode, caPem: string | undefined): Promise<boolean> {
  const request = mode === "tls" ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const [hostname, port] = host.split(":");
    const req = request(
      { hostname, port: Number(port), path: "/v2/", method: "GET", timeout: 1000, ...(caPem ? { ca: caPem } : {}) },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200 || res.statusCode === 401);
      },
    );
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
    req.end();
  });
}

/** A port free on `address` now (the registry binds it a moment later). */
async function freePort(address: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, address, resolve);
  });
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Makes a CA and a server certificate for `address` with openssl; returns the CA's PEM. */
async function makeCertificates(dir: string, address: string): Promise<string> {
  const file = (name: string): string => join(dir, name);
  await run("openssl", [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-nodes",
    "-days",
    "2",
    "-subj",
    "/CN=swarm-ts test registry CA",
    "-keyout",
    file("ca.key"),
    "-out",
    file("ca.crt"),
  ]);
  await run("openssl", [
    "req",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:P-256",
    "-nodes",
    "-subj",
    `/CN=${address}`,
    "-keyout",
    file("server.key"),
    "-out",
    file("server.csr"),
  ]);
  await writeFile(file("server.ext"), `subjectAltName=IP:${address}\nextendedKeyUsage=serverAuth\n`);
  await run("openssl", [
    "x509",
    "-req",
    "-in",
    file("server.csr"),
    "-CA",
    file("ca.crt"),
    "-CAkey",
    file("ca.key"),
    "-CAcreateserial",
    "-days",
    "2",
    "-extfile",
    file("server.ext"),
    "-out",
    file("server.crt"),
  ]);
  return readFile(file("ca.crt"), "utf8");
}

/**
 * Tags `source` (a local image) as `<registry>/<repository>:<tag>` and pushes it with the real
 * engine, logging in first on an auth registry; returns the pushed digest ("sha256:…").
 */
export async function pushImage(
  docker: Docker,
  registry: TestRegistry,
  source: string,
  repository: string,
  tag: string,
): Promise<string> {
  const repo = `${registry.host}/${repository}`;
  await docker.getImage(source).tag({ repo, tag });
  const authconfig = registry.credentials
    ? { username: registry.credentials.username, password: registry.credentials.password, serveraddress: registry.host }
    : undefined;
  const stream = await docker.getImage(`${repo}:${tag}`).push({ tag, ...(authconfig ? { authconfig } : {}) });
  const events = await new Promise<{ error?: string; aux?: { Digest?: string } }[]>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`pushing ${repo}:${tag} took over ${pushTimeoutMs} ms`)),
      pushTimeoutMs,
    );
    docker.modem.followProgress(
      stream,
      (error: Error | null, output: { error?: string; aux?: { Digest?: string } }[]) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(output);
      },
    );
  });
  const failed = events.find((e) => e.error !== undefined);
  if (failed) throw new Error(`pushing ${repo}:${tag} failed: ${failed.error ?? ""}`);
  const digest = events.find((e) => e.aux?.Digest)?.aux?.Digest;
  if (digest === undefined) throw new Error(`pushing ${repo}:${tag} reported no digest`);
  return digest;
}
