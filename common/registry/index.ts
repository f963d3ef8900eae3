// Container image registries: references, credentials, and asking a registry what a tag names.
export {
  defaultRegistry,
  defaultRegistryEndpoint,
  imageReferenceCharsMax,
  parseImageReference,
  pinnedImage,
  registryEndpoint,
  unpinnedImage,
  type ImageReference,
} from "./image-reference.js";
export {
  decodeRegistryAuth,
  encodeRegistryAuth,
  registryAuthBytesMax,
  type RegistryCredentials,
} from "./registry-auth.js";
export { dockerCertsDirDefault, isLoopbackRegistry, registryBodyBytesMax } from "./registry-http.js";
export {
  inspectDistribution,
  RegistryError,
  resolveTimeoutMsDefault,
  type DistributionInfo,
  type ImagePlatform,
  type InspectDistributionOptions,
} from "./resolve-digest.js";
export {
  hasRegistryAuth,
  serviceWithoutRegistryAuth,
  taskSpecWithoutRegistryAuth,
  taskWithoutRegistryAuth,
} from "./redact.js";
