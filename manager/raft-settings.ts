// The cluster's raft settings (`swarmctl cluster update --snapshot-interval`, the raft ticks) are
// carried out by every manager: each follows its own store's cluster object and hands the settings
// to its raft member, when it starts (a restored snapshot may already hold them), after every
// commit that touches the cluster object, and after a snapshot install. Every manager applies the
// same commits, so all of them converge on the same settings. A field left at 0 means the member's
// own default (its options, or raft's built-in value).
import type { swarm } from "../proto/index.js";
import type { RaftLiveSettings } from "../raft/index.js";
import type { MemoryStore } from "./store/index.js";

/** What following the settings needs of the raft member. */
export interface ReconfigurableRaft {
  /** Takes new settings at once (RaftNode.reconfigure). */
  reconfigure(settings: RaftLiveSettings): void;
}

/** The raft settings a cluster spec asks for; fields at 0 are left out (the member's default). */
export function raftSettingsOf(raft: swarm.v1.RaftConfig.$Properties | null | undefined): RaftLiveSettings {
  const positive = (value: number | null | undefined): number | undefined => {
    const n = Number(value ?? 0);
    return Number.isSafeInteger(n) && n > 0 ? n : undefined;
  };
  const tickNs = positive(raft?.tickNs);
  const electionTicks = positive(raft?.electionTick);
  const heartbeatTicks = positive(raft?.heartbeatTick);
  const snapshotIntervalEntries = positive(raft?.snapshotInterval);
  const trailingEntries = positive(raft?.logEntriesForSlowFollowers);
  return {
    ...(tickNs === undefined ? {} : { tickMs: Math.max(1, Math.round(tickNs / 1e6)) }),
    ...(electionTicks === undefined ? {} : { electionTicks }),
    ...(heartbeatTicks === undefined ? {} : { heartbeatTicks }),
    ...(snapshotIntervalEntries === undefined ? {} : { snapshotIntervalEntries }),
    ...(trailingEntries === undefined ? {} : { trailingEntries }),
  };
}

/** Applies the store's raft settings to `raft` now and whenever they may have changed; returns the stop function. */
export function followRaftSettings(store: MemoryStore, raft: ReconfigurableRaft): () => void {
  let applied = "";
  const apply = (): void => {
    const settings = raftSettingsOf(store.view((tx) => tx.all("cluster")[0]?.spec?.raft));
    const key = JSON.stringify(settings);
    if (key === applied) return;
    applied = key;
    raft.reconfigure(settings);
  };
  apply();
  const unwatch = store.watch((commit) => {
    if (commit.events.some((e) => e.kind === "cluster")) apply();
  });
  const unrestore = store.onRestore(() => apply());
  return () => {
    unwatch();
    unrestore();
  };
}
