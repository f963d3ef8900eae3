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
  peerCertificateOf,
  peerIdentityResolver,
  raftPeerResolver,
  type RaftPeerOptions,
  type CurrentRoleOptions,
  identityCacheEntriesMax,
  type PeerIdentityOptions,
  type ResolveIdentity,
  storeIdentityResolver,
} from "./authorize.js";
export {
  type CaServiceOptions,
  certificateStatusWaitMsMax,
  createCaService,
  nodeIdForKey,
  roleForJoinToken,
} from "./ca-service.js";
export { issueOperatorCertificate, operatorCertificateHandler, operatorExpiryNsMax } from "./operator-certificate.js";
export {
  EngineApiServerRole,
  issueServingCertificate,
  servingAltName,
  type ServingCertificateOptions,
  servingNameCharsMax,
  servingNames,
  signServingCertificate,
} from "./serving-certificate.js";
export { crossSignRoot, rootCaLifeMsMin, validateNewRoot } from "./cross-sign.js";
export {
  cfsslProtocol,
  type CfsslName,
  certificateOfAnswer,
  type CfsslSignRequest,
  ExternalCaError,
  externalCasMax,
  type ExternalCaTls,
  externalCaTimeoutMs,
  parseExternalCaUrl,
} from "./external-ca.js";
export {
  checkCrossSigned,
  crossSignExternally,
  crossSignProfile,
  crossSignRequest,
  type ExternalCrossSignOptions,
} from "./external-cross-sign.js";
export { joinCertificates, leafPem, normalisedPem, pemCertificatesMax, splitCertificates } from "./pem.js";
export {
  type CaChange,
  type CaChangeOptions,
  caPemCharsMax,
  prepareCaChange,
  validateCaConfig,
} from "./root-rotation.js";
export {
  finishedRotation,
  RootRotationReconciler,
  rotationWritesPerTxMax,
  tokenForRoot,
} from "./root-rotation-reconciler.js";
export {
  type NodeRotationState,
  planRootRotation,
  rotationInFlightMax,
  type RotationInput,
  type RotationPlan,
  rotationReportGraceMs,
} from "./rotation-plan.js";
export {
  rotationInProgress,
  sameCertificate,
  signingRootOf,
  type ExternalSigning,
  type SigningRoot,
  signNodeChain,
  trustBundleOf,
} from "./signing-root.js";
export { type IssuerInfo, issuerOfCa, issuerOfLeaf, sameIssuer, tlsInfoOf } from "./tls-info.js";
