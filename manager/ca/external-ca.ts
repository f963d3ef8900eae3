// The manager as a client of an operator's CA service, in the cfssl protocol Docker speaks
// (`--external-ca protocol=cfssl,url=…`): a JSON signing request — the node's CSR and the subject
// to give it — is POSTed to the URL, and the answer's `result.certificate` is the signed PEM. The
// connection is HTTPS both ways: the service must present a certificate of the root it signs
// under, and the manager presents its own node certificate, so the service can admit managers
// only. Each URL is tried in turn until one signs.
import { request as httpsRequest } from "node:https";
import { connect as tlsConnect } from "node:tls";
import { InvalidArgumentError, SwarmError } from "../../common/index.js";

/** The one protocol spoken. */
export const cfsslProtocol = "cfssl";
/** Deadline of one signing request, in milliseconds. */
export const externalCaTimeoutMs = 5_000;
/** Most bytes of an answer read (a chain of a few certificates in JSON fits many times over). */
export const externalCaResponseBytesMax = 256 * 1024;
/** Characters of an external CA's URL. */
export const externalCaUrlCharsMax = 2048;
/** External CAs a cluster may list. */
export const externalCasMax = 8;

/** The TLS material the manager speaks to the CA service with. */
export interface ExternalCaTls {
  /** Roots the service's certificate must chain to. */
  readonly caPem: string;
  /** The manager's own certificate (chain), presented as the client certificate when given. */
  readonly certPem?: string;
  /** Its key. */
  readonly keyPem?: string;
}

/** One entry of a cfssl subject's names (cfssl's `csr.Name`). */
export interface CfsslName {
  C?: string;
  ST?: string;
  L?: string;
  O?: string;
  OU?: string;
}

/** A cfssl signing request (cfssl's `signer.SignRequest`, with the fields we set). */
export interface CfsslSignRequest {
  /** The CSR, PEM. */
  readonly certificate_request: string;
  /** Names the certificate must carry: CN, and O and OU (and a root's country, state and locality). */
  readonly subject: { readonly CN: string; readonly names: readonly CfsslName[] };
  /** Subject alternative names. */
  readonly hosts: readonly string[];
  /** The signing profile; "CA" for a cross-signing request, empty for node certificates. */
  readonly profile: string;
  /** Extensions to copy into the certificate (cfssl ignores the CSR's own), e.g. basic constraints. */
  readonly extensions?: readonly { id: number[]; critical: boolean; value: string }[];
}

/** No external CA signed: every URL failed; the message says why for each. */
export class ExternalCaError extends SwarmError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super("EXTERNAL_CA_FAILED", message, options);
  }
}

/** The host and port of an https URL; InvalidArgumentError naming `field` otherwise. */
export function parseExternalCaUrl(field: string, url: string): { host: string; port: number } {
  if (url.length === 0) throw new InvalidArgumentError(field, "is required");
  if (url.length > externalCaUrlCharsMax)
    throw new InvalidArgumentError(field, `is longer than ${externalCaUrlCharsMax} characters`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidArgumentError(field, `"${url.slice(0, 200)}" is not a URL`);
  }
  if (parsed.protocol !== "https:") throw new InvalidArgumentError(field, "must be an https:// URL");
  const port = parsed.port ? Number(parsed.port) : 443;
  return { host: parsed.hostname.replace(/^\[|\]$/g, ""), port };
}

/** Posts one signing request to one URL; resolves with the certificate PEM. */
export function postSignRequest(url: string, body: CfsslSignRequest, tls: ExternalCaTls): Promise<string> {
  const { host, port } = parseExternalCaUrl("url", url);
  const payload = Buffer.from(JSON.stringify(body));
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      {
        host,
        port,
        path: `${target.pathname}${target.search}`,
        method: "POST",
        headers: { "content-type": "application/json", "content-length": payload.length },
        ca: tls.caPem,
        ...(tls.certPem && tls.keyPem ? { cert: tls.certPem, key: tls.keyPem } : {}),
        // The service is verified against the root it signs under; its name is the URL's host.
        servername: /^[\d.]+$|:/.test(host) ? undefined : host,
        timeout: externalCaTimeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        response.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > externalCaResponseBytesMax) {
            request.destroy(new Error(`answer larger than ${externalCaResponseBytesMax} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if (response.statusCode !== 200)
            return reject(new Error(`HTTP ${response.statusCode ?? 0}: ${text.slice(0, 300)}`));
          try {
            resolve(certificateOfAnswer(text));
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${externalCaTimeoutMs} ms`)));
    request.on("error", reject);
    request.end(payload);
  });
}

/** The certificate of a cfssl answer (`{"success":true,"result":{"certificate":"…"}}`), or why there is none. */
export function certificateOfAnswer(text: string): string {
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    throw new Error(`the answer is not JSON: ${text.slice(0, 200)}`);
  }
  const a = answer as { success?: unknown; result?: { certificate?: unknown }; errors?: { message?: unknown }[] };
  if (a.success !== true) {
    const reasons = (Array.isArray(a.errors) ? a.errors : [])
      .map((e) => (typeof e.message === "string" ? e.message : ""))
      .filter((m) => m);
    throw new Error(`the CA refused: ${reasons.join("; ") || "no reason given"}`);
  }
  if (typeof a.result?.certificate !== "string" || a.result.certificate.length === 0)
    throw new Error("the answer has no result.certificate");
  return a.result.certificate;
}

/** Tries each URL in turn; resolves with the first certificate, or rejects with every URL's failure. */
export async function signExternally(
  urls: readonly string[],
  body: CfsslSignRequest,
  tls: ExternalCaTls,
): Promise<string> {
  if (urls.length === 0) throw new ExternalCaError("no external CA is configured for the root that signs now");
  const failures: string[] = [];
  for (const url of urls.slice(0, externalCasMax)) {
    try {
      return await postSignRequest(url, body, tls);
    } catch (error) {
      failures.push(`${url}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new ExternalCaError(`no external CA signed the certificate: ${failures.join("; ")}`);
}

/**
 * Checks that an external CA answers TLS at `url` with a certificate of `tls.caPem` (the root it
 * is to sign under); rejects with why not. Docker checks the same before it accepts the URL.
 */
export function probeExternalCa(url: string, tls: ExternalCaTls): Promise<void> {
  const { host, port } = parseExternalCaUrl("url", url);
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({
      host,
      port,
      ca: tls.caPem,
      ...(tls.certPem && tls.keyPem ? { cert: tls.certPem, key: tls.keyPem } : {}),
      servername: /^[\d.]+$|:/.test(host) ? undefined : host,
      timeout: externalCaTimeoutMs,
    });
    socket.once("secureConnect", () => {
      socket.end();
      resolve();
    });
    socket.once("timeout", () => socket.destroy(new Error(`no TLS answer within ${externalCaTimeoutMs} ms`)));
    socket.once("error", reject);
  });
}
