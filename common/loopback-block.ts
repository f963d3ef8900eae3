// Loopback address blocks for local clusters, tests and benchmarks. Every node of a local cluster
// needs an address of its own, and two runs on one machine (the demo beside the test suite, two
// test files in parallel, two sessions) must never share one. A run claims a whole /24 inside
// 127.0.0.0/8 (picked at random, away from 127.0.0.0/16, which people and tools use by hand) with
// a lock file naming the processes that hold it; a block whose processes are all gone is free
// again, so a crashed run leaks nothing for long.
import { randomInt } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Directory of the lock files, one per claimed block. */
export const loopbackLockDir = join(tmpdir(), "swarm-ts-loopback");

/** Second octet range of claimable blocks: 127.64.0.0 … 127.254.255.0. */
const secondOctetFirst = 64;
const secondOctetLast = 254;

/** Attempts before giving up (each picks a new random block). */
const claimAttemptsMax = 64;

/** What a lock file holds. */
interface LockFile {
  /** Processes holding the block; the block is free once none of them lives. */
  readonly pids: number[];
  /** Who claimed it, for people reading the directory. */
  readonly owner: string;
}

/** A claimed /24 of loopback addresses: `addr(1)` … `addr(254)`. */
export class LoopbackBlock {
  private released = false;

  constructor(
    /** "127.X.Y", the block's first three octets. */
    readonly prefix: string,
    private readonly lockFile: string,
    private readonly owner: string,
  ) {}

  /** The address `<prefix>.<host>`; host is 1 … 254. */
  addr(host: number): string {
    if (!Number.isInteger(host) || host < 1 || host > 254) throw new RangeError(`host ${host} is not in 1..254`);
    return `${this.prefix}.${host}`;
  }

  /**
   * Keeps the block claimed for as long as any of `pids` lives too, e.g. the detached swarmd
   * processes of `npm run cluster -- up` after the command itself exits.
   */
  adopt(pids: readonly number[]): void {
    const current = readLock(this.lockFile);
    const all = [...new Set([...(current?.pids ?? [process.pid]), ...pids])];
    writeFileSync(this.lockFile, JSON.stringify({ pids: all, owner: this.owner } satisfies LockFile));
  }

  /** Frees the block (idempotent). */
  release(): void {
    if (this.released) return;
    this.released = true;
    rmSync(this.lockFile, { force: true });
  }
}

/**
 * Claims a free /24 of loopback addresses for this process. `owner` names the claimer in the lock
 * file. The block is released by `release()`, or becomes free when every process holding it ends.
 */
export async function claimLoopbackBlock(owner: string): Promise<LoopbackBlock> {
  mkdirSync(loopbackLockDir, { recursive: true, mode: 0o1777 });
  for (let attempt = 0; attempt < claimAttemptsMax; attempt++) {
    const prefix = `127.${randomInt(secondOctetFirst, secondOctetLast + 1)}.${randomInt(0, 256)}`;
    const lockFile = join(loopbackLockDir, `${prefix}.lock`);
    if (!tryLock(lockFile, owner)) continue;
    // Every 127/8 address answers on Linux; elsewhere (macOS has only 127.0.0.1 unless aliased)
    // a block whose first address cannot be bound is useless.
    if (await addressUsable(`${prefix}.1`)) return new LoopbackBlock(prefix, lockFile, owner);
    rmSync(lockFile, { force: true });
  }
  throw new Error(`no free loopback block after ${claimAttemptsMax} attempts (locks in ${loopbackLockDir})`);
}

/** The process ids of every claimed block, by prefix (for `cluster status` and tests). */
export function claimedLoopbackBlocks(): Map<string, number[]> {
  const blocks = new Map<string, number[]>();
  let names: string[];
  try {
    names = readdirSync(loopbackLockDir).filter((n) => n.endsWith(".lock"));
  } catch {
    return blocks;
  }
  for (const name of names) {
    const lock = readLock(join(loopbackLockDir, name));
    if (lock?.pids.some(alive)) blocks.set(name.replace(/\.lock$/, ""), lock.pids);
  }
  return blocks;
}

function tryLock(lockFile: string, owner: string): boolean {
  const body = JSON.stringify({ pids: [process.pid], owner } satisfies LockFile);
  try {
    writeFileSync(lockFile, body, { flag: "wx" });
    return true;
  } catch {
    const lock = readLock(lockFile);
    if (lock && lock.pids.some(alive)) return false;
    // Stale: every holder is gone. Remove it and race for it once more; "wx" decides the race.
    rmSync(lockFile, { force: true });
    try {
      writeFileSync(lockFile, body, { flag: "wx" });
      return true;
    } catch {
      return false;
    }
  }
}

function readLock(lockFile: string): LockFile | undefined {
  try {
    const parsed = JSON.parse(readFileSync(lockFile, "utf8")) as Partial<LockFile>;
    return { pids: Array.isArray(parsed.pids) ? parsed.pids.filter(Number.isInteger) : [], owner: parsed.owner ?? "" };
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function addressUsable(host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(0, host, () => server.close(() => resolve(true)));
  });
}
