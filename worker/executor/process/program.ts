// Turns a task's ContainerSpec into what to run: the program and its arguments, the environment,
// the working directory, the user and the stop signal. The image names the program in the explicit
// process form: "process://redis-server" runs redis-server found in PATH, "process:///opt/app/bin/server"
// runs that file. Any other image is a container image and is refused (WrongRuntimeError): a stack
// written for containers ("postgres:15-alpine") must never start the host's program of that name.
// ContainerSpec.command replaces the program and its leading arguments like Docker's entrypoint;
// args follow. A node's allow list (program-allow.ts) then decides whether the program may run.
import { accessSync, constants as fsConstants, readFileSync, statSync } from "node:fs";
import { constants as osConstants } from "node:os";
import { isAbsolute, join } from "node:path";
import { InvalidArgumentError, programOfProcessImage } from "../../../common/index.js";
import type { swarm } from "../../../proto/index.js";
import {
  ImageUnavailableError,
  ProgramNotAllowedError,
  UnsupportedSettingsError,
  WrongRuntimeError,
} from "../errors.js";
import type { TaskContext } from "../executor.js";
import { genericResourceEnv } from "../generic-resource-env.js";
import { configsDirName, secretsDirName } from "../task-files-layout.js";
import { expandTemplate } from "../templates.js";
import type { PortBinding } from "../task-ports.js";
import type { ProgramAllowList } from "./program-allow.js";
import { planMounts } from "./task-mounts.js";
import type { TaskMount } from "./task-mounts.js";
import { unsupportedSettings } from "./unsupported-settings.js";
import type { OverlayAttachment, PublishedPort } from "../../network/index.js";

/** Environment variable naming the directory of the task's secret files, each named by its target. */
export const secretsDirEnv = "SWARM_SECRETS_DIR";
/** Environment variable naming the directory of the task's config files, each named by its target. */
export const configsDirEnv = "SWARM_CONFIGS_DIR";

/** PATH used when neither the task nor the agent has one. */
export const defaultSearchPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** Everything needed to start a task's process, resolved once at prepare time. */
export interface LaunchPlan {
  /** Absolute path of the program followed by its arguments. */
  readonly argv: readonly string[];
  /** The complete environment of the process. */
  readonly env: Readonly<Record<string, string>>;
  /** Working directory. */
  readonly dir: string;
  /** User id to switch to, absent to keep the agent's. */
  readonly uid?: number;
  /** Group id to switch to, absent to keep the agent's. */
  readonly gid?: number;
  /** Signal that asks the process to stop. */
  readonly stopSignal: NodeJS.Signals;
  /**
   * Node ports of the task's ingress target ports (see ../task-ports.ts): the program listens on
   * them, or, in its own network namespace, on the target ports, which are DNATed from them.
   */
  readonly ports?: readonly PortBinding[];
  /** Bind and tmpfs mounts, made in a mount namespace of the task's own (see task-mounts.ts). */
  readonly mounts?: readonly TaskMount[];
  /** The task's own network namespace, when it is on overlay networks (the program runs in it). */
  readonly netns?: string;
  /** What the namespace was made from, so an adopting agent can publish its ports again. */
  readonly overlay?: {
    readonly attachments: readonly OverlayAttachment[];
    readonly names: readonly string[];
    readonly publish: readonly PublishedPort[];
  };
}

/** Finds `name` (absolute path or bare name looked up in `searchPath`); undefined when absent. */
export function findProgram(name: string, searchPath: string): string | undefined {
  const candidates = isAbsolute(name)
    ? [name]
    : name.includes("/") || name === ""
      ? []
      : searchPath
          .split(":")
          .filter((d) => d !== "")
          .map((d) => join(d, name));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, fsConstants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Not there or not executable: try the next directory.
    }
  }
  return undefined;
}

/** Parses "SIGTERM", "TERM" or "15"; empty means SIGTERM. */
export function parseSignal(text: string, field: string): NodeJS.Signals {
  if (text === "") return "SIGTERM";
  const signals = osConstants.signals as Record<string, number>;
  if (/^\d+$/.test(text)) {
    const found = Object.keys(signals).find((name) => signals[name] === Number(text));
    if (found !== undefined) return found as NodeJS.Signals;
  } else {
    const name = text.toUpperCase().startsWith("SIG") ? text.toUpperCase() : `SIG${text.toUpperCase()}`;
    if (signals[name] !== undefined) return name as NodeJS.Signals;
  }
  throw new InvalidArgumentError(field, `unknown signal ${JSON.stringify(text)}`);
}

/** Number of a signal, for the 128+signo exit code convention. */
export function signalNumber(signal: NodeJS.Signals): number {
  return (osConstants.signals as Record<string, number>)[signal] ?? 0;
}

function readColonFile(path: string): string[][] {
  try {
    return readFileSync(path, "utf8")
      .split("\n")
      .filter((l) => l !== "" && !l.startsWith("#"))
      .map((l) => l.split(":"));
  } catch {
    return [];
  }
}

/**
 * Resolves "user", "uid", "user:group" or "uid:gid" through /etc/passwd and /etc/group. A numeric
 * uid missing from /etc/passwd gets gid 0, as Docker does. Switching user needs root.
 */
