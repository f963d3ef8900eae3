// Goal: the built swarmd (needs `npm run build`) as an operator meets it when joining. A refused
// join is one line on stderr and exit 1, never a JSON log line with a stack; and a manager binds
// its port at --listen-addr while telling everyone --advertise-addr, as behind NAT: here a TCP
// forwarder on the advertised address stands in for the NAT, and a worker joins through it.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import test from "ava";
import { joinTokenEnv } from "./join-token-source.js";
import { claimLoopbackBlock, type LoopbackBlock, waitFor } from "../../common/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const swarmdScript = here.includes(`${sep}dist${sep}`)
  ? join(here, "..", "swarmd.js")
  : join(here, "..", "..", "dist", "cli", "swarmd.js");

/** The manager port every node here uses (each node has an address of its own). */
const port = 4242;
/** Longest wait for swarmd to print or exit. */
const waitMsMax = 60_000;

let block: LoopbackBlock | undefined;
let baseDir = "";
const children: ChildProcess[] = [];

test.before(async () => {
  block = await claimLoopbackBlock("swarmd-join.test");
  baseDir = mkdtempSync(join(tmpdir(), "swarmd-join-"));
});

test.after.always(async () => {
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
  rmSync(baseDir, { recursive: true, force: true });
  block?.release();
});

/** A running swarmd and what it printed so far. */
interface Swarmd {
  readonly child: ChildProcess;
  readonly output: () => { stdout: string; stderr: string };
  /** Resolves with the exit code. */
  readonly exited: Promise<number>;
}

/**
 * Starts swarmd with its output in files (read back by polling): nothing of the node's own I/O
 * passes through this process's event loop.
 */
function swarmd(name: string, args: readonly string[], token?: string): Swarmd {
  const files = { stdout: join(baseDir, `${name}.out`), stderr: join(baseDir, `${name}.err`) };
  const out = openSync(files.stdout, "w");
  const err = openSync(files.stderr, "w");
  const child = spawn(
    process.execPath,
    // No network agent: a node in the host's own namespace would leave its chains in the host's tables.
    [
      swarmdScript,
      ...args,
      "--state-dir",
      join(baseDir, name),
      "--executor",
      "process",
      "--log-level",
      "warn",
      "--network-agent",
      "off",
    ],
    // The join token goes through the environment, as swarmd recommends: on the command line it
    // would earn a warning line on stderr.
    { stdio: ["ignore", out, err], env: { ...process.env, ...(token === undefined ? {} : { [joinTokenEnv]: token }) } },
  );
  closeSync(out);
  closeSync(err);
  children.push(child);
  const exited = new Promise<number>((resolve) => child.once("exit", (code) => resolve(code ?? 1)));
  return {
    child,
    output: () => ({ stdout: readFileSync(files.stdout, "utf8"), stderr: readFileSync(files.stderr, "utf8") }),
    exited,
  };
}

