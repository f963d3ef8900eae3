// Cross-signing through an external CA, for a current root whose key only the operator's CA service
// holds (SwarmKit's ExternalCA.CrossSignRootCA). The managers make a CSR with the new root's
// subject and public key, signed with the new root's key (so the service sees that the requester
// holds it), and ask for cfssl's "CA" profile with the CA basic-constraints extension in the
// request itself, since cfssl ignores a CSR's own extensions. The answer becomes the intermediate
// every certificate of the new root travels with, so it is checked strictly before any use: a CA
// certificate of the new root's subject and key, issued by the current root, within its validity.
import { X509Certificate as NodeX509Certificate } from "node:crypto";
import { loadKeyPair, signingAlgorithm } from "./crypto-keys.js";
import {
  type CfsslName,
  type CfsslSignRequest,
  ExternalCaError,
  type ExternalCaTls,
  signExternally,
} from "./external-ca.js";
import { normalisedPem, splitCertificates } from "./pem.js";
import { clockSkewMs, type RootCa } from "./root-ca.js";
import { x509 } from "./x509.js";

/** The cfssl signing profile SwarmKit asks for when it cross-signs a root. */
export const crossSignProfile = "CA";

/** Path length of the cross-signed new root: it signs node certificates only, never another CA. */
export const crossSignedPathLength = 0;

/** Object identifier of the basic-constraints extension, as cfssl's request spells it. */
const basicConstraintsOid = [2, 5, 29, 19];

/** What {@link crossSignExternally} needs besides the two roots. */
export interface ExternalCrossSignOptions {
  /** The signing URLs of the external CAs that sign under the current root, tried in turn. */
  readonly urls: readonly string[];
  /** TLS towards them: roots their server certificate must chain to, and the manager's own certificate. */
  readonly tls: ExternalCaTls;
  /** Now, ms since the epoch. */
  readonly now: number;
}

/** The first value of an attribute of a name, when it has one. */
function firstOf(name: x509.Name, attribute: string): string | undefined {
  return name.getField(attribute)[0];
}

/** The cfssl signing request that asks the current root's CA to certify `newRoot` (its certificate and key). */
export async function crossSignRequest(newRoot: RootCa): Promise<CfsslSignRequest> {
  const cert = new x509.X509Certificate(newRoot.certPem);
  const keys = await loadKeyPair(newRoot.keyPem);
  // Path length 0: nothing but node certificates is ever signed below the new root. Asking for the
  // new root's own path length (1) would be refused by cfssl whenever the operator's root has a
  // path length of 1 (cfssl never issues a CA whose path length reaches its own), while 0 passes
  // under any root that may sign CAs at all.
  const basic = new x509.BasicConstraintsExtension(true, crossSignedPathLength, true);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: cert.subjectName,
    keys: keys.keys,
    signingAlgorithm,
    extensions: [basic, ...[cert.getExtension(x509.KeyUsagesExtension)].filter((e) => e !== null)],
  });
  const names: CfsslName = {};
  for (const attribute of ["C", "ST", "L", "O", "OU"] as const) {
    const value = firstOf(cert.subjectName, attribute);
    if (value !== undefined) names[attribute] = value;
  }
  return {
    certificate_request: csr.toString("pem"),
    subject: { CN: firstOf(cert.subjectName, "CN") ?? "", names: [names] },
    hosts: [],
    profile: crossSignProfile,
    extensions: [
      { id: basicConstraintsOid, critical: basic.critical, value: Buffer.from(basic.value).toString("hex") },
    ],
  };
}

/**
 * Checks an external CA's answer to a cross-signing request and returns its certificate in
 * canonical PEM: it must be a CA certificate (basic constraints CA:TRUE, and certificate signing
 * among its key usages when it lists any) with the new root's subject and public key, issued by
 * and verifying under the current root, valid now, and not valid after the current root.
 * ExternalCaError saying what is wrong otherwise.
 */
export function checkCrossSigned(
  answerPem: string,
  roots: { currentPem: string; newPem: string; now: number },
): string {
  const refuse = (problem: string): never => {
    throw new ExternalCaError(`the external CA's cross-signed certificate is refused: ${problem}`);
  };
  let leafText: string | undefined;
  try {
    leafText = splitCertificates(answerPem)[0];
  } catch (error) {
    throw new ExternalCaError("the external CA's answer is not a PEM certificate", { cause: error });
  }
  if (!leafText) return refuse("the answer holds no certificate");
  const answer = new NodeX509Certificate(leafText);
  const current = new NodeX509Certificate(roots.currentPem);
  const next = new NodeX509Certificate(roots.newPem);
  if (!answer.ca) refuse("it is not a CA certificate (basic constraints CA:FALSE or absent)");
  const usages = new x509.X509Certificate(leafText).getExtension(x509.KeyUsagesExtension);
  if (usages && (usages.usages & x509.KeyUsageFlags.keyCertSign) === 0)
    refuse("its key usage does not allow signing certificates");
  const spki = (cert: NodeX509Certificate): Buffer => cert.publicKey.export({ type: "spki", format: "der" });
  if (!spki(answer).equals(spki(next))) refuse("it certifies another public key than the new root's");
  const subjectOf = (pem: string): string => new x509.X509Certificate(pem).subjectName.toString();
  if (subjectOf(leafText) !== subjectOf(roots.newPem))
    refuse(`its subject "${subjectOf(leafText)}" is not the new root's "${subjectOf(roots.newPem)}"`);
  if (!answer.checkIssued(current) || !answer.verify(current.publicKey))
    refuse("it is not issued by the current root (issuer or signature)");
  const from = Date.parse(answer.validFrom);
  const to = Date.parse(answer.validTo);
  // Only the end is held to the current root's: cfssl backdates what it signs (five minutes unless
  // its profile says otherwise), so the answer may start before a root made minutes earlier, which
  // changes nothing while both are valid.
  if (to > Date.parse(current.validTo))
    refuse(`its validity (${answer.validFrom} to ${answer.validTo}) reaches beyond the current root's`);
  if (from > roots.now + clockSkewMs || to <= roots.now)
    refuse(`it is not valid now (${answer.validFrom} to ${answer.validTo})`);
  return normalisedPem(leafText);
}

/**
 * Asks the external CAs of the current root to cross-sign `newRoot`, whose key the managers hold,
 * and returns the checked certificate (see {@link checkCrossSigned}). ExternalCaError when no CA
 * answers or the answer is refused; nothing else happens, so the caller changes nothing.
 */
export async function crossSignExternally(
  currentRootPem: string,
  newRoot: RootCa,
  options: ExternalCrossSignOptions,
): Promise<string> {
  const answer = await signExternally(options.urls, await crossSignRequest(newRoot), options.tls);
  return checkCrossSigned(answer, { currentPem: currentRootPem, newPem: newRoot.certPem, now: options.now });
}
