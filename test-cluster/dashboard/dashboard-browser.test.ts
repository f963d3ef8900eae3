// Goal: the dashboard as an operator uses it: the built `swarmctl dashboard` on a follower
// manager's control socket of a real cluster (3 managers + 1 worker, swarmd processes, process
// executor, on a claimed loopback block), driven in Debian's headless Chromium. Every view renders
// the cluster's real objects; a change made with swarmctl shows within a second; scale and drain
// from the page change the cluster and show the command they run; a refused action shows one
// error line; no secret's data reaches the page; the page carries on when the leader is killed.
// Screenshots of each view go to test-artifacts/dashboard/ (a CI artefact).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import type { BrowserContext, CDPSession, Page } from "playwright-core";
import { claimLoopbackBlock, controlSocketPath, type LoopbackBlock, unixTarget } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { LocalCluster } from "../cluster/local-cluster.js";
import { type Control, nodeIdOf, swarmctl, until } from "../scenarios/scenario-kit.js";
import { controlOf } from "./control-of.js";
import {
  type ChromiumRun,
  launchChromium,
  type RunningDashboard,
  saveScreenshot,
  startDashboard,
} from "./dashboard-kit.js";
import { focusedId, timeTextShowed, watchForText } from "./page-scripts.js";

/** The secret's data: it must never reach the page. */
const secretText = `s3cr3t-${process.pid}-${Date.now().toString(36)}`;
/** The deadline for a swarmctl change to show on the page. */
const showMsMax = 1_000;
/** Longest wait for the page to show something that needs the cluster to act (tasks to start, a new leader). */
const clusterMsMax = 60_000;

let block: LoopbackBlock | undefined;
let cluster: LocalCluster | undefined;
let baseDir = "";
let dashboard: RunningDashboard | undefined;
let chromiumRun: ChromiumRun | undefined;
let context: BrowserContext | undefined;
let page: Page;
let cdp: CDPSession;
/** Every SSE message and every other response body the page received. */
const received: string[] = [];

/** The manager the dashboard talks to: manager-2, a follower, so killing the leader leaves it. */
const dashboardManager = () => cluster!.nodes[1]!;
/** Where the test runs swarmctl: manager-3 (neither the leader nor the dashboard's manager). */
const cliManager = () => cluster!.nodes[2]!;
/** Longest a swarmctl command may take here (a stack deploy on a loaded 2-core machine takes tens of seconds). */
const swarmctlMsMax = 150_000;
const run = (...args: string[]) => swarmctl(cliManager(), args, swarmctlMsMax);
let control: Control | undefined;

test.before(async (t) => {
  // Four swarmd processes, then Chromium, on a shared 2-core machine.
  t.timeout(420_000);
  block = await claimLoopbackBlock("dashboard browser test");
  baseDir = mkdtempSync(join(tmpdir(), "swarm-dashboard-"));
  cluster = await LocalCluster.up({
    baseDir,
    managers: 3,
    workers: 1,
    executor: "process",
    block,
    logLevel: "warn",
  });
  control = controlOf(cliManager());
  const target = unixTarget(controlSocketPath(dashboardManager().stateDir));
  dashboard = await startDashboard(["--host", target, "--listen", `${block.addr(1)}:0`]);
  chromiumRun = await launchChromium();
  context = await chromiumRun.browser.newContext({ viewport: { width: 1280, height: 860 } });
  page = await context.newPage();
  // The network as the browser saw it: every server-sent event, every other response body.
  cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  cdp.on("Network.eventSourceMessageReceived", (e) => received.push(e.data));
  page.on("response", (r) => {
    if (!(r.headers()["content-type"] ?? "").includes("event-stream"))
      void r.text().then(
        (body) => received.push(body),
        () => undefined,
      );
  });

  const secretFile = join(baseDir, "secret.txt");
  writeFileSync(secretFile, secretText);
  const compose = join(baseDir, "stack.yml");
  // cache runs on the host network; queue has no replicas but joins the stack's overlay network
  // (shop_default), where the managers give it a virtual IP.
  writeFileSync(
    compose,
    [
      "services:",
      "  cache:",
      "    image: process://sleep",
      '    command: ["600"]',
      "    network_mode: host",
      "  queue:",
      "    image: process://sleep",
      '    command: ["600"]',
      "    deploy: { replicas: 0 }",
      "",
    ].join("\n"),
  );
  const configFile = join(baseDir, "web.conf");
  writeFileSync(configFile, "listen 8080\n");
  for (const args of [
    ["secret", "create", "--label", "team=ops", "db-password", secretFile],
    ["config", "create", "web-conf", configFile],
    ["service", "create", "--detach", "--name", "api", "--secret", "db-password", "process://sleep", "600"],
    [
      "service",
      "create",
      "--detach",
      "--name",
      "web",
      "--replicas",
      "2",
      "--label",
      "tier=front",
      "--config",
      "web-conf",
      "process://sh",
      "-c",
      "echo hello-dashboard; exec sleep 600",
    ],
    ["stack", "deploy", "-c", compose, "shop"],
    // Overlay subnets in tests come from 198.18.0.0/15; nothing here wires them on the host.
    [
      "network",
      "create",
      "--subnet",
      "198.19.77.0/24",
      "--attachable",
      "--internal",
      "--label",
      "tier=back",
      "backnet",
    ],
  ]) {
    const result = await run(...args);
    if (result.code !== 0)
      throw new Error(`swarmctl ${args.join(" ")} ended with ${result.code} after ${result.ms} ms: ${result.stderr}`);
  }
});

