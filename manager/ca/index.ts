// The face of manager/ca: the cluster's root CA, node certificates, the CA service and the
// per-RPC role checks that every node-to-node service uses.
export {
  createCertificateRequest,
  csrSubjectDefault,
  generateKeyPair,
  keyAlgorithm,
  loadKeyPair,
  type PemKeyPair,
  signingAlgorithm,
} from "./crypto-keys.js";
export { InvalidCertificateError, PermissionDeniedError } from "./errors.js";
export {
  clockSkewMs,
  createRootCa,
  randomSerial,
  type RootCa,
  rootCaCommonName,
  rootCaValidityMs,
  serialBytes,
} from "./root-ca.js";
export {
  type CertificateInput,
  type CertificateRole,
  certificateRole,
  certificateValidity,
  csrPemCharsMax,
  issueNodeCertificate,
  ManagerRole,
  type CallerRole,
  OperatorRole,
  operatorNameCharsMax,
  validateOperatorName,
  type NodeCertificateOptions,
  nodeCertExpiryMsDefault,
  type NodeIdentity,
  parseNodeIdentity,
  protoRole,
  signedByCa,
  verifiedCsr,
  WorkerRole,
} from "./node-certificate.js";
export {
  authorize,
  grpcStatusOf,
  guardService,
  identityOf,
  type PeerCall,
  peerIdentityResolver,
  raftPeerResolver,
  type RaftPeerOptions,
  type CurrentRoleOptions,
  identityCacheEntriesMax,
  type PeerIdentityOptions,
  type ResolveIdentity,
  storeIdentityResolver,
} from "./authorize.js";
export { type CaServiceOptions, createCaService, roleForJoinToken } from "./ca-service.js";
export { issueOperatorCertificate, operatorCertificateHandler, operatorExpiryNsMax } from "./operator-certificate.js";
export {
  EngineApiServerRole,
  issueServingCertificate,
  servingAltName,
  type ServingCertificateOptions,
  servingNameCharsMax,
  servingNames,
} from "./serving-certificate.js";
