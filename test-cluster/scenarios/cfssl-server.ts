// The real cfssl (Debian's golang-cfssl) as an operator's CA service: `cfssl serve` on a loopback
// address the test claimed, over HTTPS with a server certificate of the root it signs under, and
// requiring a client certificate of the roots the test names (the managers' own), as an operator
// who admits only the cluster's managers would run it. It signs with the signing profiles Docker
// Swarm users configure: the default profile for node certificates (the subject and names the
// managers ask for, server and client auth) and the "CA" profile for a new root to cross-sign.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { connect, createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateKeyPair, type RootCa, signServingCertificate } from "../../manager/index.js";
import { until } from "../cluster/until.js";

/** The cfssl binary (Debian's golang-cfssl puts it in /usr/bin). */
export const cfsslCommand = "cfssl";

/**
 * cfssl's signing configuration for a swarm's external CA: node certificates for 90 days (Docker's
 * default) usable for TLS both ways, and a "CA" profile, the one the managers ask for when they
 * have a new root cross-signed, that may issue a CA certificate and copies the basic-constraints
 * extension the request carries (cfssl ignores the CSR's own).
 */
export const swarmSigningConfig = {
  signing: {
    default: {
      usages: ["signing", "key encipherment", "server auth", "client auth"],
      expiry: "2160h",
    },
    profiles: {
      CA: {
        usages: ["cert sign", "crl sign"],
        expiry: "2160h",
        ca_constraint: { is_ca: true },
        extension_whitelist: ["2.5.29.19"],
      },
    },
  },
} as const;

/** How long cfssl may take to listen on a loaded machine, in milliseconds. */
export const cfsslStartMsMax = 30_000;

/** A running `cfssl serve`. */
export interface CfsslServer {
  /** Its signing URL, for `--external-ca protocol=cfssl,url=…`. */
  readonly url: string;
  /** What cfssl logged so far (one line per request, with the status it answered). */
  log(): Promise<string>;
  /** Kills it and removes its files. */
  close(): Promise<void>;
}

/** A free TCP port on `host` (a claimed loopback address nobody else binds). */
async function freePort(host: string): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Whether something accepts TCP connections at host:port. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Starts `cfssl serve` on `host`, signing with `root` (certificate and key) under
 * {@link swarmSigningConfig}, and admitting only clients with a certificate of `clientCaPem`.
 */
export async function startCfssl(root: RootCa, host: string, clientCaPem: string): Promise<CfsslServer> {
  const dir = await mkdtemp(join(tmpdir(), "swarm-cfssl-"));
  const file = (name: string): string => join(dir, name);
  let child: ChildProcess | null = null;
  const close = async (): Promise<void> => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child!.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const key = await generateKeyPair();
    const serving = await signServingCertificate(root, key, {
      names: [host],
      nodeId: "cfssl",
      clusterId: "external",
      expiryMs: 24 * 3600_000,
    });
    await writeFile(file("ca.pem"), root.certPem);
    await writeFile(file("ca-key.pem"), root.keyPem, { mode: 0o600 });
    await writeFile(file("tls.pem"), serving);
    await writeFile(file("tls-key.pem"), key.keyPem, { mode: 0o600 });
    await writeFile(file("clients.pem"), clientCaPem);
    await writeFile(file("config.json"), JSON.stringify(swarmSigningConfig));
    const port = await freePort(host);
    // cfssl writes its log to stderr; the file lets the test read what it answered.
    const log = openSync(file("cfssl.log"), "a", 0o600);
    child = spawn(
      cfsslCommand,
      [
        "serve",
        "-address",
        host,
        "-port",
        String(port),
        "-ca",
        file("ca.pem"),
        "-ca-key",
        file("ca-key.pem"),
        "-config",
        file("config.json"),
        "-tls-cert",
        file("tls.pem"),
        "-tls-key",
        file("tls-key.pem"),
        "-mutual-tls-ca",
        file("clients.pem"),
      ],
      { stdio: ["ignore", log, log] },
    );
    closeSync(log);
    const started = child;
    await until(
      "cfssl listening",
      async () => {
        if (started.exitCode !== null)
          throw new Error(`cfssl serve exited with ${started.exitCode}: ${await readFile(file("cfssl.log"), "utf8")}`);
        return (await accepts(host, port)) ? true : undefined;
      },
      cfsslStartMsMax,
      100,
    );
    return {
      url: `https://${host}:${port}/api/v1/cfssl/sign`,
      log: () => readFile(file("cfssl.log"), "utf8"),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
