// A stand-in for an operator's CA service speaking cfssl's signing API (POST /api/v1/cfssl/sign),
// over HTTPS on a loopback address the test claimed. It signs each request's CSR with a root the
// test holds, naming the subject the request asks for (CN, O and OU), as a cfssl profile for swarm
// node certificates would; it counts what it signed so the test can tell that it did. A request
// for the "CA" profile (a root to cross-sign) is signed by openssl, a toolchain of its own, with
// the extensions the request carries copied in as cfssl copies them; `crossSign` makes it answer
// wrongly in one chosen way, so that a test can prove the managers refuse the answer.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import {
  type CallerRole,
  createRootCa,
  crossSignProfile,
  generateKeyPair,
  issueNodeCertificate,
  type RootCa,
  signServingCertificate,
} from "../../manager/index.js";

const run = promisify(execFile);

/** Days a cross-signed root is valid when the stand-in answers as asked: well inside the test root's life. */
const crossSignedDays = 3650;

/** How the stand-in answers a cross-signing request: as asked, or wrong in one way. */
export type CrossSignBehaviour = "as-asked" | "another-key" | "not-a-ca" | "another-issuer" | "beyond-root";

/** Options of {@link startFakeCfssl}. */
export interface FakeCfsslOptions {
  /** How it answers requests of the "CA" profile; "as-asked" unless given. */
  readonly crossSign?: CrossSignBehaviour;
}

/** Bytes of a request body the stand-in reads. */
export const cfsslRequestBytesMax = 64 * 1024;

/** A running stand-in. */
export interface FakeCfssl {
  /** Its signing URL. */
  readonly url: string;
  /** Certificates it signed so far, by CN. */
  readonly signed: string[];
  /** The CN of the client certificate each signed request came with ("" for none), in order. */
  readonly clients: string[];
  /** Stops it. */
  close(): Promise<void>;
}

interface SignRequest {
  certificate_request?: string;
  subject?: { CN?: string; names?: { O?: string; OU?: string }[] };
  profile?: string;
  extensions?: { id?: number[]; critical?: boolean; value?: string }[];
}

/**
 * Signs a cross-signing request's CSR with `root` through openssl, copying the requested
 * extensions as raw DER (cfssl's whitelisted extensions), or answering wrongly as `behaviour` says.
 */
async function crossSignWithOpenssl(
  root: RootCa,
  body: SignRequest,
  behaviour: CrossSignBehaviour,
  parent: string,
): Promise<string> {
  // A directory per request, so that concurrent requests never share files.
  const dir = await mkdtemp(join(parent, "request-"));
  const file = (name: string): string => join(dir, name);
  const signer = behaviour === "another-issuer" ? await createRootCa("another-issuer") : root;
  await writeFile(file("ca.pem"), signer.certPem);
  await writeFile(file("ca.key"), signer.keyPem, { mode: 0o600 });
  await writeFile(file("request.csr"), body.certificate_request ?? "");
  const copied = (body.extensions ?? [])
    .filter((e) => Array.isArray(e.id) && /^[0-9a-f]*$/i.test(e.value ?? ""))
    .filter((e) => behaviour !== "not-a-ca" || e.id?.join(".") !== "2.5.29.19")
    .map((e) => `${e.id?.join(".")}=${e.critical ? "critical," : ""}DER:${e.value}`);
  const constraints = behaviour === "not-a-ca" ? ["basicConstraints=critical,CA:FALSE"] : [];
  await writeFile(
    file("ext.cnf"),
    ["[ca]", ...copied, ...constraints, "keyUsage=critical,keyCertSign,cRLSign,digitalSignature", ""].join("\n"),
  );
  const forced: string[] = [];
  if (behaviour === "another-key") {
    const other = await generateKeyPair();
    await writeFile(file("other.key"), other.keyPem, { mode: 0o600 });
    await run("openssl", ["pkey", "-in", file("other.key"), "-pubout", "-out", file("other.pub")]);
    forced.push("-force_pubkey", file("other.pub"));
  }
  const days = behaviour === "beyond-root" ? 365 * 40 : crossSignedDays;
  const { stdout } = await run("openssl", [
    "x509",
    "-req",
    "-in",
    file("request.csr"),
    "-CA",
    file("ca.pem"),
    "-CAkey",
    file("ca.key"),
    "-set_serial",
    `0x${randomBytes(8).toString("hex")}`,
    "-days",
    String(days),
    "-extfile",
    file("ext.cnf"),
    "-extensions",
    "ca",
    ...forced,
  ]);
  return stdout;
}

/** Starts the stand-in on `host`, serving a certificate of `root` for that address and signing with `root`. */
export async function startFakeCfssl(root: RootCa, host: string, options: FakeCfsslOptions = {}): Promise<FakeCfssl> {
  const dir = await mkdtemp(join(tmpdir(), "fake-cfssl-"));
  const key = await generateKeyPair();
  const cert = await signServingCertificate(root, key, {
    names: [host],
    nodeId: "fake-cfssl",
    clusterId: "external",
    expiryMs: 24 * 3600_000,
  });
  const signed: string[] = [];
  const clients: string[] = [];
  // Client certificates are asked for and recorded, not checked: the test reads who called.
  const server: Server = createServer(
    { cert, key: key.keyPem, requestCert: true, rejectUnauthorized: false },
    (request, response) => {
      const client = (request.socket as TLSSocket).getPeerCertificate();
      const clientCn = typeof client.subject?.CN === "string" ? client.subject.CN : "";
      const chunks: Buffer[] = [];
      let bytes = 0;
      request.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes <= cfsslRequestBytesMax) chunks.push(chunk);
      });
      request.on("end", () => {
        const answer = (status: number, body: unknown): void => {
          response.writeHead(status, { "content-type": "application/json" });
          response.end(JSON.stringify(body));
        };
        void (async () => {
          try {
            if (request.url !== "/api/v1/cfssl/sign" || request.method !== "POST") throw new Error("not found");
            const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as SignRequest;
            const names = body.subject?.names?.[0] ?? {};
            if (body.profile === crossSignProfile) {
              const certificate = await crossSignWithOpenssl(root, body, options.crossSign ?? "as-asked", dir);
              signed.push(body.subject?.CN ?? "");
              clients.push(clientCn);
              answer(200, { success: true, result: { certificate }, errors: [], messages: [] });
              return;
            }
            const certificate = await issueNodeCertificate(root, body.certificate_request ?? "", {
              nodeId: body.subject?.CN ?? "",
              role: (names.OU ?? "") as CallerRole,
              clusterId: names.O ?? "",
            });
            signed.push(body.subject?.CN ?? "");
            clients.push(clientCn);
            answer(200, { success: true, result: { certificate }, errors: [], messages: [] });
          } catch (error) {
            answer(400, { success: false, errors: [{ code: 1000, message: String(error) }] });
          }
        })();
      });
    },
  );
  server.listen(0, host);
  try {
    await once(server, "listening");
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://${host}:${port}/api/v1/cfssl/sign`,
    signed,
    clients,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => void rm(dir, { recursive: true, force: true }).then(() => resolve()));
      }),
  };
}
