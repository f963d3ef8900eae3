// The joining node's side of the CA: fetch the root certificate over a channel that cannot be
// trusted yet and accept it only if its digest is the one in the join token (no trust on first
// use: a man in the middle cannot forge a certificate with that digest), then request a node
// certificate over a channel that verifies the manager against that pinned CA.
import { realClock } from "../../common/index.js";
import * as grpc from "@grpc/grpc-js";
import {
  caDigest,
  isGrpcStatusError,
  ManagerUnreachableError,
  parseJoinToken,
  SwarmError,
  unreachableReason,
} from "../../common/index.js";
import { parseNodeIdentity, signedByCa } from "../../manager/index.js";
import { CAClient, swarm } from "../../proto/index.js";
import { clientCredentials, managerChannelOptions, pinnedCaCredentials } from "./tls-credentials.js";

/** Deadline of each CA call, in milliseconds. */
export const caCallTimeoutMs = 10_000;
/**
 * Most NodeCertificateStatus calls before giving up: each one waits on the manager until the
 * certificate is no longer pending (or the call's deadline passes), so none of them is a poll.
 */
export const certificateStatusPollsMax = 10;
/** Most times one certificate request is sent again, with the same CSR, after its deadline passed. */
export const certificateRequestRetriesMax = 2;

/** The root CA a manager handed over is not the one the join token names. */
export class CaDigestMismatchError extends SwarmError {
  constructor(addr: string, expected: string, actual: string) {
    super(
      "CA_DIGEST_MISMATCH",
      `the root CA certificate served at ${addr} does not match the join token (digest ${actual}, token says ${expected}); refusing to trust it`,
      {
        context: { addr, expected, actual },
      },
    );
  }
}

/** The CA answered with something that is not a valid certificate for this node. */
export class CertificateRequestError extends SwarmError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super("CERTIFICATE_REQUEST_FAILED", message, options);
  }
}

/** The manager refused to admit this node (a wrong or rotated token, a CA that cannot sign, …). */
export class JoinRefusedError extends SwarmError {
  constructor(addr: string, reason: string, options: { cause?: unknown } = {}) {
    super("JOIN_REFUSED", `the manager at ${addr} refused the join: ${reason}`, { context: { addr }, ...options });
  }
}

/**
 * What a failed CA call means for the operator, in one line: the manager could not be reached,
 * or it answered with a refusal (its own words, without grpc-js's "7 PERMISSION_DENIED: " prefix).
 */
function joinFailure(addr: string, error: unknown): unknown {
  if (!isGrpcStatusError(error)) return error;
  const unreachable = unreachableReason(error);
  if (unreachable !== undefined) return new ManagerUnreachableError(addr, unreachable, { cause: error });
  const reason = error.details.split("\n")[0]?.trim() || `gRPC status ${error.code}`;
  return new JoinRefusedError(addr, reason, { cause: error });
}

/** Runs one call with a callback as a promise. */
function promised<Res>(
  start: (callback: (error: grpc.ServiceError | null, response?: Res) => void) => unknown,
): Promise<Res> {
  return new Promise((resolve, reject) => {
    start((error, response) => (error ? reject(error) : resolve(response!)));
  });
}

/** Call options with the CA call deadline. */
function withDeadline(): Partial<grpc.CallOptions> {
  return { deadline: realClock.now() + caCallTimeoutMs };
}

/**
 * Fetches the root CA certificate from a manager at `addr` (host:port) and returns its PEM if its
 * digest matches the join token's; throws CaDigestMismatchError otherwise. The channel does not
 * verify the server: nothing is trusted until the digest matched.
 */
export async function fetchRootCa(addr: string, token: string): Promise<string> {
  const { digest } = parseJoinToken(token);
  const credentials = grpc.credentials.createSsl(null, null, null, {
    rejectUnauthorized: false,
    checkServerIdentity: () => undefined,
  });
  const client = new CAClient(addr, credentials, managerChannelOptions);
  try {
    const response = await promised<swarm.v1.GetRootCACertificateResponse>((cb) =>
      client.getRootCACertificate({}, new grpc.Metadata(), withDeadline(), cb),
    );
    const actual = caDigest(response.certificatePem);
    if (actual !== digest) throw new CaDigestMismatchError(addr, digest, actual);
    return Buffer.from(response.certificatePem).toString("utf8");
  } catch (error) {
    throw joinFailure(addr, error);
  } finally {
    client.close();
  }
}

