// `swarmctl cluster ca [--rotate [--ca-cert FILE [--ca-key FILE]] [--external-ca ...]] [--cert-expiry D] [-d] [-q]`,
// as `docker swarm ca`: without flags it prints the cluster's root CA certificate; with --rotate it
// starts a root rotation (a new root the managers make, or the operator's own, or one an external
// CA holds), shows progress as nodes move to the new root ("rotated N/M nodes") and prints the new
// root once every node holds a certificate of it; --detach returns at once.
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { Flags } from "@oclif/core";
import { SwarmError } from "../../../common/index.js";
import type { swarm } from "../../../proto/index.js";
import type { Connection } from "../../client/connection.js";
import { UsageError } from "../../client/usage-error.js";
import { parseDurationNs } from "../../service-spec/units.js";
import { SwarmCommand } from "../base-command.js";
import { listNodes } from "../lookup.js";
import { getCluster, updateCluster } from "./cluster-commands.js";

/** How often progress is read while waiting, in ms. */
export const rotationPollMs = 500;
/** Longest the command waits for a rotation to end before it says how to follow it, in ms. */
export const rotationWaitMsMax = 30 * 60_000;
/** Bytes of a PEM file read for --ca-cert, --ca-key or an external CA's cacert. */
export const pemFileBytesMax = 16 * 1024;

/** A rotation did not end while the command waited. */
export class RotationNotFinishedError extends SwarmError {
  constructor(rotated: number, total: number) {
    super(
      "ROTATION_NOT_FINISHED",
      `the root rotation is still running (rotated ${rotated}/${total} nodes): nodes that are down keep it from ending; bring them back or remove them, and follow it with swarmctl cluster ca`,
    );
  }
}

function readPem(flag: string, path: string): Uint8Array {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UsageError(flag, `cannot read ${path}: ${(error as Error).message}`);
  }
  if (bytes.length > pemFileBytesMax) throw new UsageError(flag, `${path} is larger than ${pemFileBytesMax} bytes`);
  return new Uint8Array(bytes);
}

/**
 * One `--external-ca` value, Docker's `protocol=cfssl,url=https://…[,cacert=FILE]`; the root it
 * signs under is the cacert's, else `defaultCaCert` (the new root of `--ca-cert`), else the current one.
 */
export function parseExternalCa(value: string, defaultCaCert?: Uint8Array): swarm.v1.IExternalCa {
  const external: swarm.v1.IExternalCa = { protocol: 0, options: {} };
  for (const part of value.split(",")) {
    const eq = part.indexOf("=");
    if (eq <= 0) throw new UsageError("--external-ca", `"${part}" is not key=value`);
    const key = part.slice(0, eq).trim().toLowerCase();
    const v = part.slice(eq + 1).trim();
    if (key === "protocol") {
      if (v.toLowerCase() !== "cfssl")
        throw new UsageError("--external-ca", `protocol "${v}" is not supported (cfssl)`);
    } else if (key === "url") external.url = v;
    else if (key === "cacert") external.caCertPem = readPem("--external-ca cacert", v);
    else external.options![key] = v;
  }
  if (!external.url) throw new UsageError("--external-ca", "url= is required");
  if (!external.caCertPem && defaultCaCert) external.caCertPem = defaultCaCert;
  return external;
}

/** DER of a certificate's public key (SPKI), or undefined when the PEM is empty. */
function spkiOf(pem: Uint8Array | null | undefined): Buffer | undefined {
  if (!pem || pem.length === 0) return undefined;
  return new X509Certificate(Buffer.from(pem)).publicKey.export({ type: "spki", format: "der" });
}

/** How many nodes report a certificate issued with the new root's key. */
export function rotationProgress(
  cluster: swarm.v1.ICluster,
  nodes: readonly swarm.v1.INode[],
): { rotated: number; total: number } {
  const key = spkiOf(cluster.rootRotation?.caCertPem) ?? spkiOf(cluster.rootCaCertPem);
  const rotated = nodes.filter((n) => {
    const reported = n.description?.tlsInfo?.certIssuerPublicKey;
    return key !== undefined && reported && Buffer.from(reported).equals(key);
  }).length;
  return { rotated, total: nodes.length };
}

