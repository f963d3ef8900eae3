// The one list of error codes. Every SwarmError carries one of these codes (the compiler checks it:
// SwarmError's constructor takes an ErrorCode), each code maps to the gRPC status a client receives
// when the error crosses the wire, and each has the sentence operators read in docs/errors.md (a
// test keeps that page equal to this list). A code that had no status used to reach clients as
// UNKNOWN, which tells a client neither whether to retry nor whom to blame; here none can.

/**
 * gRPC status codes by name, as the gRPC specification numbers them. Written out rather than
 * imported from grpc-js so that code shipped to the browser (the dashboard) can use the catalogue;
 * a test checks every number against grpc-js.
 */
export const grpcStatus = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

/** The name of a gRPC status code. */
export type GrpcStatusName = keyof typeof grpcStatus;

/** What the catalogue says about one error code. */
export interface ErrorCodeEntry {
  /** The gRPC status a client receives for it. */
  readonly status: GrpcStatusName;
  /** What it means to an operator, and what to do about it: one or two sentences. */
  readonly meaning: string;
}

/** Every error code, with its gRPC status and its meaning. */
export const errorCatalogue = {
  // Requests
  INVALID_ARGUMENT: {
    status: "INVALID_ARGUMENT",
    meaning: "A request field is missing or malformed; the message names the field by its path. Fix the request.",
  },
  NOT_FOUND: { status: "NOT_FOUND", meaning: "The named object does not exist (or no longer does)." },
  ALREADY_EXISTS: {
    status: "ALREADY_EXISTS",
    meaning: "An object with that id or name exists already; names are unique per kind.",
  },
  FAILED_PRECONDITION: {
    status: "FAILED_PRECONDITION",
    meaning:
      "The request is well formed but the cluster's state refuses it (an object in use, a port taken, a pool exhausted); the message says which state.",
  },
  SEQUENCE_CONFLICT: {
    status: "FAILED_PRECONDITION",
    meaning: "An update was based on an old read of the object: read it again and reapply the change.",
  },
  TRANSACTION_TOO_LARGE: {
    status: "INVALID_ARGUMENT",
    meaning: "One write would not fit in one raft entry; split it or make the objects smaller.",
  },
  PROPOSAL_TOO_LARGE: {
    status: "INVALID_ARGUMENT",
    meaning: "One write would not fit in one raft entry; split it or make the objects smaller.",
  },
  PERMISSION_DENIED: {
    status: "PERMISSION_DENIED",
    meaning:
      "The caller's certificate or join token does not allow this call (a worker calling Control, a wrong token).",
  },
  RESOURCE_EXHAUSTED: {
    status: "RESOURCE_EXHAUSTED",
    meaning: "A bound of the manager was reached (too many subscriptions, a watcher too slow); retry later.",
  },
  // Leadership and availability
  NOT_LEADER: {
    status: "UNAVAILABLE",
    meaning: "This manager is not the leader and could not hand the call on; retry, or ask another manager.",
  },
  PROPOSAL_DROPPED: {
    status: "UNAVAILABLE",
    meaning: "The write was not committed because leadership changed while it was in flight; it may be retried.",
  },
  READ_INDEX_TIMEOUT: {
    status: "UNAVAILABLE",
    meaning: "No leader confirmed a read point in time (no quorum reachable); retry when the managers see each other.",
  },
  CLUSTER_NOT_READY: {
    status: "UNAVAILABLE",
    meaning: "The cluster is still starting (no cluster object or join tokens yet); retry shortly.",
  },
  MANAGER_UNREACHABLE: {
    status: "UNAVAILABLE",
    meaning: "No answer from the manager at the given address; check that it runs and that the address is right.",
  },
  NO_MANAGER: { status: "UNAVAILABLE", meaning: "This node knows no manager to talk to; it cannot renew or join." },
  MANAGER_LOCKED: {
    status: "FAILED_PRECONDITION",
    meaning: "The manager is locked (autolock) and serves nothing until `swarmctl cluster unlock` is given its key.",
  },
  NOT_A_MANAGER: {
    status: "FAILED_PRECONDITION",
    meaning: "The call needs a manager and this node is a worker; ask a manager.",
  },
  // Raft storage and transport
  DISK_FULL: {
    status: "RESOURCE_EXHAUSTED",
    meaning: "A manager's disk is full: it stops accepting writes. Free space and restart that member.",
  },
  WAL_IO: {
    status: "UNAVAILABLE",
    meaning: "A manager could not read or write its raft log; it stops serving. Check its disk, then restart it.",
  },
  WAL_CLOSED: { status: "UNAVAILABLE", meaning: "The manager is shutting down; ask another manager." },
  WAL_CORRUPT: {
    status: "DATA_LOSS",
    meaning: "A manager's raft log is corrupt beyond its torn tail; that member must be removed and join again.",
  },
  WAL_INTEGRITY: {
    status: "DATA_LOSS",
    meaning: "A manager's encrypted raft state fails its integrity check (tampered, corrupt, or the wrong key).",
  },
  DEK_FILE: {
    status: "DATA_LOSS",
    meaning: "A manager's data key file is missing or unreadable, so its raft state cannot be decrypted.",
  },
  RAFT_WIRE_INVALID: {
    status: "INVALID_ARGUMENT",
    meaning: "A raft message from another manager is malformed; it is dropped (check that members run one version).",
  },
  RAFT_SNAPSHOT_REFUSED: {
    status: "FAILED_PRECONDITION",
    meaning: "A snapshot sent by another manager was refused; the sender retries with a new one.",
  },
  RAFT_TRANSPORT_CLOSED: { status: "UNAVAILABLE", meaning: "The manager's raft transport is shutting down." },
  RAFT_TRANSPORT_LISTEN_FAILED: {
    status: "UNAVAILABLE",
    meaning: "The manager cannot listen on its raft address (taken, or not an address of this machine).",
  },
  // Certificates and joining
  INVALID_CERTIFICATE: {
    status: "INVALID_ARGUMENT",
    meaning: "A certificate or signing request is not one a node of this cluster may hold.",
  },
  CERTIFICATE_REQUEST_FAILED: {
    status: "UNAVAILABLE",
    meaning: "No certificate came back from the managers; the node retries, and says why in its log.",
  },
  CERTIFICATE_KEY_MISMATCH: {
    status: "FAILED_PRECONDITION",
    meaning: "The node's certificate and key on disk do not belong together; remove the node's folder and join again.",
  },
  CA_DIGEST_MISMATCH: {
    status: "PERMISSION_DENIED",
    meaning: "The manager's root CA is not the one the join token names: a wrong token, or someone in the middle.",
  },
  JOIN_REFUSED: { status: "PERMISSION_DENIED", meaning: "The manager refused the join; the message says why." },
  NO_CERTIFICATES: {
    status: "FAILED_PRECONDITION",
    meaning: "The state directory holds a node but not its certificates; `swarmd leave` and join again.",
  },
  EXTERNAL_CA_FAILED: {
    status: "UNAVAILABLE",
    meaning:
      "The operator's external CA (cfssl) did not sign, or signed something other than what was asked; the message says which.",
  },
  ROTATION_NOT_FINISHED: {
    status: "DEADLINE_EXCEEDED",
    meaning: "A root CA rotation still runs when the command stops waiting: nodes that are down keep it open.",
  },
  INVALID_UNLOCK_KEY: { status: "INVALID_ARGUMENT", meaning: "The unlock key given does not unlock this manager." },
  NO_UNLOCK_KEY: { status: "FAILED_PRECONDITION", meaning: "Autolock is off, so there is no unlock key to show." },
  // Node state and lifecycle
  NO_NODE_STATE: { status: "FAILED_PRECONDITION", meaning: "The state directory holds no node: init or join first." },
  NODE_STATE_EXISTS: {
    status: "ALREADY_EXISTS",
    meaning: "The state directory holds a node already: run it, or leave first.",
  },
  NODE_STATE_VERSION: {
    status: "FAILED_PRECONDITION",
    meaning: "The node's state file was written by another version of swarmd than this one reads.",
  },
  NODE_RUNNING: {
    status: "FAILED_PRECONDITION",
    meaning: "A swarmd still runs on this state directory; stop it first.",
  },
  STATE_DIR_LOCKED: {
    status: "FAILED_PRECONDITION",
    meaning: "Another swarmd holds this state directory; two cannot share one.",
  },
  MANAGER_LEAVE_REFUSED: {
    status: "FAILED_PRECONDITION",
    meaning: "A manager leaving could cost the cluster its quorum: demote it first, or leave with --force.",
  },
  LEAVE_FAILED: { status: "UNAVAILABLE", meaning: "No manager removed this node from the raft group; retry." },
  ENGINE_UNREACHABLE: {
    status: "UNAVAILABLE",
    meaning: "The Docker Engine does not answer on its socket; start dockerd or choose the process executor.",
  },
  // Backup and restore
  INVALID_BACKUP: { status: "INVALID_ARGUMENT", meaning: "The file is not a swarm-ts backup, or it is damaged." },
  BACKUP_LOCKED: {
    status: "FAILED_PRECONDITION",
    meaning: "The backup is encrypted with the cluster's unlock key; give it with --unlock-key.",
  },
  UNRESTORABLE_BACKUP: {
    status: "FAILED_PRECONDITION",
    meaning:
      "The backup cannot start a cluster here (for example the state directory is in use); the message says why.",
  },
  // Image registries
  REGISTRY_UNREACHABLE: {
    status: "UNAVAILABLE",
    meaning:
      "The image's registry did not answer; the service is created unpinned, and nodes pull the tag as it is then.",
  },
  REGISTRY_UNAUTHORIZED: {
    status: "PERMISSION_DENIED",
    meaning:
      "The registry refused the credentials (or asked for some): pass --with-registry-auth after `docker login`.",
  },
  IMAGE_NOT_FOUND: { status: "NOT_FOUND", meaning: "The registry has no such repository or tag." },
  INVALID_REFERENCE: { status: "INVALID_ARGUMENT", meaning: "The image reference is not one Docker can parse." },
  REGISTRY_CREDENTIALS: {
    status: "FAILED_PRECONDITION",
    meaning:
      "The operator's registry credentials could not be read from the Docker config file (or come from a credential helper).",
  },
  // Workers and tasks (reported in task status messages)
  TASK_REJECTED: {
    status: "FAILED_PRECONDITION",
    meaning: "The node cannot run the task; the task's message says why.",
  },
  IMAGE_UNAVAILABLE: {
    status: "FAILED_PRECONDITION",
    meaning: "The task's image cannot be had on the node (not found, or the registry refused the pull).",
  },
  WRONG_RUNTIME: {
    status: "FAILED_PRECONDITION",
    meaning: "The task's image is for another executor than the node's (a container image on a process node).",
  },
  PROGRAM_NOT_ALLOWED: {
    status: "PERMISSION_DENIED",
    meaning: "The process executor's allow list does not include the task's program.",
  },
  OVERLAY_UNAVAILABLE: {
    status: "FAILED_PRECONDITION",
    meaning: "The task is on an overlay network and the node cannot attach it (no network agent, or not root).",
  },
  VOLUME_CREATE_FAILED: {
    status: "FAILED_PRECONDITION",
    meaning:
      "The engine could not create the task's named volume (its driver refused the options); the message quotes it.",
  },
  UNSUPPORTED_SETTINGS: {
    status: "FAILED_PRECONDITION",
    meaning: "The process executor cannot honour some of the task's container settings; the message names each one.",
  },
  UNHEALTHY: { status: "FAILED_PRECONDITION", meaning: "The task failed its health check." },
  EXITED: { status: "FAILED_PRECONDITION", meaning: "The task's process exited before it was running." },
  SECRET_NOT_FOUND: {
    status: "NOT_FOUND",
    meaning: "The node has not received a secret its task needs (yet); the task waits or fails with this message.",
  },
  CONFIG_NOT_FOUND: {
    status: "NOT_FOUND",
    meaning: "The node has not received a config its task needs (yet); the task waits or fails with this message.",
  },
  NETWORK_NOT_IN_VIEW: {
    status: "UNAVAILABLE",
    meaning: "The task's network has not reached the node's network view in time; the task is retried.",
  },
  NETWORK_COMMAND: {
    status: "INTERNAL",
    meaning: "A kernel networking command failed on the node; the message quotes it and its output.",
  },
  WIREGUARD_KEY: {
    status: "INTERNAL",
    meaning: "The node's WireGuard key file cannot be read or written; encrypted networks are unavailable on it.",
  },
  WIREGUARD_UAPI: {
    status: "INTERNAL",
    meaning: "wireguard-go refused or did not answer a configuration change; the message quotes its error.",
  },
  MESH_KERNEL_PATH: {
    status: "INTERNAL",
    meaning: "The routing mesh could not program the kernel (iptables); the node falls back or reports why.",
  },
  // The CLI and the Engine API
  USAGE: { status: "INVALID_ARGUMENT", meaning: "A command-line flag or argument is wrong; the message names it." },
  STACK_FILE_INVALID: {
    status: "INVALID_ARGUMENT",
    meaning: "A Compose file is invalid; the message names the key path and the problem.",
  },
  NOT_CONVERGED: {
    status: "DEADLINE_EXCEEDED",
    meaning: "A service did not reach its desired state while the CLI waited.",
  },
  STACK_NOT_CONVERGED: {
    status: "DEADLINE_EXCEEDED",
    meaning: "A stack was deployed but some of its services did not become healthy.",
  },
  PARTIAL_FAILURE: {
    status: "ABORTED",
    meaning: "A command on several objects failed for some of them, named in the output.",
  },
  ALREADY_REPORTED: {
    status: "ABORTED",
    meaning: "The failure was already printed; only the exit code remains to give.",
  },
  NO_SELF_NODE: {
    status: "FAILED_PRECONDITION",
    meaning: "The manager did not say which node it runs on: name the node.",
  },
  DASHBOARD_NOT_BUILT: {
    status: "FAILED_PRECONDITION",
    meaning: "The dashboard's files are missing: run `npm run build`.",
  },
  ENGINE_API_REFUSED: {
    status: "INVALID_ARGUMENT",
    meaning: "The Engine API refused a request; it answers with the HTTP status and message Docker would.",
  },
  // Test harness
  NOT_ROOT: { status: "PERMISSION_DENIED", meaning: "The operation needs root (network namespaces, iptables)." },
  NODE_EXITED: { status: "UNAVAILABLE", meaning: "A local cluster's swarmd exited; its log tail is in the message." },
  RELAY_NOT_READY: { status: "UNAVAILABLE", meaning: "A local cluster's relay into a node's namespace did not start." },
  ADDRESS_UNUSABLE: { status: "UNAVAILABLE", meaning: "No port could be bound on the address." },
  PARTITION_UNAVAILABLE: { status: "FAILED_PRECONDITION", meaning: "The fault injector cannot partition these nodes." },
} as const satisfies Record<string, ErrorCodeEntry>;

/** A code from the catalogue. */
export type ErrorCode = keyof typeof errorCatalogue;

/** True when the string is a catalogued code (for codes read off the wire). */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorCatalogue, code);
}

/** The gRPC status number a client receives for a code. */
export function grpcStatusOfCode(code: ErrorCode): number {
  return grpcStatus[errorCatalogue[code].status];
}
