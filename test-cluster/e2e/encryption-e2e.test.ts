// Goal: encryption at rest on real swarmd and swarmctl processes: a bit flipped in a manager's WAL
// stops `swarmd run` with a clear message; with autolock a restarted manager is locked (every
// Control call refused, saying how to unlock), a wrong key is refused, the right one lets it finish
// starting; after the key is rotated only the new key unlocks it; with autolock off it starts unlocked.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test, { type ExecutionContext } from "ava";
import { controlSocketPath, unixTarget } from "../../common/index.js";
import { type CliResult, swarmctl } from "../cli/fixture.js";
import { swarmdScript } from "../cluster/local-cluster.js";
import { claimTestAddr, poll } from "./e2e-support.js";

/** Longest a swarmd may take to exit after SIGTERM or a failed start. */
const exitMsMax = 20_000;

/** A swarmd process and what it printed so far. */
interface Daemon {
  readonly child: ChildProcess;
  readonly out: { stdout: string; stderr: string };
  readonly exited: Promise<number>;
}

function swarmd(t: ExecutionContext, args: readonly string[]): Daemon {
  const child = spawn(process.execPath, [swarmdScript, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const out = { stdout: "", stderr: "" };
  child.stdout?.on("data", (chunk: Buffer) => (out.stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (out.stderr += chunk.toString()));
  const exited = new Promise<number>((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1))),
  );
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  return { child, out, exited };
}

async function stop(daemon: Daemon): Promise<number> {
  daemon.child.kill("SIGTERM");
  return withTimeout(daemon.exited, "swarmd to exit");
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_resolve, reject) =>
      setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), exitMsMax).unref(),
    ),
  ]);
}

/** A state dir and loopback address of one manager, removed after the test. */
function managerPlace(t: ExecutionContext): { stateDir: string; flags: string[]; host: string } {
  const stateDir = mkdtempSync(join(tmpdir(), "swarm-enc-e2e-"));
  t.teardown(() => rmSync(stateDir, { recursive: true, force: true }));
  return {
    stateDir,
    // No network agent: a node in the host's own namespace would leave its chains in the host's tables.
    flags: ["--state-dir", stateDir, "--executor", "process", "--network-agent", "off"],
    host: unixTarget(controlSocketPath(stateDir)),
  };
}

async function initManager(
  t: ExecutionContext,
  place: { flags: string[] },
  ip: string,
  extra: string[] = [],
): Promise<Daemon> {
  const daemon = swarmd(t, ["init", ...place.flags, "--listen-addr", `${ip}:4242`, "--publish-addr", ip, ...extra]);
  await poll("swarmd init to report", () => (daemon.out.stdout.includes("Swarm initialized") ? true : undefined));
  return daemon;
}

/** Offsets of the records of a WAL segment (framing of raft/storage/wal-format.ts). */
function recordOffsets(buf: Buffer): number[] {
  const offsets: number[] = [];
  for (let off = 0; off + 9 <= buf.length; off += 9 + buf.readUInt32LE(off)) offsets.push(off);
  return offsets;
}

test("a bit flipped in a manager's WAL stops swarmd run with a clear error", async (t) => {
  t.timeout(90_000);
  const ip = await claimTestAddr(t);
  const place = managerPlace(t);
  const first = await initManager(t, place, ip);
  t.is((await swarmctl(["secret", "create", "s1", "-"], { host: place.host, input: "payload" })).code, 0);
  t.is(await stop(first), 0);

  const walDir = join(place.stateDir, "manager", "wal");
  const [segment] = (await readdir(walDir)).sort();
  const path = join(walDir, segment!);
  const buf = await readFile(path);
  const offsets = recordOffsets(buf);
  t.true(offsets.length > 4, "the segment holds records");
  const target = offsets[Math.floor(offsets.length / 2)]!;
  buf[target + 9 + Math.floor(buf.readUInt32LE(target) / 2)]! ^= 0x10;
  await writeFile(path, buf);

  const rerun = swarmd(t, ["run", ...place.flags]);
  const code = await withTimeout(rerun.exited, "swarmd run to fail");
  t.is(code, 1);
  t.regex(rerun.out.stderr, /^swarmd: raft state integrity check failed: .*\.wal at byte \d+: .*tampered with/m);
  t.true(rerun.out.stderr.includes(path), "the message names the file");
});

