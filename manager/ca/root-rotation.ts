// Starting a root rotation, as a cluster update asks for it (SwarmKit's controlapi/ca_rotation.go):
// a changed `force_rotate` counter makes the managers create a new root; a `signing_ca_cert_pem`
// other than the current root (with its key, or signed for by an external CA) names the new root.
// Either way the current root cross-signs the new one — with its key when the cluster holds it,
// else through the external CA that does (external-cross-sign.ts) — and the rotation is written
// into the cluster object, where the leader's reconciler carries it on (root-rotation-reconciler.ts).
import { InvalidArgumentError, timestampFromMs } from "../../common/index.js";
import type { swarm } from "../../proto/index.js";
import type { ObjectsByKind } from "../store/index.js";
import { crossSignRoot, validateNewRoot } from "./cross-sign.js";
import { type ExternalCaTls, externalCasMax, parseExternalCaUrl } from "./external-ca.js";
import { crossSignExternally } from "./external-cross-sign.js";
import { splitCertificates } from "./pem.js";
import { createRootCa, type RootCa } from "./root-ca.js";
import { sameCertificate, trustBundleOf } from "./signing-root.js";

type Cluster = ObjectsByKind["cluster"];

/** Characters of PEM a root certificate or key in a cluster spec may have. */
export const caPemCharsMax = 16 * 1024;

/** What a cluster update does to the CA: the spec to store, and the rotation to write (undefined: leave it). */
export interface CaChange {
  /** The spec to store: the signing key taken out (it lives in the rotation, never in the spec). */
  readonly spec: swarm.v1.ClusterSpec.$Properties;
  /** The new rotation, or undefined when the update starts none. */
  readonly rootRotation?: swarm.v1.RootRotation.$Properties;
}

/** What {@link prepareCaChange} needs besides the cluster and the spec. */
export interface CaChangeOptions {
  /** Now, ms since the epoch. */
  readonly now: number;
  /** How many node records the cluster has, for progress reports. */
  readonly nodeCount: number;
  /**
   * TLS towards an external CA, given the roots its server certificate must chain to: the
   * manager's own certificate and key are added here. Without it, no client certificate is shown.
   */
  readonly externalTls?: (caPem: string) => ExternalCaTls;
}

const text = (bytes: Uint8Array | null | undefined): string => Buffer.from(bytes ?? []).toString("utf8");

/** Checks the CA fields of a spec; every error names its field. */
export function validateCaConfig(ca: swarm.v1.CaConfig.$Properties | null | undefined): void {
  if (!ca) return;
  const cert = text(ca.signingCaCertPem);
  const key = text(ca.signingCaKeyPem);
  if (cert.length > caPemCharsMax)
    throw new InvalidArgumentError("spec.caConfig.signingCaCertPem", `is longer than ${caPemCharsMax} characters`);
  if (key.length > caPemCharsMax)
    throw new InvalidArgumentError("spec.caConfig.signingCaKeyPem", `is longer than ${caPemCharsMax} characters`);
  if (key.length > 0 && cert.length === 0)
    throw new InvalidArgumentError(
      "spec.caConfig.signingCaKeyPem",
      "needs signingCaCertPem, the root it is the key of",
    );
  const externals = ca.externalCas ?? [];
  if (externals.length > externalCasMax)
    throw new InvalidArgumentError("spec.caConfig.externalCas", `at most ${externalCasMax}`);
  for (const [i, external] of externals.entries()) {
    parseExternalCaUrl(`spec.caConfig.externalCas[${i}].url`, external.url ?? "");
    if (Number(external.protocol ?? 0) !== 0)
      throw new InvalidArgumentError(`spec.caConfig.externalCas[${i}].protocol`, "only cfssl is spoken");
    const own = text(external.caCertPem);
    if (own.length > caPemCharsMax)
      throw new InvalidArgumentError(`spec.caConfig.externalCas[${i}].caCertPem`, `is longer than ${caPemCharsMax}`);
    if (own.length > 0 && splitCertificates(own).length !== 1)
      throw new InvalidArgumentError(`spec.caConfig.externalCas[${i}].caCertPem`, "must hold one PEM certificate");
    if (Object.keys(external.options ?? {}).length > 16)
      throw new InvalidArgumentError(`spec.caConfig.externalCas[${i}].options`, "at most 16");
  }
}

