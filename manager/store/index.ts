// The face of the replicated store.
export {
  MemoryStore,
  proposalBytesMax,
  transactionBytesMax,
  transactionBytesSoftMax,
  type ReadTx,
  type WriteTx,
  type StoreProposer,
  type StoreCommit,
  type TransactionOutcome,
} from "./store.js";
export { updateEach } from "./update-each.js";
export { type StoreEvent, type StoreChange } from "./apply/apply-transaction.js";
export { type TaskQuery } from "./apply/tables.js";
export { sameContent, updateIfChanged } from "./update-if-changed.js";
export {
  ObjectExistsError,
  ObjectNotFoundError,
  NameConflictError,
  SequenceConflictError,
  TransactionTooLargeError,
} from "./errors.js";
export {
  type ObjectKind,
  type ObjectsByKind,
  type StoredObject,
  objectKinds,
  idOf,
  nameOf,
  versionOf,
} from "./objects.js";