test.after.always(async (t) => {
  t.timeout(120_000);
  // Each step runs even when the one before it failed.
  try {
    await chromiumRun?.close();
  } finally {
    try {
      await dashboard?.stop();
      control?.client.close();
    } finally {
      try {
        await cluster?.down({ purge: true });
      } finally {
        if (baseDir) rmSync(baseDir, { recursive: true, force: true });
        block?.release();
      }
    }
  }
});

/** Goes to a view by its navigation link, as a keyboard or mouse user would. */
async function openView(name: string): Promise<void> {
  await page.getByRole("navigation", { name: "Views" }).getByRole("link", { name, exact: true }).click();
  await page.getByRole("heading", { level: 1, name }).waitFor();
}

/** Starts watching for `text` in the element `selector` matches; the function returned resolves with the page's clock when it shows. */
async function pageTimeWhen(selector: string, text: string): Promise<() => Promise<number>> {
  await page.evaluate(watchForText(selector, text));
  return () => page.evaluate<number>(timeTextShowed);
}

test.serial("dashboard renders every view with the cluster's real data", async (t) => {
  t.timeout(240_000);
  await page.goto(dashboard!.url);
  // The token became a cookie and left the address bar.
  t.is(new URL(page.url()).search, "");
  const services = page.getByTestId("services");
  await until(
    "web with 2 of 2 running",
    async () =>
      (await services.locator('[data-service="web"] [data-testid="replicas"]').textContent({ timeout: 1_000 })) ===
      "2/2"
        ? true
        : undefined,
    clusterMsMax,
  );
  for (const name of ["api", "web", "shop_cache"]) await services.locator(`[data-service="${name}"]`).waitFor();
  t.regex((await services.locator('[data-service="web"]').textContent()) ?? "", /process:\/\/sh/);
  await saveScreenshot(page, "services");

  await services.getByRole("link", { name: "web", exact: true }).click();
  const view = page.getByTestId("service-view");
  await view.getByRole("heading", { level: 1, name: "web" }).waitFor();
  t.is(await page.evaluate<string | undefined>(focusedId), "main", "the focus moves to the new view");
  await until(
    "both tasks running in the tasks table",
    async () =>
      (await view.getByTestId("tasks").getByText("running", { exact: true }).count()) >= 2 ? true : undefined,
    clusterMsMax,
  );
  await until(
    "the tasks' log lines",
    async () =>
      ((await page.getByTestId("logs").textContent()) ?? "").split("hello-dashboard").length > 2 ? true : undefined,
    clusterMsMax,
  );
  await view.getByText("Spec", { exact: true }).click();
  t.regex((await view.getByTestId("spec").textContent()) ?? "", /"image": "process:\/\/sh"/);
  await saveScreenshot(page, "service");

  await openView("Nodes");
  await until(
    "4 ready nodes",
    async () =>
      (await page.getByTestId("nodes").getByText("ready", { exact: true }).count()) === 4 ? true : undefined,
    clusterMsMax,
  );
  t.is(await page.getByTestId("nodes").getByText("leader", { exact: true }).count(), 1);
  await saveScreenshot(page, "nodes");

  await openView("Cluster");
  await page.getByTestId("managers").locator("tbody tr").nth(2).waitFor();
  t.regex((await page.getByTestId("raft-health").textContent()) ?? "", /healthy.*3 of 3 managers reachable/);
  t.regex((await page.getByTestId("leader").locator("..").textContent()) ?? "", new RegExp(cluster!.nodes[0]!.addr));
  t.false((await page.content()).includes("SWMTKN-1-"), "join tokens stay hidden until asked for");
  await page.getByRole("button", { name: "Show the worker join command" }).click();
  const join = (await page.getByTestId("join-worker").locator("code").textContent()) ?? "";
  t.regex(join, /^swarmd join --token SWMTKN-1-\S+ \S+:4242$/);
  t.is(join.split(" ")[3], (await cluster!.joinTokens()).worker);
  await page.getByTestId("tasks-chart").waitFor({ timeout: 10_000 });
  await saveScreenshot(page, "cluster");

  await openView("Events");
  t.true((await page.getByTestId("events").locator("tbody tr").count()) > 0);
  await saveScreenshot(page, "events");

  await openView("Secrets");
  const secretRow = page.getByTestId("secrets").getByRole("row", { name: /db-password/ });
  t.regex((await secretRow.textContent()) ?? "", /api.*team=ops/);
  await saveScreenshot(page, "secrets");

  await openView("Configs");
  t.regex(
    (await page
      .getByTestId("configs")
      .getByRole("row", { name: /web-conf/ })
      .textContent()) ?? "",
    /web/,
  );
  await saveScreenshot(page, "configs");

  await openView("Stacks");
  t.regex((await page.getByTestId("stacks").getByRole("row", { name: /shop/ }).textContent()) ?? "", /shop_cache/);
  await saveScreenshot(page, "stacks");

  await openView("Networks");
  const networks = page.getByTestId("networks");
  const backnet = (await networks.locator('[data-network="backnet"]').textContent()) ?? "";
  t.regex(backnet, /198\.19\.77\.0\/24/);
  t.regex(backnet, /attachable, internal/);
  t.regex(backnet, /tier=back/);
  // The stack's network carries its service, with the virtual IP the managers allocated it there.
  await until(
    "shop_queue's virtual IP on shop_default",
    async () =>
      /shop_queue \d+\.\d+\.\d+\.\d+\/\d+/.test(
        (await networks.locator('[data-network="shop_default"]').textContent({ timeout: 1_000 })) ?? "",
      )
        ? true
        : undefined,
    clusterMsMax,
  );
  await saveScreenshot(page, "networks");

  // On a phone the navigation moves to the top and the wide columns hide.
  await page.setViewportSize({ width: 390, height: 844 });
  await openView("Services");
  t.false(await page.getByRole("columnheader", { name: "Ports" }).isVisible());
  await saveScreenshot(page, "services-phone");
  await page.setViewportSize({ width: 1280, height: 860 });
});

