// The ranges the cluster settings (`swarmctl cluster update`) may take. Each bound is one a working
// cluster stays inside: a setting outside it is refused by the Control API naming the field, so no
// setting can stop the cluster. Durations also stay far below what a Node.js timer can hold
// (2^31 − 1 ms, about 24.8 days; a longer timer fires at once), counting the multiples the
// managers wait (a node is DOWN after 3 heartbeat periods, twice that after a leader change).
// 0 in a field means "the built-in default", as an unset proto3 field reads.

/** Shortest dispatcher heartbeat period, in nanoseconds (100 ms). */
export const heartbeatPeriodNsMin = 100_000_000;
/** Longest dispatcher heartbeat period, in nanoseconds (1 hour: a dead node is noticed within 3). */
export const heartbeatPeriodNsMax = 3600 * 1e9;

/** Docker's default lifetime of node certificates: 90 days, in nanoseconds. */
export const nodeCertExpiryNsDefault = 90 * 24 * 3600 * 1e9;
/** Shortest node certificate lifetime an operator may set (Docker's: 1 hour), in nanoseconds. */
export const nodeCertExpiryNsMin = 3600 * 1e9;
/** Longest node certificate lifetime, in nanoseconds (10 years, well inside the root CA's 20). */
export const nodeCertExpiryNsMax = 10 * 365 * 24 * 3600 * 1e9;

/** Most dead tasks kept per slot: each is a store object on every manager. */
export const taskHistoryLimitMax = 100;

/** Fewest applied entries between raft snapshots (each snapshot serialises the whole store). */
export const snapshotIntervalEntriesMin = 100;
/** Most applied entries between raft snapshots (ten times the default; they stay in memory until it). */
export const snapshotIntervalEntriesMax = 100_000;
/** Most entries kept behind a snapshot for slow followers (held in memory too). */
export const trailingEntriesMax = 100_000;

/** Shortest raft tick, in nanoseconds (10 ms). */
export const raftTickNsMin = 10_000_000;
/** Longest raft tick, in nanoseconds (1 s, Docker's tick). */
export const raftTickNsMax = 1_000_000_000;
/** Most ticks in an election timeout. */
export const electionTicksMax = 100;
/** Shortest election timeout (tick × election ticks), in ms: shorter ones elect at every hiccup. */
export const electionTimeoutMsMin = 100;
/** Longest election timeout (tick × election ticks), in ms: a dead leader is replaced within twice that. */
export const electionTimeoutMsMax = 60_000;

/** Lowest port of the dynamic published-port range. */
export const publishedPortMin = 1;
/** Highest port of the dynamic published-port range. */
export const publishedPortMax = 65_535;
/** Docker's dynamic published-port range, used when the cluster sets none. */
export const publishedPortRangeDefault = { start: 30_000, end: 32_767 } as const;
