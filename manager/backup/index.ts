// Online backup and restore of the store: the backup file format and the Control API handler.
export {
  backupBytesMax,
  backupFormat,
  type BackupHeader,
  backupHeaderBytesMax,
  BackupLockedError,
  backupVersion,
  decodeBackup,
  encodeBackup,
  InvalidBackupError,
  readBackupHeader,
} from "./backup-file.js";
export { backupChunkBytes, backupHandler, type BackupServiceOptions } from "./backup-service.js";
