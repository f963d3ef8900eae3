// Goal: the DEK file keeps the key plain or wrapped, only the right unlock key unwraps it, and the
// file is private to root.
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import {
  dekPath,
  encodeDekFile,
  formatUnlockKey,
  InvalidUnlockKeyError,
  newDek,
  parseUnlockKey,
  readDekFile,
  unwrapDek,
  writeDekFile,
} from "./dek-store.js";

test("dek store parses the unlock keys it formats and refuses others", (t) => {
  const raw = randomBytes(32);
  const text = formatUnlockKey(raw);
  t.regex(text, /^SWMKEY-1-[A-Za-z0-9_-]{43}$/);
  t.deepEqual(parseUnlockKey(` ${text}\n`), raw);
  for (const bad of ["", "SWMTKN-1-abc", "SWMKEY-1-short", `SWMKEY-1-${"!".repeat(43)}`])
    t.throws(() => parseUnlockKey(bad), { instanceOf: InvalidUnlockKeyError });
});

test("dek store wraps the key so only the right unlock key opens it", (t) => {
  const dek = newDek();
  const unlockKey = randomBytes(32);
  const file = encodeDekFile(dek, unlockKey);
  t.true(file.locked);
  t.false(JSON.stringify(file).includes(dek.toString("base64")), "the wrapped file does not hold the key");
  t.deepEqual(unwrapDek(file, unlockKey), dek);
  const error = t.throws(() => unwrapDek(file, randomBytes(32)), { instanceOf: InvalidUnlockKeyError });
  t.regex(error?.message ?? "", /wrong unlock key/);
  t.deepEqual(unwrapDek(encodeDekFile(dek, null), new Uint8Array()), dek);
});

test("dek store writes the file atomically with mode 0600", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), "swarm-dek-"));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const managerDir = join(dir, "manager");
  t.is(await readDekFile(managerDir), null);
  const dek = newDek();
  await writeDekFile(managerDir, encodeDekFile(dek, null));
  t.is((await stat(dekPath(managerDir))).mode & 0o777, 0o600);
  const back = await readDekFile(managerDir);
  t.deepEqual(back && unwrapDek(back, new Uint8Array()), dek);
  t.true((await readFile(dekPath(managerDir), "utf8")).endsWith("\n"));
});
