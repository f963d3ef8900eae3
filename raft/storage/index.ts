// Durable storage of the raft library: the write-ahead log and snapshot files (format and layout
// in wal-format.ts). openWal recovers a directory and returns a Wal the driver saves Ready batches to.
export { openWal, type WalOptions, type Recovered, type TornTail } from "./open-wal.js";
export { Wal, type SaveBatch, type LogFn, segmentBytesMaxDefault, snapshotFilesKept } from "./wal.js";
export { WalCorruptError, WalIntegrityError, DiskFullError, WalIoError, WalClosedError } from "./errors.js";
export { dataKeyBytes, type WalEncryption } from "./wal-cipher.js";
export { type WalFs, type WalFile, nodeWalFs } from "./wal-fs.js";
export { crc32c } from "./crc32c.js";
export { recordPayloadBytesMax, walFormatVersion } from "./wal-format.js";
