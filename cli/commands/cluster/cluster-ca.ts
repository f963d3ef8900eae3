// `swarmctl cluster ca issue-client --out DIR [--name NAME] [--expiry 90d]`: makes a key pair here,
// has a manager sign an operator certificate for it (OU swarm-operator), and writes ca.pem,
// cert.pem and key.pem into DIR — the files swarmctl reads from SWARM_CERT_PATH (or ~/.swarm-ts)
// to reach a manager's TCP port. The private key never leaves this machine.
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { hostname, userInfo } from "node:os";
import { join } from "node:path";
import { Flags } from "@oclif/core";
import { certFileNames, certPathOf } from "../../client/cert-path.js";
import { parseDurationNs } from "../../service-spec/units.js";
import { SwarmCommand } from "../base-command.js";

/** Mode of the private key file: the operator's alone. */
export const operatorKeyMode = 0o600;

/** `swarmctl cluster ca issue-client`. */
export class ClusterCaIssueClientCommand extends SwarmCommand {
  static override summary = "Issue a client certificate for an operator, to use swarmctl over TCP";
  static override examples = [
    "<%= config.bin %> cluster ca issue-client --out ~/.swarm-ts",
    "SWARM_CERT_PATH=./ci-certs <%= config.bin %> --host 10.0.0.2:4242 service ls   # after: cluster ca issue-client --name ci --out ./ci-certs",
  ];
  static override flags = {
    out: Flags.string({
      description: "directory for ca.pem, cert.pem and key.pem (default: $SWARM_CERT_PATH, then ~/.swarm-ts)",
    }),
    name: Flags.string({ description: "who the certificate is for, its CN (default: user@host)" }),
    expiry: Flags.string({ description: "lifetime, e.g. 720h (default: the cluster's node certificate lifetime)" }),
  };

  /** Generates the key, has it signed, writes the files. */
  async run(): Promise<void> {
    const { flags } = await this.parse(ClusterCaIssueClientCommand);
    const expiryNs = flags.expiry === undefined ? 0 : parseDurationNs("--expiry", flags.expiry);
    const name = flags.name ?? `${userInfo().username}@${hostname()}`.replace(/[^A-Za-z0-9_.@-]/g, "-");
    const dir = flags.out ?? certPathOf();
    const connection = this.connect(flags);
    // Key generation lives with the nodes' own (node/certs); loaded only by this command.
    const { generateNodeKey, createCsr } = await import("../../../node/index.js");
    const key = await generateNodeKey();
    const csrPem = await createCsr(key);
    const issued = await connection.call("issueOperatorCertificate", {
      csrPem,
      name,
      expiryNs,
    });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(join(dir, certFileNames.key), key.keyPem, { mode: operatorKeyMode });
    // The mode above applies only to a new file: an older key file keeps its own unless set.
    chmodSync(join(dir, certFileNames.key), operatorKeyMode);
    writeFileSync(join(dir, certFileNames.cert), issued.certificatePem);
    writeFileSync(join(dir, certFileNames.ca), issued.rootCaPem);
    this.out(
      `Wrote ${certFileNames.ca}, ${certFileNames.cert} and ${certFileNames.key} for operator "${name}" in ${dir}\n`,
    );
  }
}
