// The bound of one raft entry. Every member's transport must carry any entry whole (an append
// message holds at least one), and a huge entry stalls everything behind it: its fsync, its
// replication (heartbeats queue behind it on the same stream) and its apply. So the driver refuses
// larger proposals, and the transport's receive limits are derived from this bound.

/** Largest data of one raft entry, in bytes. */
export const entryBytesMax = 2 * 1024 * 1024;
