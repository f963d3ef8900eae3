// What a directory keeps on persistent storage: every regular file under it that does not lie on
// a tmpfs, with its bytes. The secrets tests scan state directories with it to prove that secret
// data only ever sits in memory or on tmpfs.
import { readdirSync, readFileSync, statfsSync } from "node:fs";
import { join } from "node:path";

/** statfs type of tmpfs (TMPFS_MAGIC). */
export const tmpfsMagic = 0x01021994;

/** Every regular file under `dir` that does not lie on tmpfs, with its bytes. */
export function persistentFiles(dir: string): { path: string; bytes: Buffer }[] {
  const out: { path: string; bytes: Buffer }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (statfsSync(path).type === tmpfsMagic) continue;
    if (entry.isDirectory()) out.push(...persistentFiles(path));
    else if (entry.isFile()) out.push({ path, bytes: readFileSync(path) });
  }
  return out;
}