test.serial("dashboard shows a service scaled with swarmctl within a second", async (t) => {
  t.timeout(120_000);
  await openView("Services");
  const cell = '[data-service="web"] [data-testid="replicas"]';
  const seen = await pageTimeWhen(cell, "/3");
  const scaled = await run("service", "scale", "--detach", "web=3");
  const committedMs = Date.now();
  t.is(scaled.code, 0, scaled.stderr);
  const shownMs = await seen();
  const delayMs = shownMs - committedMs;
  t.log(`commit (swarmctl on another manager returned) to page: ${delayMs} ms`);
  t.true(delayMs <= showMsMax, `the page showed the change ${delayMs} ms after swarmctl returned`);
});

test.serial("dashboard actions scale a service and drain a node, showing the command each runs", async (t) => {
  t.timeout(180_000);
  const host = unixTarget(controlSocketPath(dashboardManager().stateDir));
  await openView("Services");
  await page.locator('[data-service="web"]').getByRole("button", { name: "Scale web" }).click();
  const dialog = page.getByRole("dialog", { name: "Scale web" });
  await dialog.getByLabel("Replicas").fill("1");
  t.is(
    await dialog.getByTestId("action-command").textContent(),
    `swarmctl --host ${host} service scale --detach web=1`,
  );
  await dialog.getByRole("button", { name: "Scale", exact: true }).click();
  await page
    .getByTestId("announcement")
    .getByText(`Done: swarmctl --host ${host} service scale`)
    .waitFor({ timeout: 30_000 });
  await until("web scaled to 1 in the cluster", async () => {
    const web = (await control!.services()).find((s) => s.spec?.annotations?.name === "web");
    return Number(web?.spec?.replicated?.replicas) === 1 ? true : undefined;
  });

  // A command the cluster refuses: its error line, as swarmctl prints it, in the dialog.
  await page.locator('[data-service="web"]').getByRole("button", { name: "Update image of web" }).click();
  const update = page.getByRole("dialog", { name: "Update the image of web" });
  await update.getByLabel("Image").fill("process://../x");
  await update.getByRole("button", { name: "Update", exact: true }).click();
  const error = update.getByRole("alert");
  await error.waitFor({ timeout: 30_000 });
  t.regex((await error.textContent()) ?? "", /^Error: .*spec\.task\.container\.image.*must name a program/);
  t.false(((await error.textContent()) ?? "").includes("\n"));
  await saveScreenshot(page, "action-error");
  await update.getByRole("button", { name: "Cancel" }).click();

  const workerId = await nodeIdOf(cluster!.nodes[3]!);
  await openView("Nodes");
  const row = page.locator(`[data-node-id="${workerId}"]`);
  await row.getByRole("button", { name: /^Drain/ }).click();
  const drain = page.getByRole("dialog", { name: /^Drain / });
  t.is(
    await drain.getByTestId("action-command").textContent(),
    `swarmctl --host ${host} node update --availability drain ${workerId}`,
  );
  await saveScreenshot(page, "drain-dialog");
  await drain.getByRole("button", { name: "Drain", exact: true }).click();
  await row.getByTestId("availability").getByText("drain").waitFor({ timeout: 30_000 });
  const node = (await control!.nodes()).find((n) => n.id === workerId);
  t.is(Number(node?.spec?.availability), swarm.v1.NodeSpec.Availability.AVAILABILITY_DRAIN);
});

