// RaftMembership, served by every manager and acted on by the leader: Join adds the calling manager
// as a learner (raft promotes it to voter once it has caught up, so a slow newcomer never stalls
// commits), Leave removes a member. A follower passes the call to the leader. Removing the last
// voter is refused: the cluster's state would be lost with it.
import { randomBytes } from "node:crypto";
import type * as grpc from "@grpc/grpc-js";
import {
  InvalidArgumentError,
  managerAnswerChannelOptions,
  type Random,
  SwarmError,
  toServiceError,
} from "../../common/index.js";
import { RaftMembershipClient, type RaftMembershipServer, type swarm } from "../../proto/index.js";
import type { RaftId } from "../../raft/index.js";
import type { MemoryStore } from "../store/index.js";
import { recordManagerNode } from "./manager-nodes.js";
import { quorumLossOnRemoval } from "./quorum-guard.js";

/** What the membership service needs from the local raft member. */
export interface MembershipRaft {
  /** Role, leader address, members and voters as this member sees them. */
  status(): { role: string; leaderAddr: string; members: [RaftId, string][]; voters: RaftId[]; learners: RaftId[] };
  /** Adds a learner. */
  addMember(id: RaftId, addr: string): Promise<void>;
  /** Removes a member. */
  removeMember(id: RaftId): Promise<void>;
  /** The members this one heard from within an election timeout, itself included (see RaftNode). */
  reachableMembers(): RaftId[];
}

/** Largest raft id handed out: ids stay exact as JavaScript numbers. */
export const raftIdMax = 2 ** 48;

/** A membership change that would break the cluster. */
export class MembershipRefusedError extends SwarmError {
  constructor(message: string) {
    super("FAILED_PRECONDITION", message);
  }
}

/** Metadata header naming the joining manager's node (its certificate's CN once mutual TLS lands). */
export const nodeIdHeader = "swarm-node-id";

/**
 * The RaftMembership handlers over a raft member; `channel` builds clients to reach the leader.
 * With a store, the leader records an admitted manager's node object (when the caller names its node).
 * New raft ids come from `random` when given (a simulator's seeded source, so a run replays), else
 * from the operating system's.
 */
export function raftMembershipHandlers(
  raft: MembershipRaft,
  channel: grpc.ChannelCredentials,
  store?: MemoryStore,
  channelOptions: grpc.ChannelOptions = {},
  random?: Random,
): RaftMembershipServer {
  const clients = new Map<string, RaftMembershipClient>();
  const leaderClient = (): RaftMembershipClient => {
    const addr = raft.status().leaderAddr;
    if (!addr) throw new SwarmError("NOT_LEADER", "no leader is known yet; retry shortly");
    let client = clients.get(addr);
    const options = { ...channelOptions, ...managerAnswerChannelOptions };
    if (!client) clients.set(addr, (client = new RaftMembershipClient(addr, channel, options)));
    return client;
  };
  const members = (): swarm.v1.RaftMember.$Properties[] => {
    const status = raft.status();
    return status.members.map(([id, addr]) => ({ raftId: id, addr, learner: status.learners.includes(id) }));
  };
  return {
    join: (call, callback) => {
      const addr = call.request.addr;
      void (async () => {
        if (!/^[^\s:]+:\d{1,5}$/.test(addr)) throw new InvalidArgumentError("addr", "must be host:port");
        if (raft.status().role !== "leader") {
          return await new Promise<swarm.v1.JoinResponse.$Properties>((resolve, reject) =>
            leaderClient().join(call.request, call.metadata, (err, res) => (err ? reject(err) : resolve(res!))),
          );
        }
        const existing = raft.status().members.find(([, a]) => a === addr);
        // A manager that retries its join (its first answer was lost) gets the same id back.
        const id = existing ? existing[0] : newRaftId(new Set(raft.status().members.map(([m]) => m)), random);
        if (!existing) await raft.addMember(id, addr);
        const nodeId = call.metadata.get(nodeIdHeader)[0];
        if (store && typeof nodeId === "string" && nodeId) await recordManagerNode(store, { nodeId, raftId: id, addr });
        return { raftId: id, members: members() };
      })().then(
        (response) => callback(null, response),
        (error: unknown) => callback(isServiceError(error) ? error : toServiceError(error)),
      );
    },
    leave: (call, callback) => {
      const id = Number(call.request.node?.raftId ?? 0);
      void (async () => {
        if (!id) throw new InvalidArgumentError("node.raftId", "is required");
        if (raft.status().role !== "leader") {
          await new Promise<void>((resolve, reject) =>
            leaderClient().leave(call.request, (err) => (err ? reject(err) : resolve())),
          );
          return;
        }
        checkRemoval(raft.status(), id, raft.reachableMembers());
        await raft.removeMember(id);
      })().then(
        () => callback(null, {}),
        (error: unknown) => callback(isServiceError(error) ? error : toServiceError(error)),
      );
    },
  };
}

/**
 * Refuses removing a non-member, the last voter, or a voter whose removal would leave fewer
 * reachable voters than a quorum of those that remain (`reachable`: the leader's view, see
 * {@link quorumLossOnRemoval}).
 */
export function checkRemoval(
  status: { members: [RaftId, string][]; voters: RaftId[] },
  id: RaftId,
  reachable: readonly RaftId[],
): void {
  if (!status.members.some(([m]) => m === id)) throw new InvalidArgumentError("node.raftId", `${id} is not a member`);
  const voters = status.voters.filter((v) => v !== id);
  if (status.voters.includes(id) && voters.length === 0)
    throw new MembershipRefusedError("the last manager cannot leave the raft group; the cluster would be lost");
  const loss = quorumLossOnRemoval({ voters: status.voters, reachable }, id);
  if (loss) throw new MembershipRefusedError(`can't remove member from the raft: ${loss}`);
}

function newRaftId(taken: ReadonlySet<RaftId>, random?: Random): RaftId {
  for (;;) {
    const drawn = random ? Math.floor(random.nextFloat() * raftIdMax) : randomBytes(6).readUIntBE(0, 6);
    const id = drawn % raftIdMax || 1;
    if (!taken.has(id)) return id;
  }
}

function isServiceError(error: unknown): error is grpc.ServiceError {
  return error instanceof Error && typeof (error as Partial<grpc.ServiceError>).code === "number";
}
