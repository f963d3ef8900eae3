// Where the detached local clusters of this machine are: `npm run cluster -- up` and the demo start
// clusters that outlive the command, each in a directory of its own (`--dir`, `.swarm-demo`), and
// `status` / `down` without `--dir` must find them again. Each detached cluster leaves one small
// file in a shared directory naming its directory; `down` removes it. An entry whose directory no
// longer holds a cluster is stale (the directory was deleted) and is dropped when read.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Directory of the registry, one JSON file per detached cluster. */
export const clusterRegistryDir = join(tmpdir(), "swarm-ts-clusters");

/** Most entries read, so a directory filled by accident cannot stall a command. */
const registryEntriesMax = 1_000;

/** What one entry holds. */
interface RegistryEntry {
  /** The cluster's directory (absolute), holding its cluster.json. */
  readonly baseDir: string;
}

function entryFile(baseDir: string): string {
  return join(clusterRegistryDir, `${createHash("sha256").update(baseDir).digest("hex").slice(0, 24)}.json`);
}

/** Records a detached cluster in `baseDir` (absolute). */
export async function registerCluster(baseDir: string): Promise<void> {
  await mkdir(clusterRegistryDir, { recursive: true, mode: 0o1777 });
  await writeFile(entryFile(baseDir), `${JSON.stringify({ baseDir } satisfies RegistryEntry)}\n`);
}

/** Forgets the cluster in `baseDir`. */
export async function unregisterCluster(baseDir: string): Promise<void> {
  await rm(entryFile(baseDir), { force: true });
}

/** The directories of the registered clusters that still hold one, sorted. */
export async function registeredClusterDirs(): Promise<string[]> {
  let names: string[];
  try {
    names = (await readdir(clusterRegistryDir)).filter((n) => n.endsWith(".json")).slice(0, registryEntriesMax);
  } catch {
    return [];
  }
  const dirs: string[] = [];
  for (const name of names) {
    const file = join(clusterRegistryDir, name);
    try {
      const entry = JSON.parse(await readFile(file, "utf8")) as Partial<RegistryEntry>;
      if (typeof entry.baseDir === "string" && existsSync(join(entry.baseDir, "cluster.json")))
        dirs.push(entry.baseDir);
      else await rm(file, { force: true });
    } catch {
      // Being written or removed by another command: skip it this time.
    }
  }
  return dirs.sort();
}
