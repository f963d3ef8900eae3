// `npm run bench -- dashboard [--services 10] [--replicas 100] [--workers 20] [--loads 5] [--samples 100] [--json]`:
// the dashboard with 1,000 tasks in the cluster (a real swarmd manager, its tasks on hollow
// workers), in Debian's headless Chromium:
//   - first load: from navigating to the printed URL (token, cookie, redirect, page, script,
//     stream, snapshot) to the services list shown, each in a fresh browser context;
//   - commit to page: a service's replicas changed through the Control API (which answers once
//     the change is committed and applied), to the new count shown in the page, seen by a
//     MutationObserver in the page; the changes create and remove tasks, so the hollow workers'
//     status reports stream through the dashboard at the same time;
//   - the size of the page's JavaScript, gzipped.
// Targets: first load ≤ 1 s; commit-to-page p99 ≤ 500 ms; JavaScript ≤ 150 KB gzipped.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import * as grpc from "@grpc/grpc-js";
import { claimLoopbackBlock, controlSocketPath, unixTarget } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { LocalCluster } from "../cluster/local-cluster.js";
import { controlOf } from "../dashboard/control-of.js";
import {
  artifactPath,
  type ChromiumRun,
  launchChromium,
  readSyncedSnapshot,
  type RunningDashboard,
  startDashboard,
  swarmctlScript,
} from "../dashboard/dashboard-kit.js";
import { type LoadTiming, loadTiming, timeTextShowed, watchForText } from "../dashboard/page-scripts.js";
import { HollowWorkers } from "../hollow/hollow-workers.js";
import { type Control, nodeIdOf, until } from "../scenarios/scenario-kit.js";
import { intFlag } from "./bench-args.js";
import { formatTable, percentile } from "./load.js";

/** Targets from the issue. */
export const dashboardTargets = { firstLoadMs: 1_000, commitToPageP99Ms: 500, scriptGzipBytes: 150 * 1024 };
/** Longest wait for the cluster to run every task. */
export const convergeMsMax = 600_000;
/** Longest wait for one change to show on the page. */
export const showMsMax = 30_000;

/** Deadline of the benchmark's own Control calls: generous, since a loaded machine slows the manager too. */
export const benchCallMsMax = 60_000;

/** Sets a service's replica count (read, then write at the version read); resolves once committed. */
async function setReplicas(control: Control, serviceId: string, replicas: number): Promise<void> {
  const client = control.client;
  const options = (): grpc.CallOptions => ({ deadline: Date.now() + benchCallMsMax });
  const service = await new Promise<swarm.v1.IService>((resolve, reject) =>
    client.getService({ serviceId }, new grpc.Metadata(), options(), (error, res) =>
      error ? reject(error) : resolve(res?.service ?? {}),
    ),
  );
  await new Promise<void>((resolve, reject) =>
    client.updateService(
      { serviceId, serviceVersion: service.meta?.version ?? {}, spec: { ...service.spec, replicated: { replicas } } },
      new grpc.Metadata(),
      options(),
      (error) => (error ? reject(error) : resolve()),
    ),
  );
}