/**
 * What a cluster update asks of the CA. Starts a rotation when the spec's force_rotate counter
 * changed or its signing certificate is a root other than the current one (and other than the one
 * a running rotation moves to); a rotation under way is replaced by the new one, which the current
 * root cross-signs as well. Errors name the spec field at fault.
 */
export async function prepareCaChange(
  current: Cluster,
  requested: swarm.v1.ClusterSpec.$Properties,
  options: CaChangeOptions,
): Promise<CaChange> {
  validateCaConfig(requested.caConfig);
  const { signingCaKeyPem: _key, ...caConfig } = requested.caConfig ?? {};
  const spec: swarm.v1.ClusterSpec.$Properties = { ...requested, caConfig };
  const currentRoot = text(current.rootCaCertPem);
  const rotatingTo = text(current.rootRotation?.caCertPem);
  const certPem = text(requested.caConfig?.signingCaCertPem);
  const keyPem = text(requested.caConfig?.signingCaKeyPem);
  const forced = String(requested.caConfig?.forceRotate ?? 0) !== String(current.spec?.caConfig?.forceRotate ?? 0);
  const known = (pem: string): boolean => sameCertificate(pem, currentRoot) || sameCertificate(pem, rotatingTo);
  let newRoot: { certPem: string; keyPem: string } | undefined;
  if (certPem.length > 0 && !known(certPem)) {
    const pem = await validateNewRoot(certPem, keyPem, { now: options.now, currentRootPem: currentRoot });
    if (
      keyPem.length === 0 &&
      !(requested.caConfig?.externalCas ?? []).some((ca) => sameCertificate(text(ca.caCertPem), pem))
    )
      throw new InvalidArgumentError(
        "spec.caConfig.signingCaKeyPem",
        "is required unless an external CA signs under the new root (--external-ca with its ca-cert)",
      );
    newRoot = { certPem: pem, keyPem };
  } else if (forced) {
    newRoot = await createRootCa(current.id ?? undefined, { now: options.now });
  }
  if (!newRoot) return { spec };
  const currentKey = text(current.rootCaKeyPem);
  const crossSigned =
    currentKey.length > 0
      ? await crossSignRoot({ certPem: currentRoot, keyPem: currentKey }, newRoot.certPem)
      : await crossSignByExternalCa(current, newRoot, requested.caConfig?.externalCas ?? [], options);
  const encode = (pem: string): Uint8Array => new TextEncoder().encode(pem);
  return {
    spec: { ...spec, caConfig: { ...caConfig, signingCaCertPem: encode(newRoot.certPem) } },
    rootRotation: {
      caCertPem: encode(newRoot.certPem),
      caKeyPem: encode(newRoot.keyPem),
      crossSignedCaCertPem: encode(crossSigned),
      startedAt: timestampFromMs(options.now),
      nodesAtStart: options.nodeCount,
    },
  };
}

/**
 * Cross-signs `newRoot` through the external CAs of the current root, whose key the cluster does
 * not hold: those of the requested spec whose ca_cert_pem is the current root or empty, as SwarmKit
 * picks them. As in SwarmKit, the new root's key is needed (the request is signed with it), so a
 * move from one external CA's root to another's is refused, naming the missing key.
 */
async function crossSignByExternalCa(
  current: Cluster,
  newRoot: RootCa,
  externalCas: readonly swarm.v1.IExternalCa[],
  options: CaChangeOptions,
): Promise<string> {
  const currentRoot = text(current.rootCaCertPem);
  if (newRoot.keyPem.length === 0)
    throw new InvalidArgumentError(
      "spec.caConfig.signingCaKeyPem",
      "is required: the current root's key is held by an external CA, and rotating from one external CA's root to another's is not supported (the new root's key signs the cross-signing request)",
    );
  const urls = externalCas
    .filter((ca) => text(ca.caCertPem).length === 0 || sameCertificate(text(ca.caCertPem), currentRoot))
    .map((ca) => ca.url ?? "");
  if (urls.length === 0)
    throw new InvalidArgumentError(
      "spec.caConfig.externalCas",
      "must keep an external CA of the current root: its key is held there only, and it must cross-sign the new root",
    );
  const caPem = trustBundleOf(current);
  return crossSignExternally(currentRoot, newRoot, {
    urls,
    tls: options.externalTls?.(caPem) ?? { caPem },
    now: options.now,
  });
}