test.serial("dashboard never sends a secret's data to the page", async (t) => {
  t.timeout(60_000);
  for (const name of ["Secrets", "Services", "Cluster", "Events", "Stacks"]) {
    await openView(name);
    t.false((await page.content()).includes(secretText), `the ${name} view holds no secret data`);
  }
  await page.goto(`${dashboard!.origin}/#/services`);
  await page.getByRole("link", { name: "api", exact: true }).click();
  await page.getByTestId("service-view").getByText("Spec", { exact: true }).click();
  t.regex((await page.getByTestId("spec").textContent()) ?? "", /db-password/);
  const everything = received.join("\n");
  // The capture works (it saw the secret's name)…
  t.true(everything.includes("db-password"));
  // …and never its data, raw or in base64.
  t.false(everything.includes(secretText));
  t.false(everything.includes(Buffer.from(secretText).toString("base64")));
  t.false((await page.content()).includes(secretText));
});

test.serial("dashboard keeps working across a leader failover", async (t) => {
  t.timeout(240_000);
  const [leader] = cluster!.nodes;
  const leaderId = await nodeIdOf(leader!);
  t.true(
    (await control!.nodes()).find((n) => n.id === leaderId)?.managerStatus?.leader,
    "manager-1 leads, so the dashboard's manager-2 is a follower",
  );
  await openView("Cluster");
  const leaderCard = page.getByTestId("leader").locator("..");
  t.regex((await leaderCard.textContent()) ?? "", new RegExp(leader!.addr));

  cluster!.signal(leader!, "SIGKILL");
  await until(
    "the page names a new leader",
    async () => {
      const text = (await leaderCard.textContent()) ?? "";
      return /:4242/.test(text) && !text.includes(leader!.addr) ? text : undefined;
    },
    clusterMsMax,
  );
  await saveScreenshot(page, "after-failover");
  t.regex((await page.getByTestId("link-status").textContent()) ?? "", /^Live/);

  // A change made with swarmctl still shows…
  await openView("Services");
  const seen = await pageTimeWhen('[data-service="web"] [data-testid="replicas"]', "/2");
  t.is(
    (
      await until(
        "a scale through the new leader",
        async () => {
          const r = await run("service", "scale", "--detach", "web=2");
          return r.code === 0 ? r : undefined;
        },
        clusterMsMax,
      )
    ).code,
    0,
  );
  await seen();
  // …and the page's actions still run.
  await page.locator('[data-service="web"]').getByRole("button", { name: "Scale web" }).click();
  const dialog = page.getByRole("dialog", { name: "Scale web" });
  await dialog.getByLabel("Replicas").fill("3");
  await dialog.getByRole("button", { name: "Scale", exact: true }).click();
  await until(
    "web scaled to 3 from the page",
    async () => {
      const web = (await control!.services()).find((s) => s.spec?.annotations?.name === "web");
      return Number(web?.spec?.replicated?.replicas) === 3 ? true : undefined;
    },
    clusterMsMax,
  );
  await page.locator('[data-service="web"] [data-testid="replicas"]').getByText("/3").waitFor({ timeout: 10_000 });
});
