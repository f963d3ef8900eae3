// Where swarmctl finds an operator's TLS files: the --tlscacert/--tlscert/--tlskey flags, else the
// directory in SWARM_CERT_PATH, else ~/.swarm-ts, holding ca.pem, cert.pem and key.pem as
// `swarmctl cluster ca issue-client --out DIR` writes them (the layout of Docker's DOCKER_CERT_PATH).
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** Environment variable naming the directory of the operator's TLS files. */
export const certPathEnv = "SWARM_CERT_PATH";
/** The directory used when SWARM_CERT_PATH is unset. */
export const certPathDefault = join(homedir(), ".swarm-ts");
/** File names inside a certificate directory. */
export const certFileNames = { ca: "ca.pem", cert: "cert.pem", key: "key.pem" } as const;

/** The three files of a certificate directory. */
export interface OperatorTlsFiles {
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

/** The files in `dir`, or null when the directory does not hold all three. */
export function tlsFilesIn(dir: string): OperatorTlsFiles | null {
  const files = {
    ca: join(dir, certFileNames.ca),
    cert: join(dir, certFileNames.cert),
    key: join(dir, certFileNames.key),
  };
  return existsSync(files.ca) && existsSync(files.cert) && existsSync(files.key) ? files : null;
}

/** The certificate directory to use: SWARM_CERT_PATH, else ~/.swarm-ts. */
export function certPathOf(env: NodeJS.ProcessEnv = process.env): string {
  return env[certPathEnv] || certPathDefault;
}
