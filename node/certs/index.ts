// The face of node/certs: a node's key, CSR and certificate files, joining (pinning the root CA,
// requesting a certificate), automatic renewal, and the mutual-TLS credentials built from them.
export {
  CertificateKeyMismatchError,
  certFileMode,
  certificatesDirMode,
  certificatesDirName,
  keyFileMode,
  type NodeCertificates,
  NodeCertStore,
} from "./cert-store.js";
export {
  caCallTimeoutMs,
  CaChannels,
  CaDigestMismatchError,
  type CertificateRequest,
  CertificateRequestError,
  certificateRequestRetriesMax,
  certificateStatusPollsMax,
  fetchRootCa,
  type IssuedCertificate,
  requestNodeCertificate,
} from "./join-client.js";
export { createCsr, generateNodeKey, loadNodeKey, type NodeKey } from "./node-key.js";
export {
  type CertificateValidity,
  renewalLifeFractionMax,
  renewalLifeFractionMin,
  renewalRetryMs,
  renewalRetryMsMax,
  renewalRetryMsMin,
  RenewalScheduler,
  type RenewalSchedulerOptions,
  renewalTime,
} from "./renewal-scheduler.js";
export {
  type ClientCertificatePolicy,
  clientCredentials,
  managerChannelOptions,
  managerServerCheck,
  NodeCertificateProvider,
  pinnedCaCredentials,
  providerClientCredentials,
  providerServerCredentials,
  type TlsCredentials,
  tlsCredentials,
  type TlsMaterial,
} from "./tls-credentials.js";
