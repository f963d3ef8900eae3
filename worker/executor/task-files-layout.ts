// Where a task's secret and config files lie in its files directory (TaskContext.filesDir, written
// by the agent's TaskFiles before the task is prepared) and where they appear to the task. Secrets
// go under `secrets/`, configs under `configs/`, each at its target with any leading "/" dropped;
// inside a container a secret appears at `/run/secrets/<target>` (an absolute target as given) and
// a config at its target (default `/<config name>`), as in Docker Swarm.
import { posix } from "node:path";
import { InvalidArgumentError } from "../../common/index.js";
import type { swarm } from "../../proto/index.js";

/** Subdirectory of the files directory holding secrets (the process executor's SWARM_SECRETS_DIR). */
export const secretsDirName = "secrets";
/** Subdirectory of the files directory holding configs (the process executor's SWARM_CONFIGS_DIR). */
export const configsDirName = "configs";
/** Where a container sees secrets with a relative target, as in Docker. */
export const containerSecretsDir = "/run/secrets";
/** Mode of a secret or config file when the reference gives none (Docker's default). */
export const fileModeDefault = 0o444;

/** One file a task needs: which item, where it lies in the files directory, where the task sees it. */
export interface TaskFile {
  /** "secret" or "config". */
  readonly kind: "secret" | "config";
  /** The secret's or config's id. */
  readonly id: string;
  /** Its name, as the operator wrote it (for error messages). */
  readonly name: string;
  /** Path relative to the files directory, e.g. "secrets/pw". */
  readonly relativePath: string;
  /** Absolute path inside a container. */
  readonly containerPath: string;
  /** Owner user id. */
  readonly uid: number;
  /** Owner group id. */
  readonly gid: number;
  /** Permission bits. */
  readonly mode: number;
}

/** The target with any leading "/" dropped; refuses targets that are empty or climb out with "..". */
function relativeTarget(target: string, field: string): string {
  const normal = posix.normalize(`/${target}`).slice(1);
  if (normal === "" || normal.endsWith("/") || target.split("/").includes(".."))
    throw new InvalidArgumentError(field, `target ${JSON.stringify(target)} is not a file path`);
  return normal;
}

function idOf(value: string | null | undefined, field: string): number {
  const text = value ?? "";
  if (text === "") return 0;
  if (!/^\d+$/.test(text)) throw new InvalidArgumentError(field, `${JSON.stringify(text)} is not a numeric id`);
  return Number(text);
}

/** The files a task's container spec references, in spec order (secrets first). */
export function taskFiles(task: swarm.v1.ITask): TaskFile[] {
  const container = task.spec?.container;
  const files: TaskFile[] = [];
  for (const [i, ref] of (container?.secrets ?? []).entries()) {
    const field = `task.spec.container.secrets[${i}]`;
    const name = ref.secretName ?? "";
    const target = ref.file?.name || name;
    const relative = relativeTarget(target, `${field}.file.name`);
    files.push({
      kind: "secret",
      id: ref.secretId ?? "",
      name,
      relativePath: posix.join(secretsDirName, relative),
      containerPath: target.startsWith("/") ? posix.normalize(target) : posix.join(containerSecretsDir, relative),
      uid: idOf(ref.file?.uid, `${field}.file.uid`),
      gid: idOf(ref.file?.gid, `${field}.file.gid`),
      mode: ref.file?.mode ? Number(ref.file.mode) : fileModeDefault,
    });
  }
  for (const [i, ref] of (container?.configs ?? []).entries()) {
    const field = `task.spec.container.configs[${i}]`;
    const name = ref.configName ?? "";
    const target = ref.file?.name || `/${name}`;
    const relative = relativeTarget(target, `${field}.file.name`);
    files.push({
      kind: "config",
      id: ref.configId ?? "",
      name,
      relativePath: posix.join(configsDirName, relative),
      containerPath: `/${relative}`,
      uid: idOf(ref.file?.uid, `${field}.file.uid`),
      gid: idOf(ref.file?.gid, `${field}.file.gid`),
      mode: ref.file?.mode ? Number(ref.file.mode) : fileModeDefault,
    });
  }
  return files;
}

/** Whether the task references any secret or config, so it needs a files directory. */
export function needsTaskFiles(task: swarm.v1.ITask): boolean {
  return (task.spec?.container?.secrets ?? []).length > 0 || (task.spec?.container?.configs ?? []).length > 0;
}
