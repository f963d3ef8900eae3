// From the manager's gRPC statuses to the Engine API's HTTP answers, with Docker's status codes
// (moby's httpstatus.FromError) and, where scripts and the docker CLI read the text, Docker's
// words: "update out of sequence", the locked-swarm and not-a-manager messages. Field paths in
// INVALID_ARGUMENT messages name proto fields; they are translated to Docker's PascalCase paths so
// the user sees the field of the JSON they sent.
import { grpcStatus, grpcStatusOfCode, isErrorCode, SwarmError } from "../../common/index.js";
import { HttpError } from "../http-error.js";

/** Docker's answer to every swarm call on a manager whose raft state is still locked. */
export const lockedSwarmMessage =
  'Swarm is encrypted and needs to be unlocked before it can be used. Please use "docker swarm unlock" to unlock it.';

/** Docker's answer to swarm calls on a node that is not a manager. */
export const notManagerMessage =
  "This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.";

/** The error code a locked manager's refusals carry in their `swarm-error-code` metadata. */
export const lockedErrorCode = "MANAGER_LOCKED";

/** gRPC status codes by name (the catalogue's table, so this module needs no grpc-js). */
const Code = grpcStatus;

/** The parts of a gRPC error this module reads. */
export interface GrpcErrorLike {
  readonly code: number;
  readonly details?: string;
  readonly metadata?: { get(key: string): unknown[] };
}

/** Whether a value is a gRPC status error. */
export function isGrpcError(error: unknown): error is GrpcErrorLike {
  return error instanceof Error && typeof (error as { code?: unknown }).code === "number" && "details" in error;
}

/** The `swarm-error-code` a manager attached to an error, or "". */
export function swarmErrorCode(error: GrpcErrorLike): string {
  const value = error.metadata?.get("swarm-error-code")[0];
  return typeof value === "string" ? value : "";
}

/** Proto field names whose Docker name is not just the capitalised name. */
const dockerSegments: Readonly<Record<string, string>> = {
  task: "TaskTemplate",
  container: "ContainerSpec",
  restart: "RestartPolicy",
  update: "UpdateConfig",
  rollback: "RollbackConfig",
  endpoint: "EndpointSpec",
  replicated: "Mode.Replicated",
  global: "Mode.Global",
  replicatedJob: "Mode.ReplicatedJob",
  globalJob: "Mode.GlobalJob",
  nanoCpus: "NanoCPUs",
  secretId: "SecretID",
  configId: "ConfigID",
  dnsConfig: "DNSConfig",
  tty: "TTY",
  capabilityAdd: "CapabilityAdd",
  stopGracePeriodNs: "StopGracePeriod",
  delayNs: "Delay",
  monitorNs: "Monitor",
  windowNs: "Window",
  intervalNs: "Interval",
  timeoutNs: "Timeout",
  startPeriodNs: "StartPeriod",
  startIntervalNs: "StartInterval",
  pidsLimit: "Resources.Limits.Pids",
  healthcheck: "Healthcheck",
  caConfig: "CAConfig",
  nodeCertExpiryNs: "NodeCertExpiry",
  signingCaCertPem: "SigningCACert",
  signingCaKeyPem: "SigningCAKey",
  externalCas: "ExternalCAs",
  caCertPem: "CACert",
  url: "URL",
  heartbeatPeriodNs: "HeartbeatPeriod",
  desiredRole: "Role",
};

/** Translates a proto field path ("spec.task.container.image") to Docker's ("TaskTemplate.ContainerSpec.Image"). */
export function dockerFieldPath(protoPath: string): string {
  const segments = protoPath.split(".");
  if (segments[0] === "spec") segments.shift();
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? "";
    const match = /^([A-Za-z]+)(\[\d+\])?$/.exec(segment);
    if (!match) {
      out.push(segment);
      continue;
    }
    const name = match[1] ?? "";
    if (name === "annotations" && (segments[i + 1] === "name" || segments[i + 1] === "labels")) continue;
    const docker = dockerSegments[name] ?? `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
    out.push(`${docker}${match[2] ?? ""}`);
  }
  return out.join(".");
}

/** Rewrites the leading "field: problem" of an INVALID_ARGUMENT message in Docker's terms. */
function dockerFieldMessage(details: string): string {
  const match = /^([A-Za-z][\w.[\]]*): (.*)$/s.exec(details);
  if (!match || !match[1]?.includes(".")) return details;
  return `${dockerFieldPath(match[1])}: ${match[2] ?? ""}`;
}

/**
 * The HTTP answer for any error a route met; HttpErrors pass through, and a SwarmError raised in
 * this process (the daemon's own init, join and leave) answers as its gRPC status would.
 */
export function httpErrorOf(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof SwarmError && isErrorCode(error.code))
    return httpErrorOfStatus(grpcStatusOfCode(error.code), error.message, error.code, error);
  if (!isGrpcError(error))
    return new HttpError(500, error instanceof Error ? error.message : String(error), { cause: error });
  return httpErrorOfStatus(error.code, error.details ?? "", swarmErrorCode(error), error);
}

/** Docker's HTTP answer for a gRPC status with its details and swarm-ts error code. */
function httpErrorOfStatus(code: number, details: string, errorCode: string, cause: unknown): HttpError {
  switch (code) {
    case Code.NOT_FOUND:
      return new HttpError(404, details, { cause });
    case Code.INVALID_ARGUMENT:
      return new HttpError(400, dockerFieldMessage(details), { cause });
    case Code.OUT_OF_RANGE:
      return new HttpError(400, details, { cause });
    case Code.FAILED_PRECONDITION:
      if (errorCode === lockedErrorCode) return new HttpError(503, lockedSwarmMessage, { cause });
      // Scripts grep Docker's wording; swarmkit answers a stale version with "update out of sequence".
      if (/out of sequence/.test(details)) return new HttpError(500, `update out of sequence (${details})`, { cause });
      return new HttpError(400, details, { cause });
    case Code.ALREADY_EXISTS:
    case Code.ABORTED:
      return new HttpError(409, details, { cause });
    case Code.PERMISSION_DENIED:
      return new HttpError(403, details, { cause });
    case Code.UNAUTHENTICATED:
      return new HttpError(401, details, { cause });
    case Code.UNIMPLEMENTED:
      return new HttpError(501, details, { cause });
    case Code.UNAVAILABLE:
      return new HttpError(503, details, { cause });
    default:
      return new HttpError(500, details || `rpc error: code = ${code}`, { cause });
  }
}
