// The face of the Watch API: store events streamed to operators and tools by every manager.
export {
  WatchHistoryGoneError,
  WatchService,
  type WatchServiceOptions,
  WatchSnapshotInstalledError,
  WatchTooSlowError,
  watchHistoryEventsMax,
  watchQueueMessagesMax,
} from "./watch-service.js";
export { compileEntries, type EventFilter, storeObjectOf, watchEntriesMax } from "./watch-filter.js";
