// A manager whose DEK is wrapped (autolock) cannot open its raft state until an operator gives the
// unlock key. Until then it serves the Control service on its control socket with one working
// call, Unlock; every other call is refused with a message saying how to unlock, as Docker does.
import { chmod, rm } from "node:fs/promises";
import * as grpc from "@grpc/grpc-js";
import { SwarmError } from "../common/index.js";
import { controlService, type swarm } from "../proto/index.js";
import { type DekFile, InvalidUnlockKeyError, parseUnlockKey, unwrapDek } from "./dek-store.js";

/** What a locked manager answers to everything but Unlock (and logs once at start). */
export const lockedMessage = "this manager is locked: run `swarmctl cluster unlock` with the unlock key";

/** The manager is locked and no unlock key was given where one had to be (no control socket to wait on). */
export class ManagerLockedError extends SwarmError {
  constructor() {
    super("MANAGER_LOCKED", lockedMessage);
  }
}

/** The DEK and the unlock key that opened it. */
export interface Unlocked {
  /** The raft data encryption key. */
  readonly dek: Buffer;
  /** The unlock key the DEK file is wrapped with. */
  readonly unlockKey: Buffer;
}

type Handler = (
  call: { request?: unknown; emit?: (event: string, value: unknown) => void },
  callback?: grpc.sendUnaryData<unknown>,
) => void;

function statusError(code: grpc.status, details: string, errorCode?: string): Partial<grpc.StatusObject> {
  if (errorCode === undefined) return { code, details };
  // Clients that must tell "locked" from other refusals (the Engine API front end) read this code.
  const metadata = new grpc.Metadata();
  metadata.set("swarm-error-code", errorCode);
  return { code, details, metadata };
}

/** Tries a human unlock key against the DEK file; InvalidUnlockKeyError when it does not open it. */
export function tryUnlock(file: DekFile, unlockKeyText: string): Unlocked {
  const unlockKey = parseUnlockKey(unlockKeyText);
  return { dek: unwrapDek(file, unlockKey), unlockKey };
}

/**
 * Serves the locked Control service on `socketPath` until an Unlock call brings the right key;
 * then answers it, closes the socket and resolves with the DEK. A wrong key is answered with
 * INVALID_ARGUMENT and the manager stays locked.
 */
export async function waitForUnlock(
  socketPath: string,
  file: DekFile,
  onAttempt: (ok: boolean) => void = () => undefined,
): Promise<Unlocked> {
  let resolveUnlocked!: (unlocked: Unlocked) => void;
  const unlocked = new Promise<Unlocked>((resolve) => (resolveUnlocked = resolve));
  const handlers: Record<string, Handler> = {};
  for (const [name, method] of Object.entries(controlService)) {
    handlers[name] = (call, callback) => {
      const refusal = statusError(grpc.status.FAILED_PRECONDITION, lockedMessage, new ManagerLockedError().code);
      if (method.responseStream) call.emit?.("error", refusal);
      else callback?.(refusal, null);
    };
  }
  handlers.unlock = (call, callback) => {
    try {
      const result = tryUnlock(file, (call.request as swarm.v1.UnlockRequest).unlockKey);
      onAttempt(true);
      callback?.(null, {});
      resolveUnlocked(result);
    } catch (error) {
      if (!(error instanceof InvalidUnlockKeyError)) throw error;
      onAttempt(false);
      callback?.(statusError(grpc.status.INVALID_ARGUMENT, error.message), null);
    }
  };
  await rm(socketPath, { force: true });
  const server = new grpc.Server();
  server.addService(controlService, handlers);
  await new Promise<number>((resolve, reject) =>
    server.bindAsync(`unix://${socketPath}`, grpc.ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve(port),
    ),
  );
  await chmod(socketPath, 0o600);
  const result = await unlocked;
  // The answer goes out before the socket closes; the manager then binds the same path.
  await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
  return result;
}