/** Waits until `test` holds for the node's output; fails with the output if swarmd exits first or the wait times out. */
async function waitOutput(node: Swarmd, what: string, test: (out: { stdout: string; stderr: string }) => boolean) {
  const probe = () => {
    const out = node.output();
    if (test(out)) return out;
    if (node.child.exitCode !== null) throw new Error(`swarmd exited before ${what}: ${JSON.stringify(out)}`);
    return undefined;
  };
  return waitFor(what, probe, { timeoutMs: waitMsMax, pollMs: 50 }).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}: ${JSON.stringify(node.output())}`);
  });
}

/** A forwarder of every TCP connection from one address to another, in a process of its own: the NAT. */
const forwarderScript = `
const net = require("node:net");
const [fromHost, fromPort, toHost, toPort] = process.argv.slice(1);
const server = net.createServer((inbound) => {
  const outbound = net.connect(Number(toPort), toHost);
  inbound.pipe(outbound).pipe(inbound);
  inbound.on("error", () => outbound.destroy());
  outbound.on("error", () => inbound.destroy());
});
server.listen(Number(fromPort), fromHost, () => process.stdout.write("listening\\n"));
`;

/** Starts the NAT from `from` to `to`; resolves once it listens. */
async function forward(
  from: { host: string; port: number },
  to: { host: string; port: number },
): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ["-e", forwarderScript, from.host, String(from.port), to.host, String(to.port)],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`the forwarder exited (${code})`)));
  });
  return child;
}

/** Whether something accepts TCP connections at host:port. */
function accepts(host: string, at: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(at, host);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

test.serial(
  "a manager binds --listen-addr, advertises --advertise-addr, and a worker joins through the NAT",
  async (t) => {
    t.timeout(120_000);
    const listen = block!.addr(1);
    const advertised = block!.addr(2);
    await forward({ host: advertised, port }, { host: listen, port });
    const manager = swarmd("manager", [
      "init",
      "--listen-addr",
      `${listen}:${port}`,
      "--advertise-addr",
      advertised,
      "--publish-addr",
      listen,
    ]);
    const { stdout } = await waitOutput(manager, "the join commands", (o) =>
      /--token SWMTKN\S+ \S+\n(.|\n)*--token/.test(o.stdout),
    );
    // What others are told is the advertised address (with the listen port), never the bound one.
    t.regex(stdout, new RegExp(`swarmd join --token SWMTKN-\\S+ ${advertised.replace(/\./g, "\\.")}:${port}\\n`));
    t.notRegex(stdout, new RegExp(`${listen.replace(/\./g, "\\.")}:`));
    t.true(await accepts(listen, port), "the manager port is bound at the listen address");
    const token = /--token (SWMTKN\S+)/.exec(stdout)![1]!;

    const worker = swarmd(
      "worker",
      ["join", "--listen-addr", block!.addr(3), "--publish-addr", block!.addr(3), `${advertised}:${port}`],
      token,
    );
    const joined = await waitOutput(worker, "the join", (o) => /joined a swarm/.test(o.stdout));
    t.regex(joined.stdout, /This node joined a swarm as a worker\./);
    t.is(joined.stderr, "");
  },
);

test.serial("swarmd join refusals are one line on stderr and exit 1", async (t) => {
  t.timeout(120_000);
  const managerAddr = `${block!.addr(10)}:${port}`;
  const manager = swarmd("refusing", ["init", "--listen-addr", managerAddr, "--publish-addr", block!.addr(10)]);
  const { stdout } = await waitOutput(manager, "the join commands", (o) => /--token SWMTKN/.test(o.stdout));
  const token = /--token (SWMTKN\S+)/.exec(stdout)![1]!;
  const wrongSecret = `${token.slice(0, -5)}${token.slice(-5) === "aaaaa" ? "bbbbb" : "aaaaa"}`;

  const cases: [string, string, string[], RegExp][] = [
    [
      "a wrong token",
      wrongSecret,
      [managerAddr],
      new RegExp(`^swarmd: the manager at ${managerAddr.replace(/\./g, "\\.")} refused the join: .*token`),
    ],
    [
      "an address nobody serves",
      token,
      [`${block!.addr(11)}:${port}`],
      new RegExp(
        `^swarmd: cannot reach manager at ${block!.addr(11).replace(/\./g, "\\.")}:${port}: connection refused$`,
      ),
    ],
    ["a malformed token", "SWMTKN-1-nonsense", [managerAddr], /^swarmd: token: /],
  ];
  for (const [what, joinToken, args, line] of cases) {
    const joining = swarmd(`join-${cases.findIndex((c) => c[0] === what)}`, ["join", ...args], joinToken);
    const code = await joining.exited;
    const { stderr } = joining.output();
    t.log(`${what}: exit ${code}: ${stderr.trim()}`);
    t.is(code, 1, what);
    const lines = stderr.split("\n").filter((l) => l !== "");
    t.is(lines.length, 1, `${what}: one line, got ${stderr}`);
    t.regex(lines[0] ?? "", line, what);
    t.notRegex(stderr, /"level"|\n\s+at /, what);
  }
});
