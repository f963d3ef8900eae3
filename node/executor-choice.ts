// Which runtime a node's tasks get: the Docker Engine when it answers, else plain processes, as
// swarmd's `--executor auto` promises; `docker` or `process` force one.
import { join } from "node:path";
import { InvalidArgumentError, SwarmError } from "../common/index.js";
import { DockerExecutor, type Executor, pingEngine, ProcessExecutor, type TaskNetworking } from "../worker/index.js";

/** The `--executor` values. */
export const executorChoices = ["auto", "docker", "process"] as const;

/** One of {@link executorChoices}. */
export type ExecutorChoice = (typeof executorChoices)[number];

/** Docker was asked for but its engine does not answer. */
export class EngineUnreachableError extends SwarmError {
  constructor() {
    super(
      "ENGINE_UNREACHABLE",
      "--executor docker: the Docker Engine does not answer on /var/run/docker.sock (or DOCKER_HOST); start dockerd or use --executor process",
    );
  }
}

/** Parses an `--executor` value. */
export function parseExecutorChoice(value: string): ExecutorChoice {
  const choice = executorChoices.find((c) => c === value);
  if (!choice) throw new InvalidArgumentError("executor", `must be one of ${executorChoices.join(", ")}`);
  return choice;
}

/** What an executor's tasks are plumbed onto overlay networks with, built once the executor's kind is known. */
export type ExecutorNetworking = (kind: "docker" | "process") => TaskNetworking | undefined;

/**
 * Builds the executor for a choice; process tasks keep their files under `stateDir/executor`.
 * `options.network` gives the executor the node's network agent (none: overlay tasks are refused).
 */
export async function createExecutor(
  choice: ExecutorChoice,
  stateDir: string,
  options: { network?: ExecutorNetworking } = {},
): Promise<Executor> {
  const process = (): Executor => {
    const network = options.network?.("process");
    return new ProcessExecutor({ stateDir: join(stateDir, "executor"), ...(network ? { network } : {}) });
  };
  const docker = (): Executor => {
    const network = options.network?.("docker");
    return new DockerExecutor(network ? { network } : {});
  };
  switch (choice) {
    case "process":
      return process();
    case "docker":
      if (!(await pingEngine())) throw new EngineUnreachableError();
      return docker();
    case "auto":
      return (await pingEngine()) ? docker() : process();
  }
}
