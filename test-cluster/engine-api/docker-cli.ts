// Running the real docker CLIs against a swarm-ts manager, as users do: `DOCKER_HOST` at its
// Engine API, a private `DOCKER_CONFIG` (no user contexts, credential stores or formats leak in),
// no hints, no pinned API version. Both packaged clients run every scenario: 20.10 (Debian's
// docker.io, API 1.41) and 28.2 (API 1.50, stepping down to swarm-ts's 1.44). A missing client
// fails the test with what to install rather than skipping it.
import { execFile, spawn } from "node:child_process";
import { accessSync, constants, mkdirSync } from "node:fs";
import { join } from "node:path";

/** One docker CLI binary. */
export interface DockerCli {
  /** Short name for test titles and object names, e.g. "d20". */
  readonly tag: string;
  readonly path: string;
  /** The API version it settles on against swarm-ts. */
  readonly apiVersion: string;
}

/** The clients every scenario runs with. */
export const dockerClis: readonly DockerCli[] = [
  { tag: "d20", path: "/usr/bin/docker", apiVersion: "1.41" },
  { tag: "d28", path: "/usr/local/bin/docker", apiVersion: "1.44" },
];

/** Throws, naming how to get it, when a client is missing. */
export function requireDockerClis(): void {
  for (const cli of dockerClis) {
    try {
      accessSync(cli.path, constants.X_OK);
    } catch {
      throw new Error(
        `${cli.path} is missing: the Engine API tests drive both docker CLIs (20.10: apt-get install docker.io; 28.2: the node base image's /usr/local/bin/docker)`,
      );
    }
  }
}

/** Longest run of one CLI command (attached service commands wait for convergence). */
export const dockerRunMsMax = 90_000;

/** What one run printed and how it ended. */
export interface DockerResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

/** Where and how the CLI reaches the engine. */
export interface DockerTarget {
  /** `unix:///…` or `tcp://host:port`. */
  readonly host: string;
  /** A directory for DOCKER_CONFIG (created if missing). */
  readonly configDir: string;
  /** With TCP: the directory holding ca.pem, cert.pem and key.pem (DOCKER_CERT_PATH); absent: no TLS. */
  readonly certPath?: string;
}

function environment(target: DockerTarget, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  mkdirSync(target.configDir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DOCKER_HOST: target.host,
    DOCKER_CONFIG: target.configDir,
    DOCKER_CLI_HINTS: "false",
  };
  delete env.DOCKER_API_VERSION;
  delete env.DOCKER_CONTEXT;
  delete env.DOCKER_TLS_VERIFY;
  delete env.DOCKER_CERT_PATH;
  if (target.certPath) {
    env.DOCKER_TLS_VERIFY = "1";
    env.DOCKER_CERT_PATH = target.certPath;
  }
  return { ...env, ...extra };
}

/** Runs `docker ARGS` with `cli`; stdin is `input` or empty. */
export function docker(
  cli: DockerCli,
  target: DockerTarget,
  args: readonly string[],
  options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<DockerResult> {
  return new Promise((resolve) => {
    const child = execFile(
      cli.path,
      [...args],
      {
        timeout: dockerRunMsMax,
        env: environment(target, options.env),
        maxBuffer: 16 * 1024 * 1024,
        ...(options.cwd ? { cwd: options.cwd } : {}),
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ stdout, stderr, code });
      },
    );
    // A command that exits before reading its input closes the pipe; that is no error here.
    child.stdin?.on("error", () => undefined);
    child.stdin?.end(options.input ?? "");
  });
}

/** Starts a long-running `docker ARGS` (e.g. `service logs -f`); returns its output so far and a stop function. */
export function dockerFollow(
  cli: DockerCli,
  target: DockerTarget,
  args: readonly string[],
): { output: () => { stdout: string; stderr: string }; stop: () => Promise<number> } {
  const child = spawn(cli.path, [...args], { env: environment(target), stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? 0)));
  return {
    output: () => ({ stdout, stderr }),
    stop: () => {
      child.kill("SIGINT");
      return exited;
    },
  };
}

/** Parses `--format '{{json .}}'` output: one JSON object per line. */
export function jsonLines<T = Record<string, unknown>>(stdout: string): T[] {
  return stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);
}

/** A private DOCKER_CONFIG directory for one client under `baseDir`. */
export function configDirFor(baseDir: string, cli: DockerCli): string {
  return join(baseDir, `docker-config-${cli.tag}`);
}