/** Runs the benchmark; returns the table text and the JSON summary. */
export async function runDashboardBench(
  argv: readonly string[],
): Promise<{ text: string; json: Record<string, unknown> }> {
  const services = intFlag(argv, "services", 10);
  const replicas = intFlag(argv, "replicas", 100);
  const workers = intFlag(argv, "workers", 20);
  const loads = intFlag(argv, "loads", 5);
  const samples = intFlag(argv, "samples", 100);
  const tasks = services * replicas;

  // The page's script is inline in its one file.
  const page = readFileSync(join(swarmctlScript, "..", "dashboard", "assets", "index.html"), "utf8");
  const script = Buffer.from(/<script type="module">([\s\S]*?)<\/script>/.exec(page)?.[1] ?? "");
  const scriptGzipBytes = gzipSync(script, { level: 9 }).length;

  const block = await claimLoopbackBlock("bench dashboard");
  const baseDir = mkdtempSync(join(tmpdir(), "swarm-bench-dashboard-"));
  let cluster: LocalCluster | undefined;
  let hollow: HollowWorkers | undefined;
  let dashboard: RunningDashboard | undefined;
  let chromiumRun: ChromiumRun | undefined;
  const control = { value: undefined as ReturnType<typeof controlOf> | undefined };
  try {
    cluster = await LocalCluster.up({
      baseDir,
      managers: 1,
      workers: 0,
      executor: "process",
      block,
      logLevel: "warn",
    });
    const manager = cluster.nodes[0]!;
    control.value = controlOf(manager);
    const c = control.value;
    hollow = await HollowWorkers.start({
      managerAddr: manager.addr,
      token: (await cluster.joinTokens()).worker,
      count: workers,
      baseDir: join(baseDir, "hollow"),
    });
    // The tasks go to the hollow workers only: the manager's timing is the product's, not the tasks'.
    await c.drain(await nodeIdOf(manager));
    const ids: string[] = [];
    for (let i = 0; i < services; i++)
      ids.push(
        await c.createService({
          annotations: { name: `svc-${i}` },
          task: { container: { image: "process://sleep", args: ["86400"] } },
          replicated: { replicas },
        }),
      );
    await until(
      `${tasks} tasks running`,
      async () => {
        const running = (await c.tasks()).filter(
          (t) => Number(t.status?.state) === Number(swarm.v1.TaskState.TASK_STATE_RUNNING),
        ).length;
        return running >= tasks ? running : undefined;
      },
      convergeMsMax,
    );

    dashboard = await startDashboard([
      "--host",
      unixTarget(controlSocketPath(manager.stateDir)),
      "--listen",
      `${block.addr(1)}:0`,
    ]);
    const snapshot = await readSyncedSnapshot(dashboard);
    chromiumRun = await launchChromium();
    const browser = chromiumRun.browser;

    // First load, each in a fresh context (no cache, no cookie).
    const loadMs: number[] = [];
    const timings: LoadTiming[] = [];
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const start = Date.now();
      await page.goto(dashboard.url);
      await page
        .locator(`[data-testid="services"] tbody tr`)
        .nth(services - 1)
        .waitFor({ timeout: showMsMax });
      loadMs.push(Date.now() - start);
      timings.push(await page.evaluate<LoadTiming>(loadTiming));
      await context.close();
    }

    // Commit to page.
    const page = await browser.newPage();
    await page.goto(dashboard.url);
    await page
      .locator(`[data-testid="services"] tbody tr`)
      .nth(services - 1)
      .waitFor({ timeout: showMsMax });
    const delays: number[] = [];
    for (let i = 0; i < samples; i++) {
      const k = i % services;
      const wanted = Math.floor(i / services) % 2 === 0 ? replicas + 1 : replicas;
      await page.evaluate(watchForText(`[data-service="svc-${k}"] [data-testid="replicas"]`, `/${wanted}`, true));
      await setReplicas(c, ids[k]!, wanted);
      const committedMs = Date.now();
      const shownMs = await Promise.race([
        page.evaluate<number>(timeTextShowed),
        new Promise<number>((_, reject) =>
          setTimeout(
            () => reject(new Error(`svc-${k} did not show ${wanted} replicas within ${showMsMax} ms`)),
            showMsMax,
          ),
        ),
      ]);
      delays.push(Math.max(0, shownMs - committedMs));
    }

    // Pictures of a busy cluster, for the record (test-artifacts/dashboard/, as the tests' are).
    await page.screenshot({ path: artifactPath("bench-services.png") });
    await page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Cluster", exact: true }).click();
    await page.getByTestId("tasks-chart").waitFor({ timeout: showMsMax });
    await page.screenshot({ path: artifactPath("bench-cluster.png") });

    const p50 = percentile(delays, 0.5);
    const p99 = percentile(delays, 0.99);
    const firstLoadP50 = percentile(loadMs, 0.5);
    const firstLoadMax = Math.max(...loadMs);
    const shownInPage = timings.map((x) => x.shown);
    const median = (pick: (x: LoadTiming) => number): number => percentile(timings.map(pick), 0.5);
    const rows = [
      [
        "first load (to the services list)",
        `p50 ${firstLoadP50} ms, max ${firstLoadMax} ms over ${loads} (driver's clock)`,
        `≤ ${dashboardTargets.firstLoadMs} ms`,
      ],
      [
        "  the page's own clock",
        `p50 ${percentile(shownInPage, 0.5)} ms: HTML ${median((x) => x.html)}, parsed ${median((x) => x.parsed)}, snapshot ${median((x) => x.snapshot)}, shown ${median((x) => x.shown)}`,
        "",
      ],
      [
        "commit to page",
        `p50 ${p50} ms, p99 ${p99} ms, max ${Math.max(...delays)} ms over ${samples}`,
        `p99 ≤ ${dashboardTargets.commitToPageP99Ms} ms`,
      ],
      ["first stream message (snapshot)", `${(snapshot.bytes / 1024).toFixed(0)} KB in ${snapshot.ms} ms`, ""],
      [
        "page JavaScript (gzip)",
        `${(scriptGzipBytes / 1024).toFixed(1)} KB (${(script.length / 1024).toFixed(1)} KB raw)`,
        `≤ ${dashboardTargets.scriptGzipBytes / 1024} KB`,
      ],
    ];
    const text = [
      `dashboard: 1 manager (swarmd) + ${workers} hollow workers, ${services} services × ${replicas} replicas = ${tasks} tasks; Chromium headless`,
      formatTable(["what", "measured", "target"], rows),
    ].join("\n");
    return {
      text,
      json: {
        bench: "dashboard",
        tasks,
        firstLoadMs: loadMs,
        firstLoadP50Ms: firstLoadP50,
        firstLoadMaxMs: firstLoadMax,
        firstLoadInPage: timings,
        snapshotBytes: snapshot.bytes,
        snapshotMs: snapshot.ms,
        commitToPageP50Ms: p50,
        commitToPageP99Ms: p99,
        commitToPageMaxMs: Math.max(...delays),
        samples,
        scriptGzipBytes,
        scriptBytes: script.length,
        targets: dashboardTargets,
      },
    };
  } finally {
    await chromiumRun?.close();
    await dashboard?.stop();
    control.value?.client.close();
    await hollow?.stop();
    await cluster?.down({ purge: true });
    rmSync(baseDir, { recursive: true, force: true });
    block.release();
  }
}