/** `swarmctl cluster ca`. */
export class ClusterCaCommand extends SwarmCommand {
  static override summary = "Display and rotate the root CA";
  static override examples = [
    "<%= config.bin %> cluster ca",
    "<%= config.bin %> cluster ca --rotate",
    "<%= config.bin %> cluster ca --rotate --ca-cert root.pem --ca-key root-key.pem",
    "<%= config.bin %> cluster ca --rotate --ca-cert root.pem --external-ca protocol=cfssl,url=https://ca.example:8888/api/v1/cfssl/sign",
  ];
  static override flags = {
    rotate: Flags.boolean({
      description: "rotate the root CA: a new root, every node re-issued, then the old root retired",
    }),
    "ca-cert": Flags.string({ description: "PEM file of the root to rotate to (with --rotate)" }),
    "ca-key": Flags.string({ description: "PEM file of its key (with --rotate and --ca-cert)" }),
    "external-ca": Flags.string({
      description:
        "protocol=cfssl,url=https://…[,cacert=FILE]: a CA service that signs node certificates (with --rotate)",
      multiple: true,
    }),
    "cert-expiry": Flags.string({ description: "node certificate lifetime, e.g. 2160h (with --rotate)" }),
    detach: Flags.boolean({ char: "d", description: "exit at once instead of waiting for every node to rotate" }),
    quiet: Flags.boolean({ char: "q", description: "print no progress" }),
  };

  /** Prints the root, or rotates it. */
  async run(): Promise<void> {
    const { flags } = await this.parse(ClusterCaCommand);
    const connection = this.connect(flags);
    if (!flags.rotate) {
      for (const flag of ["ca-cert", "ca-key", "external-ca", "cert-expiry"] as const)
        if (flags[flag] !== undefined)
          throw new UsageError(`--${flag}`, "requires the `--rotate` flag to update the CA");
      const cluster = await getCluster(connection);
      if (flags.detach || !cluster.rootRotation?.caCertPem?.length) return this.printRoot(cluster);
      return this.follow(connection, flags.quiet);
    }
    if (flags["ca-key"] !== undefined && flags["ca-cert"] === undefined)
      throw new UsageError("--ca-key", "needs --ca-cert, the root it is the key of");
    const caCert = flags["ca-cert"] === undefined ? undefined : readPem("--ca-cert", flags["ca-cert"]);
    const caKey = flags["ca-key"] === undefined ? undefined : readPem("--ca-key", flags["ca-key"]);
    const externals = flags["external-ca"]?.map((v) => parseExternalCa(v, caCert));
    if (caCert && !caKey && (externals ?? []).length === 0)
      throw new UsageError("--ca-cert", "without --ca-key needs --external-ca: someone must sign with the new root");
    const expiryNs =
      flags["cert-expiry"] === undefined ? undefined : parseDurationNs("--cert-expiry", flags["cert-expiry"]);
    const current = await getCluster(connection);
    await updateCluster(connection, current, (spec) => {
      const ca: swarm.v1.ICaConfig = { ...spec.caConfig };
      if (expiryNs !== undefined) ca.nodeCertExpiryNs = expiryNs;
      if (externals) ca.externalCas = externals;
      if (caCert) {
        ca.signingCaCertPem = caCert;
        if (caKey) ca.signingCaKeyPem = caKey;
      } else {
        // A new root the managers make: the counter changes, and no operator root is named.
        ca.signingCaCertPem = new Uint8Array();
        ca.forceRotate = Number(ca.forceRotate ?? 0) + 1;
      }
      spec.caConfig = ca;
    });
    if (flags.detach) {
      if (!flags.quiet) this.out("Root rotation started; follow it with: swarmctl cluster ca\n");
      return;
    }
    await this.follow(connection, flags.quiet);
  }

  /** Waits for the rotation to end, printing progress on change, then prints the root. */
  private async follow(connection: Connection, quiet: boolean): Promise<void> {
    const deadline = Date.now() + rotationWaitMsMax;
    let last = "";
    for (;;) {
      const [cluster, nodes] = await Promise.all([getCluster(connection), listNodes(connection)]);
      const done = !cluster.rootRotation?.caCertPem?.length;
      const { rotated, total } = rotationProgress(cluster, nodes);
      const line = done ? `rotated ${total}/${total} nodes` : `rotated ${rotated}/${total} nodes`;
      if (!quiet && line !== last) this.out(`${line}\n`);
      last = line;
      if (done) return this.printRoot(cluster);
      if (Date.now() > deadline) throw new RotationNotFinishedError(rotated, total);
      await new Promise((resolve) => setTimeout(resolve, rotationPollMs));
    }
  }

  private printRoot(cluster: swarm.v1.ICluster): void {
    this.out(Buffer.from(cluster.rootCaCertPem ?? []).toString("utf8"));
  }
}
