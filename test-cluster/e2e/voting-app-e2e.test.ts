// Goal: Docker's example-voting-app as its docker-stack.yml has it (five services on two overlay
// networks, each reaching the others by short name), with this repository's programs as process
// images (examples/voting-app), deployed with `swarmctl stack deploy` on real swarmd nodes, each in
// a network namespace of its own: votes cast through vote's published port on every node reach
// redis, the worker moves them into db, and result's published port shows the tally. Each task
// sees only the names of its own networks (vote cannot resolve db), and `stack rm` removes the
// stack's networks.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import test from "ava";
import { claimLoopbackBlock } from "../../common/index.js";
import { canMakeClusterNet, runCommand } from "../cluster/cluster-netns.js";
import { LocalCluster } from "../cluster/local-cluster.js";
import { until } from "../cluster/until.js";
import { probeScript } from "../netlab/lab-kit.js";

const repoRoot = resolve(import.meta.dirname, "..", "..");
const swarmctl = join(repoRoot, "dist", "cli", "swarmctl.js");
const stackFile = join(repoRoot, "examples", "voting-app", "docker-stack.yml");
const votingApp = join(repoRoot, "dist", "examples", "voting-app");
/** vote's and result's published ports, relayed from the nodes' loopback addresses on the host. */
const votePort = 18_180;
const resultPort = 18_181;
/** The cluster's pool: a range that lives only inside this test's namespaces (RFC 2544). */
const pool = "198.19.0.0/16";

/** Runs swarmctl against the cluster; resolves with stdout, rejects with its one-line error. */
function swarmctlRun(env: NodeJS.ProcessEnv, args: readonly string[]): Promise<string> {
  return new Promise((done, fail) =>
    execFile(process.execPath, [swarmctl, ...args], { env, timeout: 120_000 }, (error, stdout, stderr) =>
      error ? fail(new Error(`swarmctl ${args.join(" ")}: ${stderr.trim() || error.message}`)) : done(stdout),
    ),
  );
}

/** One HTTP request on a connection of its own: status, body and the cookie set, or null. */
function http(
  url: string,
  options: { method?: string; body?: string; cookie?: string } = {},
): Promise<{ status: number; body: string; cookie?: string } | null> {
  return new Promise((done) => {
    const headers: Record<string, string> = {};
    if (options.body !== undefined) headers["content-type"] = "application/x-www-form-urlencoded";
    if (options.cookie !== undefined) headers.cookie = options.cookie;
    const req = request(url, { method: options.method ?? "GET", agent: false, timeout: 5_000, headers }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => {
        const cookie = res.headers["set-cookie"]?.[0]?.split(";")[0];
        done({ status: res.statusCode ?? 0, body, ...(cookie ? { cookie } : {}) });
      });
      res.on("error", () => done(null));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => done(null));
    req.end(options.body);
  });
}

test("the voting app's stack works as written: votes through vote on every node reach result's tally by name", async (t) => {
  if (!canMakeClusterNet()) {
    t.fail("overlay networks need root: run the suite as root, as CI does");
    return;
  }
  t.timeout(300_000);
  const block = await claimLoopbackBlock("voting-app-e2e");
  const baseDir = mkdtempSync(join(tmpdir(), "swarm-voting-app-"));
  let cluster: LocalCluster | null = null;
  try {
    cluster = await LocalCluster.up({
      baseDir,
      managers: 1,
      workers: 2,
      executor: "process",
      block,
      logLevel: "warn",
      overlay: { relayPorts: [votePort, resultPort] },
      startArgs: (_node, verb) =>
        verb === "init" ? ["--default-addr-pool", pool, "--default-addr-pool-mask-length", "24"] : [],
    });
    const c = cluster;
    const env = {
      ...process.env,
      SWARM_HOST: c.controlTarget,
      VOTING_APP: votingApp,
      VOTE_PORT: String(votePort),
      RESULT_PORT: String(resultPort),
    };
    const deployed = await swarmctlRun(env, ["stack", "deploy", "-c", stackFile, "vote"]);
    t.regex(deployed, /Creating network vote_frontend/);
    t.regex(deployed, /Creating network vote_backend/);
    await until(
      "every service of the stack running all its replicas",
      async () => {
        const ls = await swarmctlRun(env, ["stack", "services", "vote"]);
        const replicas = [...ls.matchAll(/vote_(\w+)\s+replicated\s+(\d+)\/(\d+)/g)];
        return replicas.length === 5 && replicas.every((m) => m[2] === m[3]) ? true : undefined;
      },
      180_000,
    );

    // Votes through the published port on every node (the routing mesh reaches vote's replicas
    // wherever they run); each voter votes once, one of them twice (the second changes the first).
    const votes = ["a", "b", "a", "a", "b", "a", "b"];
    const voters: string[] = [];
    for (const [i, vote] of votes.entries()) {
      const node = c.nodes[i % c.nodes.length]!;
      const answer = await until(`a vote through ${node.name}`, async () => {
        const r = await http(`http://${node.ip}:${votePort}/`, { method: "POST", body: `vote=${vote}` });
        return r?.status === 200 && r.cookie ? r : undefined;
      });
      t.regex(answer.body, /You voted for (Cats|Dogs)/);
      voters.push(answer.cookie!);
    }
    const changed = await http(`http://${c.nodes[0]!.ip}:${votePort}/`, {
      method: "POST",
      body: "vote=b",
      cookie: voters[0]!,
    });
    t.is(changed?.status, 200);
    const expected = { a: 3, b: 4 };
    let last = "";
    await until(
      "result's tally on every node counting every vote",
      async () => {
        const answers = await Promise.all(c.nodes.map((n) => http(`http://${n.ip}:${resultPort}/api/results`)));
        last = answers.map((a) => a?.body.trim() ?? "no answer").join(" ");
        return answers.every((a) => a?.status === 200 && a.body.trim() === JSON.stringify(expected)) ? true : undefined;
      },
      90_000,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}; last answers: ${last}`);
    });
    const page = await http(`http://${c.nodes[1]!.ip}:${resultPort}/`);
    t.regex(page?.body ?? "", /Cats: 42\.9%.*Dogs: 57\.1%.*7 votes, counted by vote_result\.1\./s);

    // Scoping: a vote task (frontend only) resolves redis but not db.
    const voteTask = (
      await swarmctlRun(env, ["service", "ps", "vote_vote", "-q", "--no-trunc", "-f", "desired-state=running"])
    )
      .split(/\s+/)
      .find((id) => /^\w+$/.test(id))!;
    const lookup = async (name: string): Promise<{ resolve4: readonly string[] | string }> => {
      const out = await runCommand(
        "ip",
        ["netns", "exec", c.taskNetns(voteTask), process.execPath, probeScript, "lookup", name],
        60_000,
      );
      return JSON.parse(out.trim().split("\n").pop() ?? "null") as { resolve4: readonly string[] | string };
    };
    t.true(Array.isArray((await lookup("redis")).resolve4));
    t.is((await lookup("db")).resolve4, "error:ENOTFOUND", "db is on backend, which vote is not on");

    const removed = await swarmctlRun(env, ["stack", "rm", "vote"]);
    t.regex(removed, /Removing network vote_frontend/);
    await until("the stack's networks gone", async () => {
      const ls = await swarmctlRun(env, ["network", "ls"]);
      return ls.includes("vote_") ? undefined : true;
    });
  } finally {
    await cluster?.down({ purge: true });
    rmSync(baseDir, { recursive: true, force: true });
    block.release();
  }
});
