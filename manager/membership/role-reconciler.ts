// Demotion (leader only): a manager node whose desired role became worker leaves the raft group,
// then its node object says worker. The leader never removes itself: it hands leadership to another
// voter first, and the next leader finishes the demotion. Promotion is the node's own doing (it
// starts its manager part, which joins through RaftMembership.Join).
import { swarm } from "../../proto/index.js";
import type { RaftId } from "../../raft/index.js";
import { type Cancel, type Clock, realClock } from "../../common/index.js";
import { CoalescedPass, type ComponentOptions, type LeaderComponent, runWatching } from "../component.js";
import type { MemoryStore } from "../store/index.js";
import { checkRemoval, type MembershipRaft } from "./raft-membership.js";
import { type Log, silentLog } from "../../common/index.js";
import { afterWriteFailure } from "../write-failure.js";

const Role = swarm.v1.NodeSpec.Role;

/**
 * How soon a demotion that could not be finished in a pass (the leadership transfer it asked for
 * did not happen, the removal was refused or lost) is tried again, in ms: commits alone would not
 * bring it back, and a manager told to step down must not keep its role for good.
 */
export const demotionRetryMs = 1_000;

/** The raft operations demotion needs. */
export interface DemotionRaft extends MembershipRaft {
  /** This member's id. */
  readonly id: RaftId;
  /** Hands leadership to another voter. */
  transferLeadership(to: RaftId): void;
}

/** Carries out demotions of manager nodes. */
export class RoleReconciler implements LeaderComponent {
  private readonly pass: CoalescedPass;
  private retry: Cancel | null = null;
  private readonly clock: Clock;
  /** Leadership transfers asked for so far: each retry asks another voter, in case one is down. */
  private transfers = 0;

  private readonly log: Log;
  constructor(
    private readonly store: MemoryStore,
    private readonly raft: DemotionRaft,
    options: ComponentOptions = {},
  ) {
    this.clock = options.clock ?? realClock;
    this.log = options.log ?? silentLog;
    this.pass = new CoalescedPass(() => this.reconcile(), { clock: this.clock });
  }

  /** Runs until leadership is lost. */
  async run(signal: AbortSignal): Promise<void> {
    await runWatching(this.store, signal, this.pass, (commit) => {
      if (commit.events.some((e) => e.kind === "node")) this.pass.request();
    });
    this.retry?.();
    this.retry = null;
  }

  private async reconcile(): Promise<void> {
    const finished = await this.demote();
    if (finished || this.retry || !this.pass.isActive) return;
    this.retry = this.clock.after(demotionRetryMs, () => {
      this.retry = null;
      this.pass.request();
    });
  }

  /** Carries out the pending demotions; false when one is left for a later pass. */
  private async demote(): Promise<boolean> {
    const demoting = this.store
      .view((tx) => tx.all("node"))
      .filter(
        (n) =>
          Number(n.role ?? 0) === Number(Role.ROLE_MANAGER) &&
          Number(n.spec?.desiredRole ?? 0) === Number(Role.ROLE_WORKER),
      );
    for (const node of demoting) {
      const raftId = Number(node.managerStatus?.raftId ?? 0);
      try {
        const status = this.raft.status();
        if (raftId && status.members.some(([m]) => m === raftId)) {
          if (raftId === this.raft.id) {
            // The next leader finishes; if the transfer does not happen, this leader asks again.
            const others = status.voters.filter((v) => v !== raftId);
            const other = others[this.transfers++ % Math.max(1, others.length)];
            if (other !== undefined) this.raft.transferLeadership(other);
            return false;
          }
          // A removal that would lose the quorum (another manager is down) waits for a later pass.
          checkRemoval(status, raftId, this.raft.reachableMembers());
          await this.raft.removeMember(raftId);
        }
        await this.store.update((tx) => {
          const current = tx.get("node", node.id ?? "");
          if (!current) return;
          const { managerStatus: _gone, ...rest } = current;
          tx.update("node", { ...rest, role: Role.ROLE_WORKER });
        });
      } catch (error) {
        afterWriteFailure(error, this.log, "role-reconciler.demote-failed", { node: node.id });
        // Lost leadership or a refused removal: the next pass (or leader) tries again.
        return false;
      }
    }
    return true;
  }
}
