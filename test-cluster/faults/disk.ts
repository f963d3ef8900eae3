// A full disk under a node: its state dir on a small tmpfs, filled with one file. tmpfs needs no
// loop device and vanishes with the mount, so nothing is left on the real disk.
import { execFileSync } from "node:child_process";
import { mkdir, open, rm } from "node:fs/promises";
import { join } from "node:path";

/** Name of the file that fills the disk. */
export const fillerName = "disk-filler";

/** Chunk written at a time while filling. */
export const fillChunkBytes = 1024 * 1024;

/** Mounts a tmpfs of `sizeMb` on `dir` (created if needed). */
export async function mountSmallDisk(dir: string, sizeMb: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeMb}m,mode=0700`, "tmpfs", dir], { stdio: "pipe" });
}

/** Unmounts it again (lazily, so a process still holding files there does not block teardown). */
export function unmountSmallDisk(dir: string): void {
  try {
    execFileSync("umount", ["-l", dir], { stdio: "ignore" });
  } catch {
    // Not mounted (any more): nothing to undo.
  }
}

/** Writes into `dir` until the file system is full; returns the bytes written. */
export async function fillDisk(dir: string): Promise<number> {
  const file = await open(join(dir, fillerName), "w");
  const chunk = Buffer.alloc(fillChunkBytes, 0x5a);
  let written = 0;
  try {
    for (;;) {
      // Smaller writes at the end take the last free blocks too.
      const size = written % (16 * fillChunkBytes) === 0 && written > 0 ? 4096 : chunk.length;
      const { bytesWritten } = await file.write(chunk, 0, size);
      written += bytesWritten;
      if (bytesWritten < size) break;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
  } finally {
    await file.close().catch(() => undefined);
  }
  return written;
}

/** Frees the space fillDisk took. */
export async function freeDisk(dir: string): Promise<void> {
  await rm(join(dir, fillerName), { force: true });
}
