// The CA's operating errors. PERMISSION_DENIED is the one answer to every failed check of who the
// caller is (no certificate, another cluster's, a removed node, a role not allowed, a wrong join
// token), so that a caller learns nothing about which check failed.
import { SwarmError } from "../../common/index.js";

/** The caller may not do this: wrong or rotated join token, missing or unacceptable certificate, role not allowed. */
export class PermissionDeniedError extends SwarmError {
  constructor(message: string) {
    super("PERMISSION_DENIED", message);
  }
}

/** A certificate is not a node certificate (no node id, role or cluster id in its subject), or cannot be parsed. */
export class InvalidCertificateError extends SwarmError {
  constructor(problem: string, options: { cause?: unknown } = {}) {
    super("INVALID_CERTIFICATE", `not a node certificate: ${problem}`, options);
  }
}