/** What a node needs to ask for a certificate: a join token for a new node, or its current certificate to renew. */
export interface CertificateRequest {
  /** PEM CSR (see createCsr). */
  readonly csr: string;
  /** The pinned root CA (from fetchRootCa, or the state dir). */
  readonly caPem: string;
  /** Join token for a new node. */
  readonly token?: string;
  /** The node's current certificate and key, to renew without a token. */
  readonly identity?: { readonly certPem: string; readonly keyPem: string };
  /** Address this node is reachable at, host:port, recorded on its node object. */
  readonly availabilityAddr?: string;
  /** Availability a joining node starts with (`swarmd join --availability`); absent: active. */
  readonly availability?: swarm.v1.NodeSpec.Availability;
}

/** A certificate the CA issued. */
export interface IssuedCertificate {
  /** The node's id (the certificate's CN). */
  readonly nodeId: string;
  /** PEM of the certificate. */
  readonly certPem: string;
  /** PEM of the root CA that signed it. */
  readonly caPem: string;
}

/** Most times a certificate request follows a "not the leader" answer to another manager or waits for an election. */
export const certificateRedirectsMax = 10;
/** Pause before asking again while no leader is known (an election under way), in milliseconds. */
export const noLeaderRetryMs = 500;

/**
 * The leader a manager named when it refused a call as a follower ("not the leader; the leader is
 * <raft id> at host:port"), null when it named none (an election under way), undefined when the
 * error is not such a refusal.
 */
export function redirectOf(error: unknown): string | null | undefined {
  // requestAt hands the operator's one-line error up, with the gRPC status as its cause.
  const cause = error instanceof SwarmError && error.cause !== undefined ? error.cause : error;
  const e = cause as Partial<grpc.ServiceError> | null;
  if (!e || e.code !== grpc.status.UNAVAILABLE) return undefined;
  const text = `${e.details ?? ""} ${e.message ?? ""}`;
  const named = /not the leader; the leader is (?:\d+ )?at (\S+:\d+)/.exec(text);
  if (named) return named[1] ?? null;
  return /not the leader|no leader is known/.test(text) ? null : undefined;
}

/**
 * Sends the CSR to the CA of the manager at `addr` over a channel that accepts only a manager
 * certified by the pinned CA (one of `options.channels` when given, for a token request), then
 * waits on NodeCertificateStatus until the certificate is issued; a request whose deadline passed
 * is sent again with the same CSR, which the CA answers with the node the first one made.
 * Checks that the certificate chains to the pinned CA and names the node id the CA gave. Only the
 * leader signs: a follower's answer naming the leader is followed there (the channel still pins
 * the CA, so a redirect cannot lead to an impostor), and while no leader is known the request is
 * asked again shortly, as the cluster may be electing one (a joining manager can cause that).
 */
export async function requestNodeCertificate(
  addr: string,
  request: CertificateRequest,
  options: { readonly channels?: CaChannels } = {},
): Promise<IssuedCertificate> {
  let target = addr;
  for (let attempt = 0; ; attempt++) {
    try {
      return await requestAt(target, request, options.channels);
    } catch (error) {
      const leader = redirectOf(error);
      if (leader === undefined || attempt >= certificateRedirectsMax) throw error;
      if (leader === null || leader === target) await realClock.sleep(noLeaderRetryMs);
      else target = leader;
    }
  }
}

/**
 * Channels to the CA of one or more managers, pinned to one root CA, that many certificate requests
 * share: a process joining many nodes (the hollow workers of a benchmark) opens one TLS connection
 * per manager instead of one per join. Requests with a token only (no identity) may use it.
 */
export class CaChannels {
  private readonly clients = new Map<string, CAClient>();
  private readonly credentials: grpc.ChannelCredentials;

