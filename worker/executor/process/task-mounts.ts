// Bind and tmpfs mounts of a process task. A host process has no root filesystem of its own, so a
// mount covers a path of the node's filesystem; to leave the node's mount table untouched, the
// shim starts in a mount namespace of its own (`unshare --mount --propagation private`), mounts
// there as root, and only then enters the task's network namespace and drops to the task's user.
// The namespace, and every mount in it, goes away with the task's last process. Volume mounts stay
// refused: they need a Docker Engine and its volume drivers.
import { statSync } from "node:fs";
import type { Stats } from "node:fs";
import { isAbsolute, normalize } from "node:path";
import { swarm } from "../../../proto/index.js";

/** Mount types the process executor gives a task (anything else is refused, saying why). */
export const processMountTypes: readonly string[] = ["bind", "tmpfs"];

/** Permission bits of a tmpfs root when the spec gives none, as Docker's. */
export const tmpfsModeDefault = 0o1777;

/** Exit code the shim reports when it could not make a mount (the program never ran). */
export const mountFailedExitCode = 125;

/** One mount of a task's launch plan, as recorded in meta.json. */
export type TaskMount =
  | { readonly type: "bind"; readonly source: string; readonly target: string; readonly readOnly: boolean }
  | {
      readonly type: "tmpfs";
      readonly target: string;
      readonly readOnly: boolean;
      readonly sizeBytes?: number;
      readonly mode: number;
    };

/** What the node offers that mount checks depend on: the agent's uid and its filesystem. */
export interface MountHost {
  /** The agent's user id; mounting needs 0. */
  readonly uid: number;
  /** Stats of a path, undefined when it does not exist. */
  readonly stat: (path: string) => Stats | undefined;
}

/** The node the agent runs on. */
export const thisHost: MountHost = {
  uid: process.getuid?.() ?? 0,
  stat: (path) => {
    try {
      return statSync(path);
    } catch {
      return undefined;
    }
  },
};

const MountType = swarm.v1.Mount.Type;

/** Bind propagations a private mount namespace honours: none reaches the node or comes from it. */
const privatePropagations = new Set(["", "private", "rprivate"]);

/**
 * Why one mount cannot be given to the task on this node, or undefined when it can. Only bind and
 * tmpfs exist; both need root; a bind's source must exist; the target must be an existing path of
 * the node (the process sees the node's filesystem, and the executor does not create paths there)
 * other than "/", of the same kind as the source.
 */
export function mountRefusal(m: swarm.v1.IMount, host: MountHost = thisHost): string | undefined {
  const type = m.type ?? MountType.TYPE_BIND;
  if (type === MountType.TYPE_VOLUME)
    return "volume mounts need a Docker Engine (its volume drivers create and keep the volume); the process executor gives bind and tmpfs mounts only";
  if (type !== MountType.TYPE_BIND && type !== MountType.TYPE_TMPFS)
    return `mount type ${String(m.type)} is unknown (the process executor gives bind and tmpfs mounts)`;
  const kind = type === MountType.TYPE_BIND ? "bind" : "tmpfs";
  if (host.uid !== 0)
    return `${kind} mounts need the agent to run as root (the task gets a mount namespace of its own)`;
  const target = m.target ?? "";
  if (!isAbsolute(target)) return `target ${JSON.stringify(target)} is not an absolute path`;
  if (normalize(target) === "/") return `target "/" would cover the node's whole filesystem`;
  const at = host.stat(target);
  if (at === undefined)
    return `target ${target} does not exist on this node (a process task's mount covers an existing path)`;
  if (kind === "tmpfs") return at.isDirectory() ? undefined : `tmpfs target ${target} is not a directory`;
  const source = m.source ?? "";
  if (!isAbsolute(source)) return `bind source ${JSON.stringify(source)} is not an absolute path`;
  const from = host.stat(source);
  if (from === undefined) return `bind source ${source} does not exist on this node`;
  if (from.isDirectory() !== at.isDirectory())
    return `bind source ${source} and target ${target} must both be directories or both be files`;
  if (!privatePropagations.has(m.bindPropagation ?? ""))
    return `bind propagation ${m.bindPropagation} is not offered: the task's mount namespace is private (rprivate)`;
  return undefined;
}

/** The mounts of a spec as the launch plan records them; call after {@link mountRefusal} passed. */
export function planMounts(mounts: readonly swarm.v1.IMount[]): TaskMount[] {
  return mounts.map((m): TaskMount => {
    const target = normalize(m.target ?? "");
    const readOnly = m.readOnly === true;
    if ((m.type ?? MountType.TYPE_BIND) === MountType.TYPE_TMPFS) {
      const size = Number(m.tmpfsSizeBytes ?? 0);
      const mode = Number(m.tmpfsMode ?? 0);
      return {
        type: "tmpfs",
        target,
        readOnly,
        ...(size > 0 ? { sizeBytes: size } : {}),
        mode: mode > 0 ? mode : tmpfsModeDefault,
      };
    }
    return { type: "bind", source: normalize(m.source ?? ""), target, readOnly };
  });
}

/** Quotes a word for /bin/sh. */
function shellWord(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The mount(8) command lines that make one mount. */
function mountLines(m: TaskMount, mount: string): string[] {
  const target = shellWord(m.target);
  if (m.type === "tmpfs") {
    const options = [
      m.readOnly ? "ro" : "rw",
      "nosuid",
      "nodev",
      ...(m.sizeBytes === undefined ? [] : [`size=${m.sizeBytes}`]),
      `mode=${m.mode.toString(8)}`,
    ].join(",");
    return [`${mount} -t tmpfs -o ${options} tmpfs ${target}`];
  }
  // Recursive, as Docker binds; read-only takes a remount (the kernel ignores ro on the bind itself).
  const bind = `${mount} --rbind ${shellWord(m.source)} ${target}`;
  return m.readOnly ? [bind, `${mount} -o remount,bind,ro ${target}`] : [bind];
}

/**
 * The script that makes the mounts with `mountProgram` (mount(8)) and then execs "$@". A failed mount is reported on the task's
 * stderr and as exit code {@link mountFailedExitCode} in the exit-code file (fd 3), so the task
 * fails saying why instead of running without its mount.
 */
export function mountScript(mounts: readonly TaskMount[], mountProgram: string): string {
  const mount = shellWord(mountProgram);
  const fail = `{ echo "swarm-shim: cannot make the task's mounts" >&2; printf '%s\\n' ${mountFailedExitCode} >&3; exit ${mountFailedExitCode}; }`;
  // Entering the working directory again by name lands on a mount that now covers it.
  const lines = [...mounts.flatMap((m) => mountLines(m, mount)), 'cd -- "$(pwd -P)"'];
  return [...lines.map((line) => `${line} || ${fail}`), 'exec "$@"'].join("\n");
}
