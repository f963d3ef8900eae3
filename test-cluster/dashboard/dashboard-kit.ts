// What the dashboard's browser tests and benchmark share: `swarmctl dashboard` started as operators
// start it (the built CLI, as a child process) and Debian's Chromium driven headless by
// playwright-core. Nothing downloads a browser: the binary is /usr/bin/chromium (`.ci/run`
// installs it), started with the flags that keep it off the network.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { get as httpGet } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { until } from "../cluster/until.js";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = here.includes("/dist/") ? join(here, "..", "..", "..") : join(here, "..", "..");

/** The built swarmctl. */
export const swarmctlScript = join(repoRoot, "dist", "cli", "swarmctl.js");
/** Debian's Chromium. */
export const chromiumPath = process.env.SWARM_CHROMIUM ?? "/usr/bin/chromium";
/** Where the tests save screenshots (listed in .gitignore; CI keeps it as an artefact). */
export const screenshotDir = join(repoRoot, "test-artifacts", "dashboard");
/** Longest wait for `swarmctl dashboard` to print its URL. */
export const dashboardStartMsMax = 30_000;

/**
 * Chromium's flags: headless, no sandbox (CI runs as root), and none of its own traffic (updates,
 * sync, field trials), which this machine's closed network would refuse.
 */
export const chromiumArgs = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-default-apps",
  "--disable-extensions",
  "--metrics-recording-only",
  "--no-default-browser-check",
];

/** A running `swarmctl dashboard`. */
export interface RunningDashboard {
  /** The URL it printed (with its token). */
  readonly url: string;
  /** The URL without the token: what a page shows once admitted. */
  readonly origin: string;
  /** The token. */
  readonly token: string;
  readonly child: ChildProcess;
  /** Everything it printed on stderr so far. */
  stderr(): string;
  /** Stops it (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts the built `swarmctl dashboard` with `args` (e.g. --host, --listen); resolves once it printed its URL. */
export function startDashboard(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<RunningDashboard> {
  const child = spawn(process.execPath, [swarmctlScript, "dashboard", ...args], {
    env: { ...process.env, SWARM_HOST: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`swarmctl dashboard printed no URL within ${dashboardStartMsMax} ms; stderr: ${stderr}`));
    }, dashboardStartMsMax);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`swarmctl dashboard exited with ${code}: ${stderr}`));
    });
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      const url = /^Dashboard: (http:\/\/\S+)$/m.exec(stdout)?.[1];
      if (!url) return;
      clearTimeout(timer);
      const parsed = new URL(url);
      resolve({
        url,
        origin: parsed.origin,
        token: parsed.searchParams.get("token") ?? "",
        child,
        stderr: () => stderr,
        stop: async () => {
          child.kill("SIGTERM");
          await exited;
        },
      });
    });
  });
}

/** Longest wait for Chromium to start on a loaded machine. */
export const chromiumLaunchMsMax = 60_000;
/** Longest wait for Chromium to close when asked, and then for its processes to go once killed. */
export const chromiumCloseMsMax = 15_000;

/** A headless Chromium of one test or benchmark run. */
export interface ChromiumRun {
  readonly browser: Browser;
  /**
   * Closes the browser and leaves nothing behind: its process group is killed if closing does not
   * end it, and its profile and temporary files are removed. Never throws; call it in `finally`.
   */
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium, headless. Its temporary files go to a directory of this run (its
 * TMPDIR), and its process group and profile directory are noted at once, so that {@link
 * ChromiumRun.close} can remove them even when the browser hangs or crashes.
 */
export async function launchChromium(): Promise<ChromiumRun> {
  const tmp = mkdtempSync(join(tmpdir(), "swarm-chromium-"));
  let browser: Browser | undefined;
  let proc: { pid: number; profile: string } | undefined;
  const close = async (): Promise<void> => {
    proc ??= findChromium(tmp);
    if (browser) await boundedBy(browser.close(), chromiumCloseMsMax);
    if (proc && !(await groupGone(proc.pid, chromiumCloseMsMax))) {
      killGroup(proc.pid);
      await groupGone(proc.pid, chromiumCloseMsMax);
    }
    if (proc?.profile) rmSync(proc.profile, { recursive: true, force: true });
    rmSync(tmp, { recursive: true, force: true });
  };
  try {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: chromiumArgs,
      timeout: chromiumLaunchMsMax,
      env: { ...process.env, TMPDIR: tmp },
    });
    proc = findChromium(tmp);
    return { browser, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * The Chromium this process started with TMPDIR `tmp` (playwright starts it as the leader of its
 * own process group), and the profile directory on its command line; undefined once it is gone.
 */
function findChromium(tmp: string): { pid: number; profile: string } | undefined {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid !== process.pid) continue;
      if (!readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(`TMPDIR=${tmp}`)) continue;
      const args = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      const profile = args.find((a) => a.startsWith("--user-data-dir="))?.slice("--user-data-dir=".length) ?? "";
      return { pid: Number(entry), profile };
    } catch {
      // The process ended while being read.
    }
  }
  return undefined;
}

/** Kills a process group, if it still exists. */
function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/** Whether the process group `pid` is gone within `ms` (signal 0 probes it without touching it). */
async function groupGone(pid: number, ms: number): Promise<boolean> {
  try {
    await until(
      "chromium's processes to exit",
      () => {
        try {
          process.kill(-pid, 0);
          return Promise.resolve(undefined);
        } catch {
          return Promise.resolve(true);
        }
      },
      ms,
    );
    return true;
  } catch {
    return false;
  }
}

/** Waits for `work` at most `ms`; its failure or lateness is ignored (the caller cleans up after). */
async function boundedBy(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.catch(() => undefined),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
  ]).finally(() => clearTimeout(timer));
}

/** The path of an artefact file in {@link screenshotDir} (created if missing). */
export function artifactPath(name: string): string {
  mkdirSync(screenshotDir, { recursive: true });
  return join(screenshotDir, name);
}

/** Saves a screenshot of the page as `<name>.png` in {@link screenshotDir}. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The first snapshot that shows the cluster (the dashboard has synced): its size and how long it took. */
export function readSyncedSnapshot(
  dashboard: RunningDashboard,
  timeoutMs = 60_000,
): Promise<{ bytes: number; ms: number; text: string }> {
  return until(
    "the dashboard to reach the cluster",
    async () => {
      const snapshot = await readSnapshot(dashboard);
      return snapshot.text.includes('"connected":true') ? snapshot : undefined;
    },
    timeoutMs,
  );
}

/** The first message of the live stream as a script (not a page) reads it: its size and how long it took. */
export function readSnapshot(
  dashboard: RunningDashboard,
  timeoutMs = 30_000,
): Promise<{ bytes: number; ms: number; text: string }> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const req = httpGet(
      `${dashboard.origin}/api/stream`,
      { headers: { Authorization: `Bearer ${dashboard.token}` }, timeout: timeoutMs },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
          const at = text.indexOf("event: snapshot\n");
          const end = at < 0 ? -1 : text.indexOf("\n\n", at);
          if (end < 0) return;
          const event = text.slice(at, end);
          req.destroy();
          resolve({ bytes: Buffer.byteLength(event), ms: Date.now() - start, text: event });
        });
      },
    );
    req.on("error", reject);
    req.on("timeout", () => req.destroy(new Error(`no snapshot within ${timeoutMs} ms`)));
  });
}
