// Helpers shared by every part: errors with stable codes, assertions, object ids.
export { SwarmError, InvalidArgumentError, NotFoundError, AlreadyExistsError } from "./errors.js";
export {
  errorCatalogue,
  grpcStatus,
  grpcStatusOfCode,
  isErrorCode,
  type ErrorCode,
  type ErrorCodeEntry,
  type GrpcStatusName,
} from "./error-catalogue.js";
export { errorFieldTrailer, errorMetadataCharsMax, metadataText, toServiceError } from "./grpc-status-error.js";
export { silentLog, type Log, type LogLevel } from "./log.js";
export { AssertionFailedError, assert, unreachable } from "./assert.js";
export { encodeId, isId, idLengthChars, idEntropyBytes, randomId } from "./ids.js";
export { waitFor, waitForMsDefault } from "./wait-for.js";
export { mulberry32, type Random, realRandom, SeededRandom } from "./random.js";
export { type Cancel, type Clock, nextRealTurn, realClock, sleepOn, type TimerOptions } from "./clock.js";
export { caDigest, joinTokenPrefix, newJoinToken, parseJoinToken, sameJoinToken } from "./join-token.js";
export { msFromTimestamp, timestampFromMs, type TimestampFields } from "./timestamp.js";
export {
  controlSocketPath,
  defaultStateDir,
  errorCodeTrailer,
  servingNodeTrailer,
  swarmHostEnv,
  unixTarget,
} from "./control-address.js";
export { FakeClock } from "./fake-clock.js";
export { childScriptArgs } from "./child-script.js";
export { isPredefinedNetwork, predefinedNetworks, type PredefinedNetwork } from "./predefined-networks.js";
export { claimLoopbackBlock, claimedLoopbackBlocks, LoopbackBlock, loopbackLockDir } from "./loopback-block.js";
export { isProcessImage, processImagePrefix, processProgramLengthMax, programOfProcessImage } from "./process-image.js";
export {
  runtimeOfImage,
  runtimePlugin,
  runtimePluginType,
  runtimesOfPlugins,
  taskRuntimes,
  type TaskRuntimeKind,
} from "./task-runtimes.js";
export { timerDelayMs, timerDelayMsMax } from "./timer-delay.js";
export { managerAnswerChannelOptions, managerMessageBytesMax } from "./grpc-limits.js";
export {
  grpcDeadlineExceeded,
  grpcUnavailable,
  isGrpcStatusError,
  ManagerUnreachableError,
  unreachableReason,
  type GrpcStatusError,
} from "./grpc-failure.js";
export { networkRemoveMsMax, networkRemoveRetryMs, removeNetworkWhenFree } from "./network-removal.js";
export {
  decodeRegistryAuth,
  defaultRegistry,
  encodeRegistryAuth,
  hasRegistryAuth,
  inspectDistribution,
  parseImageReference,
  pinnedImage,
  RegistryError,
  registryAuthBytesMax,
  resolveTimeoutMsDefault,
  serviceWithoutRegistryAuth,
  taskSpecWithoutRegistryAuth,
  taskWithoutRegistryAuth,
  unpinnedImage,
  type DistributionInfo,
  type ImageReference,
  type RegistryCredentials,
} from "./registry/index.js";
