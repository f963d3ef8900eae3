// What the dashboard's browser tests and benchmark share: `swarmctl dashboard` started as operators
// start it (the built CLI, as a child process) and Debian's Chromium driven headless by
// playwright-core. Nothing downloads a browser: the binary is /usr/bin/chromium (`.ci/run`
// installs it), started with the flags that keep it off the network.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { get as httpGet } from "node:http";
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

/** Launches Debian's Chromium, headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, timeout: 60_000 });
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
