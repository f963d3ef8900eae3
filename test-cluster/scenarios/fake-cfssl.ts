// A stand-in for an operator's CA service speaking cfssl's signing API (POST /api/v1/cfssl/sign),
// over HTTPS on a loopback address the test claimed. It signs each request's CSR with a root the
// test holds, naming the subject the request asks for (CN, O and OU), as a cfssl profile for swarm
// node certificates would; it counts what it signed so the test can tell that it did.
import { once } from "node:events";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import {
  type CallerRole,
  generateKeyPair,
  issueNodeCertificate,
  type RootCa,
  signServingCertificate,
} from "../../manager/index.js";

/** Bytes of a request body the stand-in reads. */
export const cfsslRequestBytesMax = 64 * 1024;

/** A running stand-in. */
export interface FakeCfssl {
  /** Its signing URL. */
  readonly url: string;
  /** Certificates it signed so far, by CN. */
  readonly signed: string[];
  /** Stops it. */
  close(): Promise<void>;
}

interface SignRequest {
  certificate_request?: string;
  subject?: { CN?: string; names?: { O?: string; OU?: string }[] };
}

/** Starts the stand-in on `host`, serving a certificate of `root` for that address and signing with `root`. */
export async function startFakeCfssl(root: RootCa, host: string): Promise<FakeCfssl> {
  const key = await generateKeyPair();
  const cert = await signServingCertificate(root, key, {
    names: [host],
    nodeId: "fake-cfssl",
    clusterId: "external",
    expiryMs: 24 * 3600_000,
  });
  const signed: string[] = [];
  const server: Server = createServer({ cert, key: key.keyPem }, (request, response) => {
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
          const certificate = await issueNodeCertificate(root, body.certificate_request ?? "", {
            nodeId: body.subject?.CN ?? "",
            role: (names.OU ?? "") as CallerRole,
            clusterId: names.O ?? "",
          });
          signed.push(body.subject?.CN ?? "");
          answer(200, { success: true, result: { certificate }, errors: [], messages: [] });
        } catch (error) {
          answer(400, { success: false, errors: [{ code: 1000, message: String(error) }] });
        }
      })();
    });
  });
  server.listen(0, host);
  await once(server, "listening");
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://${host}:${port}/api/v1/cfssl/sign`,
    signed,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
