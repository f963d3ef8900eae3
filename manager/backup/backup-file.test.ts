// Goal: a backup file opens only as it was written: plain ones are checked by digest, sealed ones
// need the unlock key they were sealed with, and a damaged or foreign file is refused.
import { randomBytes } from "node:crypto";
import test from "ava";
import { BackupLockedError, decodeBackup, encodeBackup, InvalidBackupError } from "./backup-file.js";

const snapshot = Buffer.from("the store's objects");

test("backup file round-trips a plain snapshot and refuses a damaged one", (t) => {
  const file = encodeBackup(snapshot, { raftIndex: 42, clusterId: "c1" });
  const { header, snapshot: back } = decodeBackup(file);
  t.like(header, { raftIndex: 42, clusterId: "c1", encrypted: false });
  t.deepEqual(back, snapshot);
  const damaged = Buffer.from(file);
  damaged.writeUInt8(damaged.readUInt8(damaged.length - 1) ^ 1, damaged.length - 1);
  t.throws(() => decodeBackup(damaged), { instanceOf: InvalidBackupError, message: /damaged/ });
  t.throws(() => decodeBackup(Buffer.from("hello\nworld")), { instanceOf: InvalidBackupError });
});

test("backup file sealed with the unlock key opens only with that key", (t) => {
  const key = randomBytes(32);
  const file = encodeBackup(snapshot, { raftIndex: 7, clusterId: "c1", unlockKey: key });
  t.false(file.includes(snapshot));
  t.deepEqual(decodeBackup(file, key).snapshot, snapshot);
  t.throws(() => decodeBackup(file), { instanceOf: BackupLockedError, message: /--unlock-key/ });
  t.throws(() => decodeBackup(file, randomBytes(32)), { instanceOf: BackupLockedError });
  // The header is authenticated: a changed raft index is refused.
  const tampered = Buffer.from(file.toString("latin1").replace('"raftIndex":7', '"raftIndex":8'), "latin1");
  t.throws(() => decodeBackup(tampered, key), { instanceOf: BackupLockedError });
});