test("autolock: a restarted manager is locked until the current unlock key is given", async (t) => {
  t.timeout(120_000);
  const ip = await claimTestAddr(t);
  const place = managerPlace(t);
  const ctl = (args: string[], input?: string): Promise<CliResult> =>
    swarmctl(args, { host: place.host, ...(input === undefined ? {} : { input }) });
  const first = await initManager(t, place, ip, ["--autolock"]);
  // The key comes after the join commands, possibly in a later chunk of output.
  const key = await poll(
    "swarmd init to print the unlock key",
    () => /SWMKEY-1-[A-Za-z0-9_-]{43}/.exec(first.out.stdout)?.[0],
  ).catch(() => "");
  t.not(key, "", "init prints the unlock key");
  t.is((await ctl(["cluster", "unlock-key", "-q"])).stdout.trim(), key);
  t.is(await stop(first), 0);

  const locked = swarmd(t, ["run", ...place.flags]);
  const refused = await poll("the locked manager to answer", async () => {
    const result = await ctl(["node", "ls"]);
    return /locked/.test(result.stderr) ? result : undefined;
  });
  t.is(refused.code, 1);
  t.is(refused.stderr, "Error: this manager is locked: run `swarmctl cluster unlock` with the unlock key\n");
  t.regex(locked.out.stderr, /node\.locked/, "swarmd logs that it is locked");
  const wrong = await ctl(["cluster", "unlock"], `SWMKEY-1-${randomBytes(32).toString("base64url")}\n`);
  t.is(wrong.code, 1);
  t.regex(wrong.stderr, /^Error: wrong unlock key[^\n]*\n$/);
  t.is((await ctl(["node", "ls"])).code, 1, "still locked after a wrong key");
  const right = await ctl(["cluster", "unlock"], `${key}\n`);
  t.is(right.code, 0, right.stderr);
  await poll("the unlocked manager to serve", async () => ((await ctl(["node", "ls"])).code === 0 ? true : undefined));

  // Reads answer as soon as it is unlocked; a write waits until it leads again.
  const rotation = await poll("the unlocked manager to take writes", async () => {
    const result = await ctl(["cluster", "unlock-key", "--rotate", "-q"]);
    return result.code === 0 ? result : undefined;
  });
  const rotated = rotation.stdout.trim();
  t.regex(rotated, /^SWMKEY-1-/, rotation.stderr);
  t.not(rotated, key);
  t.is(await stop(locked), 0);

  const again = swarmd(t, ["run", ...place.flags]);
  await poll("the restarted manager to be locked", async () =>
    /locked/.test((await ctl(["node", "ls"])).stderr) ? true : undefined,
  );
  const old = await ctl(["cluster", "unlock"], `${key}\n`);
  t.is(old.code, 1);
  t.regex(old.stderr, /wrong unlock key/);
  t.is((await ctl(["cluster", "unlock"], `${rotated}\n`)).code, 0);
  // Autolock off (Docker's spelling), once the unlocked manager leads again: the next start needs no key.
  await poll("the manager unlocked with the new key to take writes", async () =>
    (await ctl(["cluster", "update", "--autolock=false"])).code === 0 ? true : undefined,
  );
  t.is(await stop(again), 0);
  const open = swarmd(t, ["run", ...place.flags]);
  // On again prints a fresh key (a write: it waits until the manager leads).
  const on = await poll("the manager without autolock to take writes", async () => {
    const result = await ctl(["cluster", "update", "--autolock=true"]);
    return result.code === 0 ? result : undefined;
  });
  t.notRegex(open.out.stderr, /node\.locked/);
  t.regex(on.stdout, /SWMKEY-1-[A-Za-z0-9_-]{43}/);
  t.is(await stop(open), 0);
});
