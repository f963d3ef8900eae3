// The bounds of everything an operator may put in a spec. Every string and every list the Control
// API accepts has one, so no request can make an object that bloats the raft log, stalls its
// replication or outgrows one raft entry (the store refuses a transaction above
// `transactionBytesMax`; the largest valid object stays well below it). Sizes of strings are
// counted in UTF-8 bytes, because that is what the log and the wire carry. Docker's own limits are
// kept where it has them (names, secret and config sizes); elsewhere the bound is far above any
// real use and far below what could hurt.

/** Longest name of a service, secret, config or network: a DNS label, as Docker (63). */
export const nameLengthMax = 63;
/** Longest node name: a DNS name (253), since nodes are often named after their host. */
export const nodeNameBytesMax = 253;
/** Longest object reference in a request (an id, a name or an id prefix). */
export const objectRefBytesMax = 256;

/** Most labels on one object (and most entries of any other string map in a spec). */
export const labelsMax = 256;
/** Longest label key. */
export const labelKeyBytesMax = 1024;
/** Longest label value. */
export const labelValueBytesMax = 4096;
/** Most bytes of one map of labels, keys and values together, so 256 long labels cannot add up. */
export const labelsBytesMax = 64 * 1024;

/** Largest encoded service spec: its tasks copy it, so it is bounded well below one raft entry. */
export const serviceSpecBytesMax = 256 * 1024;
/** Largest secret, as Docker allows (500 KiB). */
export const secretBytesMax = 500 * 1024;
/** Largest config, as Docker allows (1000 KiB). */
export const configBytesMax = 1000 * 1024;

/** Longest image reference: Docker's 255-byte name, a 128-byte tag and a digest fit easily. */
export const imageBytesMax = 1024;
/** Most words of a command, of its arguments, of a health check's test, and most environment entries. */
export const argvItemsMax = 1024;
/** Longest word of a command or argument list, environment entry or health check test. */
export const argBytesMax = 64 * 1024;
/** Longest path (working directory, mount source and target, secret and config targets): Linux's PATH_MAX. */
export const pathBytesMax = 4096;
/** Longest container hostname (or hostname template): a DNS name. */
export const hostnameBytesMax = 253;
/** Longest user ("name", "uid" or "uid:gid") or supplementary group. */
export const userBytesMax = 256;
/** Most supplementary groups. */
export const groupsMax = 256;
/** Most mounts of one container. */
export const mountsMax = 256;
/** Most secret references, and most config references, of one container. */
export const fileReferencesMax = 256;
/** Most extra /etc/hosts lines. */
export const hostsMax = 1024;
/** Longest extra /etc/hosts line ("IP host alias…"). */
export const hostLineBytesMax = 1024;
/** Most entries of each DNS setting (name servers, search domains, options). */
export const dnsEntriesMax = 32;
/** Longest DNS name server, search domain or option. */
export const dnsEntryBytesMax = 253;
/** Most capabilities added, and most dropped. */
export const capabilitiesMax = 64;
/** Longest capability name ("CAP_NET_ADMIN", "ALL"). */
export const capabilityBytesMax = 64;
/** Longest stop signal ("SIGRTMIN+15", "9"). */
export const signalBytesMax = 32;
/** Most resource limits (ulimits) of one container: Linux has 16 resources. */
export const ulimitsMax = 64;
/** Longest ulimit name ("sigpending"); longer ones are refused as unknown anyway. */
export const ulimitNameBytesMax = 32;
/** Longest volume driver name (a plugin reference such as "registry:5000/vendor/driver:1.0"). */
export const volumeDriverBytesMax = 256;
/** Lowest and highest OOM score adjustment the kernel accepts (/proc/PID/oom_score_adj). */
export const oomScoreAdjMax = 1000;
/** Longest log driver name. */
export const logDriverBytesMax = 256;

/** Most placement constraints. */
export const constraintsMax = 256;
/** Longest placement constraint ("node.labels.zone==a"). */
export const constraintBytesMax = 1024;
/** Most placement preferences. */
export const preferencesMax = 16;
/** Most platforms a task's image may run on. */
export const platformsMax = 64;
/** Longest platform OS or architecture. */
export const platformFieldBytesMax = 64;
/** Most generic resources reserved or limited. */
export const genericResourcesMax = 64;
/** Longest generic resource kind or value. */
export const genericResourceBytesMax = 256;

/** Most networks a service or task attaches to. */
export const networkAttachmentsMax = 64;
/** Most DNS aliases on one network attachment. */
export const aliasesMax = 32;
/** Longest network attachment target or alias (a network id or name, a DNS name). */
export const networkRefBytesMax = 253;
/** Most published ports of one service. */
export const portsMax = 1024;
/** Longest port name. */
export const portNameBytesMax = 256;
/** Longest subnet, gateway, range or address pool (an IPv6 CIDR is at most 43 characters). */
export const ipamFieldBytesMax = 64;
/** Longest network driver name. */
export const networkDriverBytesMax = 256;

/** Most replicas a replicated service may ask for (and the bound of every other task count). */
export const replicasMax = 1_000_000;
/** Most restart attempts a restart policy may allow. */
export const restartAttemptsMax = 1_000_000;
/** Most health check retries. */
export const healthRetriesMax = 1_000_000;
/** Largest process-count limit (Linux's PID_MAX_LIMIT). */
export const pidsLimitMax = 4_194_304;
/** Largest CPU amount: a million CPUs, in nanoCPUs. */
export const nanoCpusMax = 1_000_000 * 1e9;
/** Largest memory amount or tmpfs size: 1 PiB. */
export const memoryBytesMax = 2 ** 50;
/** Largest count of one generic resource. */
export const genericResourceCountMax = 1_000_000;
/**
 * Longest duration of a service spec (delays, windows, grace periods, health check timings), in
 * nanoseconds: the longest wait a Node.js timer can hold (2^31 − 1 ms, about 24.8 days). A longer
 * one would fire at once.
 */
export const specDurationNsMax = (2 ** 31 - 1) * 1e6;
/** Largest permission bits of a secret or config file (no setuid, setgid or sticky bit). */
export const fileModeMax = 0o777;
/** Largest permission bits of a tmpfs root (the sticky bit allowed, as for /tmp). */
export const tmpfsModeMax = 0o7777;
/** Largest uid or gid of a file target (2^32 − 2: 2^32 − 1 means "no id" to the kernel). */
export const fileOwnerIdMax = 2 ** 32 - 2;

/** Most values of one list filter of a List call (names, id prefixes, states, …). */
export const filterValuesMax = 1024;
/** Longest value of a list filter. */
export const filterValueBytesMax = 256;