  constructor(
    /** The pinned root CA (PEM). */
    readonly caPem: string,
  ) {
    this.credentials = pinnedCaCredentials(caPem);
  }

  /** The CA client of the manager at `addr`, opened on first use. */
  client(addr: string): CAClient {
    let client = this.clients.get(addr);
    if (!client) {
      client = new CAClient(addr, this.credentials, managerChannelOptions);
      this.clients.set(addr, client);
    }
    return client;
  }

  /** Closes every channel. */
  close(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }
}

/** Whether a failed request's deadline passed (the manager may have committed it all the same). */
function deadlinePassed(error: unknown): boolean {
  const cause = error instanceof SwarmError && error.cause !== undefined ? error.cause : error;
  return isGrpcStatusError(cause) && Number(cause.code) === Number(grpc.status.DEADLINE_EXCEEDED);
}

async function requestAt(addr: string, request: CertificateRequest, shared?: CaChannels): Promise<IssuedCertificate> {
  for (let retry = 0; ; retry++) {
    try {
      return await requestOnce(addr, request, shared);
    } catch (error) {
      // The CA makes one node per key (a request asked again finds the node the first one made), so
      // a request whose deadline passed is sent again as it was.
      if (!deadlinePassed(error) || retry >= certificateRequestRetriesMax) throw error;
    }
  }
}

async function requestOnce(addr: string, request: CertificateRequest, shared?: CaChannels): Promise<IssuedCertificate> {
  const channels =
    shared !== undefined && request.identity === undefined && shared.caPem === request.caPem ? shared : undefined;
  const client =
    channels?.client(addr) ??
    new CAClient(
      addr,
      request.identity
        ? clientCredentials({ caPem: request.caPem, ...request.identity })
        : pinnedCaCredentials(request.caPem),
      managerChannelOptions,
    );
  try {
    const issue = {
      csrPem: Buffer.from(request.csr),
      token: request.token ?? "",
      availabilityAddr: request.availabilityAddr ?? "",
      availability: request.availability ?? swarm.v1.NodeSpec.Availability.AVAILABILITY_ACTIVE,
    };
    const { nodeId } = await promised<swarm.v1.IssueNodeCertificateResponse>((cb) =>
      client.issueNodeCertificate(issue, new grpc.Metadata(), withDeadline(), cb),
    );
    for (let poll = 0; poll < certificateStatusPollsMax; poll++) {
      const status = await promised<swarm.v1.NodeCertificateStatusResponse>((cb) =>
        client.nodeCertificateStatus({ nodeId }, new grpc.Metadata(), withDeadline(), cb),
      );
      const state = Number(status.certificate?.status ?? 0);
      if (state === Number(swarm.v1.Certificate.Status.STATUS_FAILED))
        throw new CertificateRequestError(
          `the CA could not sign the certificate of node ${nodeId}: ${status.certificate?.message ?? ""}`,
        );
      if (state === Number(swarm.v1.Certificate.Status.STATUS_ISSUED)) {
        const certPem = Buffer.from(status.certificate?.certificatePem ?? []).toString("utf8");
        if (!signedByCa(certPem, request.caPem))
          throw new CertificateRequestError(
            `the certificate issued for node ${nodeId} is not signed by the pinned root CA`,
          );
        if (parseNodeIdentity(certPem).nodeId !== nodeId)
          throw new CertificateRequestError(`the certificate issued for node ${nodeId} names another node`);
        // The roots the CA says to trust (the new root too during a root rotation), when the
        // certificate chains to them; the channel pinned the CA, so the answer is the cluster's.
        const bundle = Buffer.from(status.rootCaPem ?? []).toString("utf8");
        const caPem = bundle.length > 0 && signedByCa(certPem, bundle) ? bundle : request.caPem;
        return { nodeId, certPem, caPem };
      }
    }
    throw new CertificateRequestError(
      `the certificate of node ${nodeId} was not issued after ${certificateStatusPollsMax} status calls`,
    );
  } catch (error) {
    throw joinFailure(addr, error);
  } finally {
    if (!channels) client.close();
  }
}