export function resolveUser(
  user: string,
  field: string,
  options: { passwdPath?: string; groupPath?: string; currentUid?: number } = {},
): { uid: number; gid: number } | undefined {
  if (user === "") return undefined;
  const [userPart = "", groupPart] = user.split(":", 2);
  const passwd = readColonFile(options.passwdPath ?? "/etc/passwd");
  const entry = /^\d+$/.test(userPart) ? passwd.find((e) => e[2] === userPart) : passwd.find((e) => e[0] === userPart);
  let uid: number;
  if (/^\d+$/.test(userPart)) uid = Number(userPart);
  else if (entry !== undefined) uid = Number(entry[2]);
  else throw new InvalidArgumentError(field, `no user named ${JSON.stringify(userPart)} in /etc/passwd`);
  let gid = entry === undefined ? 0 : Number(entry[3]);
  if (groupPart !== undefined && groupPart !== "") {
    if (/^\d+$/.test(groupPart)) gid = Number(groupPart);
    else {
      const group = readColonFile(options.groupPath ?? "/etc/group").find((e) => e[0] === groupPart);
      if (group === undefined)
        throw new InvalidArgumentError(field, `no group named ${JSON.stringify(groupPart)} in /etc/group`);
      gid = Number(group[2]);
    }
  }
  const currentUid = options.currentUid ?? process.getuid?.() ?? 0;
  if (currentUid !== 0 && uid !== currentUid)
    throw new InvalidArgumentError(field, `running as user ${user} needs the agent to run as root`);
  return { uid, gid };
}

/** Options of {@link planLaunch}. */
export interface PlanLaunchOptions {
  /** The programs this node may run; absent, any. */
  readonly allow?: ProgramAllowList;
}

/**
 * Checks that a program may run under the node's allow list; `written` as the task names it,
 * `resolved` where it was found. Throws ProgramNotAllowedError.
 */
export function checkProgramAllowed(
  written: string,
  resolved: string,
  options: PlanLaunchOptions & { agentPath: string | undefined },
): void {
  const allow = options.allow;
  if (allow === undefined) return;
  const resolvedByAgent = isAbsolute(written) ? written : findProgram(written, options.agentPath ?? defaultSearchPath);
  if (!allow.allows({ written, resolved, resolvedByAgent }))
    throw new ProgramNotAllowedError(written, resolved, allow.describe());
}

/**
 * Builds the launch plan of a task. The environment starts from the agent's PATH only (a task sees
 * what its spec gives it, like a container), then the spec's KEY=VALUE entries with templates
 * expanded, then SWARM_SECRETS_DIR and SWARM_CONFIGS_DIR when the task has secret or config files.
 * Throws WrongRuntimeError for an image not in the process form, ImageUnavailableError when the
 * program cannot be found, ProgramNotAllowedError when the node's allow list refuses it,
 * InvalidArgumentError for a bad dir, user, env entry or stop signal.
 */
export function planLaunch(
  context: TaskContext,
  agentPath: string | undefined,
  options: PlanLaunchOptions = {},
): LaunchPlan {
  const container: swarm.v1.IContainerSpec = context.task.spec?.container ?? {};
  const image = container.image ?? "";
  const imageProgram = programOfProcessImage(image);
  if (imageProgram === undefined) throw new WrongRuntimeError(image, "process");
  const unsupported = unsupportedSettings(context.task.spec);
  if (unsupported.length > 0) throw new UnsupportedSettingsError("process", unsupported);
  const env: Record<string, string> = { PATH: agentPath ?? defaultSearchPath };
  (container.env ?? []).forEach((entry, i) => {
    const eq = entry.indexOf("=");
    const field = `task.spec.container.env[${i}]`;
    if (eq <= 0) throw new InvalidArgumentError(field, `expected KEY=VALUE, got ${JSON.stringify(entry)}`);
    env[entry.slice(0, eq)] = expandTemplate(entry.slice(eq + 1), context, field);
  });
  // The generic resources the scheduler assigned (GPUs…), over any the spec sets, as Docker's.
  Object.assign(env, genericResourceEnv(context.task));
  // The task's secret and config files (on tmpfs, see task-files-layout.ts), over any the spec sets.
  if (context.filesDir !== undefined) {
    env[secretsDirEnv] = join(context.filesDir, secretsDirName);
    env[configsDirEnv] = join(context.filesDir, configsDirName);
  }
  const command = container.command ?? [];
  const words =
    command.length > 0 ? [...command, ...(container.args ?? [])] : [imageProgram, ...(container.args ?? [])];
  const name = words[0] ?? "";
  const program = findProgram(name, env.PATH ?? defaultSearchPath);
  if (program === undefined) {
    const what = command.length > 0 ? `command ${JSON.stringify(name)}` : `program ${JSON.stringify(name)}`;
    throw new ImageUnavailableError(
      image,
      `${what} not found (process://NAME names a program in PATH, process:///PATH an absolute path)`,
    );
  }
  checkProgramAllowed(name, program, { ...options, agentPath });
  const dir = container.dir !== undefined && container.dir !== "" ? container.dir : "/";
  let isDir = false;
  try {
    isDir = isAbsolute(dir) && statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir)
    throw new InvalidArgumentError(
      "task.spec.container.dir",
      `${JSON.stringify(dir)} is not an existing absolute directory`,
    );
  const user = resolveUser(container.user ?? "", "task.spec.container.user");
  const stopSignal = parseSignal(container.stopSignal ?? "", "task.spec.container.stopSignal");
  const mounts = planMounts(container.mounts ?? []);
  return {
    argv: [program, ...words.slice(1)],
    env,
    dir,
    stopSignal,
    ...(mounts.length > 0 ? { mounts } : {}),
    ...(user === undefined ? {} : { uid: user.uid, gid: user.gid }),
  };
}
