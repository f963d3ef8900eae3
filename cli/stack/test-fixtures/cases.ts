// The golden stack fixtures: each case's files (relative to this folder) and its environment.
// Shared by cli/stack's golden test and test-cluster's check that every spec passes the manager.
import { fileURLToPath } from "node:url";

/** This folder, which every case's files are relative to. */
export const fixturesDir = fileURLToPath(new URL(".", import.meta.url));

/** One golden case: loaded with `env` as the whole environment, compared with `<name>.golden.json`. */
export interface StackFixture {
  readonly name: string;
  readonly files: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

const env = { HOME: "/home/operator" };

/** Every golden case. */
export const stackFixtures: readonly StackFixture[] = [
  { name: "ports", files: ["ports.yml"], env },
  { name: "env", files: ["env/stack.yml"], env: { ...env, FROM_SHELL: "shell value" } },
  { name: "interpolation", files: ["interpolation/stack.yml"], env: { ...env, GREETING: "hello", EMPTY: "", BOTH: "from environment" } },
  { name: "merge", files: ["merge/base.yml", "merge/override.yml"], env },
  { name: "volumes", files: ["volumes/stack.yml"], env },
  { name: "secrets", files: ["secrets/stack.yml"], env: { ...env, API_KEY: "key-123" } },
  { name: "healthcheck", files: ["healthcheck.yml"], env },
  { name: "jobs", files: ["jobs.yml"], env },
  { name: "depends", files: ["depends.yml"], env },
  { name: "deploy", files: ["deploy.yml"], env },
  { name: "networks", files: ["networks.yml"], env },
  { name: "unsupported", files: ["unsupported.yml"], env },
];

/** The stack name the golden files are deployed under. */
export const fixtureStackName = "demo";
