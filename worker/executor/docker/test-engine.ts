// Test support: a running Docker Engine and a tiny local image, without any registry. Tests that
// need an engine call ensureEngine() first; it fails loudly rather than letting them skip.
import { spawn } from "node:child_process";
import { constants, openSync, closeSync } from "node:fs";
import { access, copyFile, mkdir, mkdtemp, readFile, rm, rmdir, stat, symlink } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { tmpdir } from "node:os";
import Docker from "dockerode";
import { defaultSocketPath, engineStatus, pingEngine } from "./engine.js";

/**
 * The image tests run: busybox imported from the host's static binary, so no registry is needed.
 * Its name puts it on the registry `localhost`: the manager pins an image by asking its registry,
 * and a name on Docker Hub would send that question (and its DNS lookup) off the machine.
 */
export const testImage = "localhost/swarm-ts/busybox:latest";

/** How long ensureEngine waits for a dockerd it started to answer, in ms. */
export const engineStartTimeoutMs = 60_000;

/**
 * Pid files a killed dockerd leaves behind, with the program each must name. dockerd refuses to
 * start while its pid file names a live process, and waits half a minute for a containerd whose pid
 * file names one, even when that pid now belongs to an unrelated process.
 */
const enginePidFiles = [
  { path: "/var/run/docker.pid", program: "dockerd" },
  { path: "/var/run/docker/containerd/containerd.pid", program: "containerd" },
];

/** How long ensureEngine waits for another test process to finish setting up, in ms. */
export const lockWaitMsMax = 90_000;

/** A lock older than this is left over from a crashed process and is broken, in ms. */
export const lockStaleMs = 120_000;

/** The static busybox the test image is made of (Debian's busybox-static). */
const busyboxPath = "/bin/busybox";

/** The applets the test image offers as commands. */
const applets = ["sh", "sleep", "echo", "cat", "ls", "nc", "httpd", "true", "false", "wget"];

/** Serializes setup across ava's worker processes, which all call ensureEngine at once. */
const lockDir = join(tmpdir(), "swarm-ts-docker-engine.lock");

/**
 * Makes sure a Docker Engine answers on /var/run/docker.sock (starting `dockerd` when it is
 * installed but not running) and that {@link testImage} exists (building it from /bin/busybox).
 * Throws with the package to install when something is missing, so tests fail instead of skipping.
 */
export async function ensureEngine(): Promise<void> {
  await withLock(async () => {
    if (!(await pingEngine(defaultSocketPath))) await startEngine();
    const docker = new Docker({ socketPath: defaultSocketPath });
    if (!(await hasImage(docker))) await buildImage(docker);
  });
}

/** Starts dockerd detached, logging to a file in the temp directory, and waits for its ping. */
async function startEngine(): Promise<void> {
  const dockerd = await findOnPath("dockerd");
  if (dockerd === undefined)
    throw new Error(
      "no Docker Engine answers on /var/run/docker.sock and dockerd not installed: apt-get install docker.io",
    );
  const logPath = join(tmpdir(), "swarm-ts-dockerd.log");
  // A dockerd that is still starting up is waited for, not started twice.
  if (!(await pidFileNames("/var/run/docker.pid", "dockerd"))) {
    for (const { path, program } of enginePidFiles)
      if (!(await pidFileNames(path, program))) await rm(path, { force: true });
    const log = openSync(logPath, "a");
    try {
      // The engine outlives the test run and is shared by later runs, so it goes without the run's
      // mark, which the test runner uses to find and kill what the tests left behind.
      const { SWARM_TS_TEST_RUN: _runMark, ...env } = process.env;
      const child = spawn(dockerd, [], { detached: true, stdio: ["ignore", log, log], env });
      child.on("error", () => undefined);
      child.unref();
    } finally {
      closeSync(log);
    }
  }
  const end = Date.now() + engineStartTimeoutMs;
  while (Date.now() < end) {
    if (await pingEngine(defaultSocketPath)) return;
    await delay(200);
  }
  throw new Error(`dockerd did not answer within ${engineStartTimeoutMs} ms; see ${logPath}`);
}

/**
 * Makes sure `docker` (an engine other than the host's, e.g. a test's own dockerd) has
 * {@link testImage}, importing it from /bin/busybox when it has not.
 */
export async function ensureTestImage(docker: Docker): Promise<void> {
  if (!(await hasImage(docker))) await buildImage(docker);
}

/** Whether the engine has the test image. */
async function hasImage(docker: Docker): Promise<boolean> {
  try {
    await docker.getImage(testImage).inspect();
    return true;
  } catch (error) {
    if (engineStatus(error) === 404) return false;
    throw error;
  }
}

/** Imports a root filesystem of busybox and its applet links as {@link testImage}. */
async function buildImage(docker: Docker): Promise<void> {
  try {
    await access(busyboxPath, constants.X_OK);
  } catch {
    throw new Error(`${busyboxPath} is missing, so the test image cannot be built: apt-get install busybox-static`);
  }
  const root = await mkdtemp(join(tmpdir(), "swarm-ts-busybox-"));
  try {
    await mkdir(join(root, "bin"));
    await copyFile(busyboxPath, join(root, "bin", "busybox"));
    for (const applet of applets) await symlink("busybox", join(root, "bin", applet));
    const tar = spawn("tar", ["-C", root, "-c", "."], { stdio: ["ignore", "pipe", "inherit"] });
    const tarDone = new Promise<void>((resolve, reject) => {
      tar.on("error", reject);
      tar.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`tar exited with ${String(code)}`))));
    });
    const [repo = "", tag = "latest"] = testImage.split(":");
    const progress = (await docker.importImage(tar.stdout, { repo, tag })) as AsyncIterable<Buffer>;
    let output = "";
    for await (const chunk of progress) output += chunk.toString();
    await tarDone;
    if (output.includes('"error"')) throw new Error(`importing ${testImage} failed: ${output}`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** Runs `fn` holding a lock directory shared by every process on the machine. */
async function withLock(fn: () => Promise<void>): Promise<void> {
  const end = Date.now() + lockWaitMsMax;
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const age = await stat(lockDir).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > lockStaleMs) await rmdir(lockDir).catch(() => undefined);
      if (Date.now() > end) throw new Error(`timed out waiting for the lock ${lockDir}`);
      await delay(100);
    }
  }
  try {
    await fn();
  } finally {
    await rmdir(lockDir).catch(() => undefined);
  }
}

/** The full path of an executable on PATH, if there is one. */
async function findOnPath(name: string): Promise<string | undefined> {
  const dirs = (process.env["PATH"] ?? "").split(delimiter).filter((d) => d !== "");
  for (const dir of [...dirs, "/usr/sbin", "/usr/bin", "/sbin", "/bin"]) {
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here; try the next directory.
    }
  }
  return undefined;
}

/** Whether the pid file at `path` names a live process running `program`. */
async function pidFileNames(path: string, program: string): Promise<boolean> {
  const pid = Number((await readFile(path, "utf8").catch(() => "")).trim());
  if (!Number.isInteger(pid) || pid <= 0) return false;
  const comm = await readFile(`/proc/${pid}/comm`, "utf8").catch(() => "");
  return comm.trim() === program;
}

/** Resolves after `ms`. */
async function delay(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}
