// Goal: `swarmctl dashboard` as a process, before any cluster is involved: it refuses to serve
// beyond loopback unless told to, admits only the holder of the token it printed (under its own
// host name, writes as same-origin JSON only), and says in one line, as swarmctl does, why it
// cannot reach a manager, while it keeps serving.
import { spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { tmpdir } from "node:os";
import test from "ava";
import { claimLoopbackBlock, type LoopbackBlock } from "../../common/index.js";
import { assertOneLineError } from "../cli/cli-assert.js";
import { swarmctl } from "../cli/fixture.js";
import { readSnapshot, type RunningDashboard, startDashboard, swarmctlScript } from "./dashboard-kit.js";

/** A control socket nobody serves. */
const nowhere = `unix://${join(tmpdir(), `no-manager-${process.pid}.sock`)}`;
let block: LoopbackBlock | undefined;
let dashboard: RunningDashboard | undefined;

test.before(async (t) => {
  t.timeout(60_000);
  block = await claimLoopbackBlock("dashboard cli test");
  dashboard = await startDashboard(["--host", nowhere, "--listen", `${block.addr(1)}:0`]);
});

test.after.always(async () => {
  await dashboard?.stop();
  block?.release();
});

/** One HTTP exchange with the dashboard, with the headers given (Host included). */
function exchange(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const url = new URL(path, dashboard!.origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? "GET", headers: options.headers ?? {}, timeout: 10_000 },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

test("swarmctl dashboard refuses a non-loopback --listen unless --allow-non-loopback is given", async (t) => {
  t.timeout(30_000);
  const refused = await swarmctl(["dashboard", "--listen", "0.0.0.0:0"]);
  assertOneLineError(t, refused, 2, /--listen: 0\.0\.0\.0 is not a loopback address.*--allow-non-loopback/);
  assertOneLineError(
    t,
    await swarmctl(["dashboard", "--listen", "nowhere"]),
    2,
    /--listen: "nowhere" is not HOST:PORT/,
  );
});

test("swarmctl dashboard prints its URL as JSON with --format json, and refuses other formats", async (t) => {
  t.timeout(60_000);
  assertOneLineError(t, await swarmctl(["dashboard", "--format", "yaml"]), 2, /--format: "yaml"/);
  const child = spawn(
    process.execPath,
    [swarmctlScript, "dashboard", "--host", nowhere, "--listen", `${block!.addr(2)}:0`, "--format", "json"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  try {
    const line = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        if (out.includes("\n")) resolve(out.split("\n")[0]!);
      });
      child.once("exit", (code) => reject(new Error(`exited with ${code}`)));
    });
    const printed = JSON.parse(line) as { url: string; target: string };
    t.regex(printed.url, new RegExp(`^http://${block!.addr(2).replace(/\./g, "\\.")}:\\d+/\\?token=[\\w-]{32}$`));
    t.is(printed.target, nowhere);
  } finally {
    child.kill("SIGTERM");
  }
});

test("swarmctl dashboard admits only its token's holder, under its own name", async (t) => {
  t.timeout(30_000);
  const bearer = { Authorization: `Bearer ${dashboard!.token}` };
  t.is((await exchange("/api/session")).status, 401);
  const session = await exchange("/api/session", { headers: bearer });
  t.is(session.status, 200);
  t.deepEqual((JSON.parse(session.body) as { connectionArgs: string[] }).connectionArgs, ["--host", nowhere]);
  t.is(
    (
      await exchange("/api/session", {
        headers: { ...bearer, Host: `evil.example:${new URL(dashboard!.origin).port}` },
      })
    ).status,
    403,
  );

  // The printed URL serves the page with the cookie that admits this browser from then on.
  t.is((await exchange("/?token=wrong")).status, 401);
  const page = await exchange(`/?token=${dashboard!.token}`);
  t.is(page.status, 200);
  t.regex(String(page.headers["content-type"]), /text\/html/);
  const cookie = String(page.headers["set-cookie"]).split(";")[0]!;
  t.regex(String(page.headers["set-cookie"]), /HttpOnly; SameSite=Strict/);
  t.is((await exchange("/api/session", { headers: { Cookie: cookie } })).status, 200);
  t.regex(
    String(page.headers["content-security-policy"]),
    /^default-src 'none'; script-src 'sha256-[^']+'; style-src 'sha256-/,
  );
  t.is((await exchange("/")).status, 200, "the page itself needs no token");

  // Writes: JSON from this origin only; a malformed action is refused naming its field.
  const action = JSON.stringify({ kind: "scale", service: "web", replicas: 2 });
  t.is(
    (
      await exchange("/api/actions", {
        method: "POST",
        headers: { ...bearer, "Content-Type": "text/plain" },
        body: action,
      })
    ).status,
    403,
  );
  const json = { ...bearer, "Content-Type": "application/json" };
  t.is(
    (
      await exchange("/api/actions", {
        method: "POST",
        headers: { ...json, Origin: "http://evil.example" },
        body: action,
      })
    ).status,
    403,
  );
  const bad = await exchange("/api/actions", {
    method: "POST",
    headers: json,
    body: JSON.stringify({ kind: "scale", service: "--host=x", replicas: 2 }),
  });
  t.is(bad.status, 400);
  t.regex((JSON.parse(bad.body) as { error: string }).error, /^service: /);
});

test("swarmctl dashboard says in one line why it cannot reach a manager, and keeps serving", async (t) => {
  t.timeout(30_000);
  const snapshot = await readSnapshot(dashboard!);
  const message = JSON.parse(snapshot.text.split("\ndata: ")[1]!) as { link: { connected: boolean; error: string } };
  t.false(message.link.connected);
  t.regex(
    message.link.error,
    /^(connecting…|cannot reach a manager: .*\(is swarmd running\? use (-H\/)?--host or SWARM_HOST\))$/,
  );
  t.false(message.link.error.includes("\n"));
  // An action still runs the real command, and its error comes back as the one line swarmctl printed.
  const ran = await exchange("/api/actions", {
    method: "POST",
    headers: { Authorization: `Bearer ${dashboard!.token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ kind: "scale", service: "web", replicas: 2 }),
  });
  t.is(ran.status, 200);
  const result = JSON.parse(ran.body) as { ok: boolean; command: string; error: string };
  t.false(result.ok);
  t.regex(result.command, /^swarmctl --host unix:\/\/\S+ service scale --detach web=2$/);
  t.regex(result.error, /^cannot reach (a manager|manager at \S+): /);
});
