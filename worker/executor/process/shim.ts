// The shim: a few lines of /bin/sh that run a task's program and outlive the agent. The agent
// spawns it detached (its own session and process group, so an agent restart or a terminal's
// SIGHUP does not reach it), with stdout and stderr on the task's log files rather than pipes to
// the agent. The shim waits for "go" on stdin, sent once the agent has recorded its pid in
// meta.json and moved it into the task's cgroups, so a process is never left unrecorded or
// unlimited; if the agent dies before that, the shim reads end-of-file and quits without running
// anything. It then runs the program in the foreground and writes its exit code (128+signo for a
// signal death, as the shell reports it) to the exit-code file.
//
// Stop signals go to the whole process group, so the kernel delivers them to the program directly:
// that is the shim "forwarding" the signal, without the shell's rule that background jobs ignore
// SIGINT and SIGQUIT. The shim traps the usual stop signals with a no-op so that it survives them
// and records the code; traps, unlike ignored signals, are reset to the default in the program.
// SIGKILL kills the shim too, and an exit code that was never written then reads as 137.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { findProgram } from "./program.js";
import type { LaunchPlan } from "./program.js";
import type { TaskDir } from "./task-dir.js";
import { mountScript } from "./task-mounts.js";

/**
 * The shim's script; "$@" is the program and its arguments. Fd 3 is the exit-code file, opened by
 * the agent so that a task running as another user needs no access to the state directory.
 */
export const shimScript = [
  "trap ':' HUP INT QUIT TERM USR1 USR2 ALRM",
  "IFS= read -r go || exit 0",
  '[ "$go" = go ] || exit 0',
  // The shell reports a signal death on its own stderr ("Terminated"); keep that out of the log.
  "exec 4>&2 2>/dev/null",
  '"$@" </dev/null 2>&4 3>&- 4>&-',
  "rc=$?",
  "printf '%s\\n' \"$rc\" >&3",
].join("\n");

/** Name the shim shows as $0 in ps. */
export const shimName = "swarm-shim";

/** Spawns the shim, paused until {@link releaseShim}; rejects when it cannot be spawned. */
export async function spawnShim(dir: TaskDir, plan: LaunchPlan): Promise<ChildProcess> {
  const exit = openSync(dir.exitCodePath, "w", 0o640);
  const out = openSync(dir.logPath("stdout"), "a", 0o640);
  const err = openSync(dir.logPath("stderr"), "a", 0o640);
  try {
    const shell = ["/bin/sh", "-c", shimScript, shimName, ...plan.argv];
    // With mounts, `unshare` gives it a private mount namespace where a script mounts them (as
    // root); in its own network namespace, `ip netns exec` enters it (and mounts its resolv.conf
    // and hosts). Each execs the next, so the pid and process group stay those of the spawned
    // process. Both need root, so switching to the task's user comes last, through setpriv.
    const [program, ...args] = withMounts(plan, inTaskNetns(plan, shell));
    const asRoot = plan.netns !== undefined || (plan.mounts ?? []).length > 0;
    const child = spawn(program!, args, {
      cwd: plan.dir,
      env: { ...plan.env },
      detached: true,
      stdio: ["pipe", out, err, exit],
      ...(asRoot || plan.uid === undefined ? {} : { uid: plan.uid }),
      ...(asRoot || plan.gid === undefined ? {} : { gid: plan.gid }),
    });
    await new Promise<void>((resolve, reject) => {
      child.once("spawn", resolve);
      child.once("error", reject);
    });
    // Keep listening for errors (e.g. EPIPE on stdin) so they never become uncaught exceptions.
    child.on("error", () => undefined);
    child.stdin?.on("error", () => undefined);
    child.unref();
    return child;
  } finally {
    closeSync(exit);
    closeSync(out);
    closeSync(err);
  }
}

/** Where system programs live, whatever the task's own PATH says. */
const systemPath = "/usr/sbin:/usr/bin:/sbin:/bin";

/**
 * The command line that runs `argv` as the task does: in its network namespace when it has one
 * (`ip netns exec`, as the task's user through setpriv: spawn's uid and gid must then be left
 * unset, entering needs root), else `argv` itself.
 */
export function inTaskNetns(plan: LaunchPlan, argv: readonly string[]): string[] {
  if (plan.netns === undefined) return [...argv];
  return [systemProgram("ip"), "netns", "exec", plan.netns, ...dropPrivileges(plan), ...argv];
}

/**
 * The command line that runs `argv` (a healthcheck) where the task's program runs: in the mount
 * (and network) namespaces of its shim `shimPid` when the task has mounts, through nsenter as root
 * and then setpriv; else as {@link inTaskNetns}. The second value says whether spawn must leave
 * uid and gid unset (the command line switches user itself).
 */
export function inTaskNamespaces(plan: LaunchPlan, argv: readonly string[], shimPid: number): [string[], boolean] {
  if ((plan.mounts ?? []).length === 0) return [inTaskNetns(plan, argv), plan.netns !== undefined];
  const enter = [
    systemProgram("nsenter"),
    `--target=${shimPid}`,
    "--mount",
    ...(plan.netns === undefined ? [] : ["--net"]),
    `--wd=${plan.dir}`,
    "--",
  ];
  return [[...enter, ...dropPrivileges(plan), ...argv], true];
}

/**
 * `argv` (from {@link inTaskNetns}) run in a new private mount namespace that has the plan's
 * mounts, when it has any; the user switch then moves after the mounts, through setpriv.
 */
function withMounts(plan: LaunchPlan, argv: readonly string[]): string[] {
  const mounts = plan.mounts ?? [];
  if (mounts.length === 0) return [...argv];
  const rest = plan.netns === undefined ? [...dropPrivileges(plan), ...argv] : argv;
  const script = mountScript(mounts, systemProgram("mount"));
  return [
    systemProgram("unshare"),
    "--mount",
    "--propagation",
    "private",
    "--",
    "/bin/sh",
    "-c",
    script,
    mountsName,
    ...rest,
  ];
}

/** Name the mount script shows as $0 in ps while it mounts. */
const mountsName = "swarm-mounts";

/** The absolute path of a system program (the bare name when it is nowhere: spawn then fails clearly). */
function systemProgram(name: string): string {
  return findProgram(name, systemPath) ?? name;
}

/** The setpriv words that switch to the plan's user and group (groups cleared, as spawn does). */
function dropPrivileges(plan: LaunchPlan): string[] {
  if (plan.uid === undefined && plan.gid === undefined) return [];
  return [
    systemProgram("setpriv"),
    ...(plan.uid === undefined ? [] : ["--reuid", String(plan.uid)]),
    ...(plan.gid === undefined ? [] : ["--regid", String(plan.gid)]),
    "--clear-groups",
    "--",
  ];
}

/** Lets the shim run the program and closes the agent's last link to it. */
export function releaseShim(child: ChildProcess): void {
  child.stdin?.end("go\n");
}
