// Where the bundled swarmctl keeps V8's code cache of itself, and how it is read and written. Node 20 has
// no compile cache of its own, so without one every start parses and compiles the bundle again (the
// largest part of swarmctl's start-up after bundling). The cache belongs to the user (under
// $XDG_CACHE_HOME or ~/.cache), one file per installed bundle, and is only a hint: its header names the
// bundle's content hash, Node's version and the machine's architecture, a file that does not match is
// ignored, and V8 itself rejects data made by another V8 or for another source. It is written atomically
// (a file of this process renamed over the old one), so concurrent swarmctl runs never read half a file.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** The code cache file may not exceed this: a larger one is not read (it is not one we wrote). */
export const codeCacheBytesMax = 64 * 1024 * 1024;

/** The cache directory: $XDG_CACHE_HOME/swarm-ts, else ~/.cache/swarm-ts; null without a home. */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const xdg = env["XDG_CACHE_HOME"];
  if (xdg && xdg.startsWith("/")) return join(xdg, "swarm-ts");
  let home = "";
  try {
    home = homedir();
  } catch {
    return null;
  }
  return home ? join(home, ".cache", "swarm-ts") : null;
}

/** The cache file of the bundle at bundlePath (installs in different places keep separate files). */
export function codeCacheFile(dir: string, bundlePath: string): string {
  const id = createHash("sha256").update(bundlePath).digest("hex").slice(0, 16);
  return join(dir, `swarmctl-${id}.v8cache`);
}

/** The header that must start a cache file for the bundle whose content hash is bundleHash. */
export function codeCacheHeader(bundleHash: string): string {
  return `swarmctl-v8cache ${bundleHash} node-${process.version} v8-${process.versions.v8} ${process.arch}\n`;
}

/**
 * A cache names at most this many commands it was made or extended by; past that it is no longer
 * rewritten (every command an operator uses daily is in it by then).
 */
export const codeCacheCommandsMax = 64;

/** A code cache as read: V8's data, and the commands whose runs compiled it. */
export interface CodeCache {
  readonly data: Buffer;
  readonly commands: readonly string[];
}

/**
 * The cache in file for this bundle and this Node, or undefined when absent, unreadable or stale. After
 * the header comes one line naming the commands that made it ("commands service ls,node ls").
 */
export function readCodeCache(file: string, header: string): CodeCache | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  const headerBytes = Buffer.from(header);
  if (bytes.length > codeCacheBytesMax || bytes.length <= headerBytes.length) return undefined;
  if (!bytes.subarray(0, headerBytes.length).equals(headerBytes)) return undefined;
  const end = bytes.indexOf(0x0a, headerBytes.length);
  const line = end < 0 ? "" : bytes.subarray(headerBytes.length, end).toString("latin1");
  if (!line.startsWith("commands ")) return undefined;
  const commands = line.slice("commands ".length).split(",");
  return { data: bytes.subarray(end + 1), commands: commands.slice(0, codeCacheCommandsMax) };
}

/**
 * Writes data as the cache in file, atomically; failures (a read-only home, a full disk) are ignored,
 * since the cache only saves time.
 */
export function writeCodeCache(file: string, header: string, commands: readonly string[], data: Buffer): void {
  const dir = join(file, "..");
  const temporary = `${file}.${process.pid}.tmp`;
  const commandsLine = `commands ${commands.map((c) => c.replace(/[,\n]/g, " ")).join(",")}\n`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(temporary, Buffer.concat([Buffer.from(header + commandsLine), data]), { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    rmSync(temporary, { force: true });
  }
}
