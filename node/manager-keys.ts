// The keys a manager needs before it can open its raft state: a new manager makes its DEK, a
// restarted one reads it, plain or (autolock) unwrapped with the unlock key, which it waits for on
// the control socket when none was given. Also switches autolock on for `swarmd init --autolock`.
import { randomBytes } from "node:crypto";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { MemoryStore } from "../manager/index.js";
import {
  DekFileError,
  dekPath,
  encodeDekFile,
  formatUnlockKey,
  newDek,
  readDekFile,
  unlockKeyBytesRaw,
  unwrapDek,
  writeDekFile,
} from "./dek-store.js";
import { lockedMessage, tryUnlock, waitForUnlock } from "./locked-node.js";

/** The DEK and the unlock key its file is wrapped with (null: stored plain). */
export interface ManagerKeys {
  /** The raft data encryption key. */
  readonly dek: Buffer;
  /** The unlock key the DEK file is wrapped with, or null when autolock is off. */
  readonly unlockKey: Buffer | null;
}

/** Where a locked manager waits for its key, and how it reports. */
export interface LoadKeysOptions {
  /** The control socket a locked manager serves Unlock on. */
  readonly socketPath: string;
  /** An unlock key given up front (tests, automation); a wrong one fails the start. */
  readonly unlockKey?: string;
  /** Reports the locked state and unlock attempts. */
  readonly log: (level: "info" | "warn", event: string, fields: Record<string, unknown>) => void;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * The manager's keys: a new DEK (written plain) when the manager directory holds no raft state
 * yet; the stored one otherwise, waiting for the unlock key when it is wrapped.
 */
export async function loadManagerKeys(managerDir: string, options: LoadKeysOptions): Promise<ManagerKeys> {
  const file = await readDekFile(managerDir);
  if (!file) {
    if (await exists(join(managerDir, "wal"))) throw new DekFileError(dekPath(managerDir), "is missing");
    const dek = newDek();
    await writeDekFile(managerDir, encodeDekFile(dek, null));
    return { dek, unlockKey: null };
  }
  if (!file.locked) return { dek: unwrapDek(file, new Uint8Array()), unlockKey: null };
  if (options.unlockKey !== undefined) return tryUnlock(file, options.unlockKey);
  options.log("warn", "node.locked", { message: lockedMessage, socket: options.socketPath });
  const unlocked = await waitForUnlock(options.socketPath, file, (ok) =>
    options.log(ok ? "info" : "warn", ok ? "node.unlocked" : "node.unlock-refused", {}),
  );
  return unlocked;
}

/** Turns autolock on with a fresh unlock key (`swarmd init --autolock`); returns the key as operators type it. */
export async function enableAutolock(store: MemoryStore): Promise<string> {
  const unlockKey = randomBytes(unlockKeyBytesRaw);
  await store.update((tx) => {
    const cluster = tx.all("cluster")[0];
    if (!cluster) return;
    tx.update("cluster", {
      ...cluster,
      spec: { ...cluster.spec, encryptionConfig: { ...cluster.spec?.encryptionConfig, autoLockManagers: true } },
      unlockKey,
    });
  });
  return formatUnlockKey(unlockKey);
}

/** The cluster's unlock key as operators type it; empty when autolock is off. */
export function currentUnlockKey(store: MemoryStore): string {
  const cluster = store.view((tx) => tx.all("cluster")[0]);
  const key = cluster?.spec?.encryptionConfig?.autoLockManagers ? cluster.unlockKey : null;
  return key && key.length > 0 ? formatUnlockKey(key) : "";
}
