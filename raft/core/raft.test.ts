// Goal: the Raft paper's scenarios, each named by its section, plus the extensions we rely on
// (PreVote, CheckQuorum, leader transfer, membership, snapshots, ReadIndex), driven step by step.
import test from "ava";
import { Harness, persistReady } from "../sim/harness.js";
import { decodeConfChange } from "./conf-change.js";
import { NotLeaderError, ProposalDroppedError } from "./errors.js";
import { makeMessage } from "./message.js";
import type { Entry, Message, Ready, Snapshot } from "./types.js";

const enc = new TextEncoder();

/** Terms of a member's persisted log, in index order. */
function persistedTerms(h: Harness, id: number): number[] {
  return h.member(id).durable.entries.map((e) => e.term);
}

/** Entries with the given terms starting at index 1. */
function logOfTerms(terms: number[]): Entry[] {
  return terms.map((term, i) => ({ term, index: i + 1, type: "normal", data: enc.encode(`e${i + 1}`) }));
}

/** An empty snapshot at index 0 that only carries the membership, for members built from a custom log. */
function membership(voters: number[]): Snapshot {
  return { meta: { index: 0, term: 0, conf: { voters, learners: [] } }, data: new Uint8Array() };
}

/** A harness whose members start from the given logs and term instead of a bootstrap. */
function fromLogs(logs: Record<number, number[]>, term: number, options: { preVote?: boolean } = {}): Harness {
  const ids = Object.keys(logs).map(Number);
  const h = new Harness([], { core: { preVote: options.preVote ?? false } });
  for (const id of ids) {
    h.members.set(id, {
      core: null,
      durable: { hard: { term, vote: 0, commit: 0 }, entries: logOfTerms(logs[id]!), snapshot: membership(ids) },
      applied: new Map(),
      reads: [],
    });
    h.start(id, { preVote: options.preVote ?? false });
  }
  return h;
}

test("§5.1 a member that sees a higher term adopts it and becomes a follower", (t) => {
  const h = new Harness([1, 2, 3]);
  h.elect(1);
  const term = h.core(1).term;
  // Member 2 hears a vote request from a future term (CheckQuorum lease off on 2 is not needed:
  // a message from a leader of a higher term also carries it). Simulate a newer leader's heartbeat.
  const heartbeat: Message = { ...blank(), type: "heartbeat", from: 3, to: 1, term: term + 5 };
  h.core(1).step(heartbeat);
  t.is(h.core(1).term, term + 5);
  t.is(h.core(1).role, "follower");
  t.is(h.core(1).leader, 3);
});

test("§5.1 a message from an older term is refused with the current term", (t) => {
  const h = new Harness([1, 2, 3]);
  h.elect(1);
  const term = h.core(1).term;
  h.core(2).step({ ...blank(), type: "append", from: 3, to: 2, term: term - 1 });
  const rd = h.core(2).ready();
  h.core(2).advance();
  t.true(rd.messages.some((m) => m.type === "append-response" && m.to === 3 && m.term === term));
});

test("§5.2 a member that times out is elected by a majority and appends a no-op", (t) => {
  const h = new Harness([1, 2, 3]);
  h.elect(2);
  t.is(h.core(2).role, "leader");
  t.is(h.core(1).leader, 2);
  t.is(h.core(3).leader, 2);
  // The bootstrap wrote 3 conf-change entries at term 1; the no-op of the new term follows.
  t.deepEqual(persistedTerms(h, 1), [1, 1, 1, h.core(2).term]);
  t.is(h.core(1).commit, 4);
});

test("§5.2 each member votes for at most one candidate per term", (t) => {
  const h = new Harness([1, 2, 3], { core: { preVote: false } });
  h.core(1).step({ ...blank(), type: "vote", from: 2, to: 1, term: 5, logIndex: 3, logTerm: 1 });
  h.core(1).step({ ...blank(), type: "vote", from: 3, to: 1, term: 5, logIndex: 3, logTerm: 1 });
  const rd = h.core(1).ready();
  h.core(1).advance();
  const answers = rd.messages
    .filter((m) => m.type === "vote-response")
    .map((m) => `${m.to}:${m.reject ? "no" : "yes"}`);
  t.deepEqual(answers, ["2:yes", "3:no"]);
  t.is(rd.hardState?.vote, 2, "the vote is in the hard state persisted before the answer is sent");
});

test("§5.2 a split vote elects nobody and a later election succeeds", (t) => {
  const h = new Harness([1, 2, 3, 4], { core: { preVote: false } });
  // While the bootstrap's membership entries are committed but not applied, the voter set is stale:
  // nobody campaigns, however long the silence (etcd's rule).
  for (let i = 0; i < 60; i++) h.core(1).tick();
  t.is(h.core(1).role, "follower");
  h.settle();
  // 1 and 2 campaign at the same time; 3 hears 1 first, 4 hears 2 first: 2 votes each of 4.
  for (let i = 0; i < 40 && h.core(1).role !== "candidate"; i++) h.core(1).tick();
  for (let i = 0; i < 40 && h.core(2).role !== "candidate"; i++) h.core(2).tick();
  t.is(h.core(1).role, "candidate");
  t.is(h.core(2).role, "candidate");
  h.flushReady();
  const order = (m: Message): number =>
    m.type === "vote" && ((m.to === 3 && m.from === 2) || (m.to === 4 && m.from === 1)) ? 1 : 0;
  h.queue.sort((a, b) => order(a) - order(b));
  h.settle();
  t.not(h.core(1).role, "leader");
  t.not(h.core(2).role, "leader");
  const splitTerm = h.core(1).term;
  h.elect(3);
  t.true(h.core(3).term > splitTerm);
  t.is(h.core(1).leader, 3);
});

test("§5.3 a new leader brings every Figure 7 follower log to match its own", (t) => {
  const leaderLog = [1, 1, 1, 4, 4, 5, 5, 6, 6, 6];
  const followers: Record<string, number[]> = {
    a: [1, 1, 1, 4, 4, 5, 5, 6, 6],
    b: [1, 1, 1, 4],
    c: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6],
    d: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7],
    e: [1, 1, 1, 4, 4, 4, 4],
    f: [1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3],
  };
  for (const [name, log] of Object.entries(followers)) {
    // Member 3 has the leader's log so that 1 can win even against followers c and d.
    const h = fromLogs({ 1: leaderLog, 2: log, 3: leaderLog }, 7);
    h.elect(1);
    t.is(h.core(1).term, 8, name);
    t.deepEqual(persistedTerms(h, 2), [...leaderLog, 8], `follower ${name}`);
  }
});

test("§5.4.1 a candidate whose log is behind is not elected", (t) => {
  const h = fromLogs({ 1: [1, 1], 2: [1, 1, 2], 3: [1, 1, 2] }, 2);
  h.tick(1, 30);
  t.not(h.core(1).role, "leader");
  h.elect(2);
  t.is(h.core(1).leader, 2);
  t.deepEqual(persistedTerms(h, 1), [1, 1, 2, h.core(2).term]);
});

test("§5.4.2 Figure 8: an entry of an earlier term on a majority is not committed by counting", (t) => {
  // S1 was leader in term 2 and wrote index 2; it is leader again in term 4 with its no-op at 3.
  const h = fromLogs({ 1: [1, 2], 2: [1], 3: [1], 4: [1], 5: [1] }, 3);
  h.filter = (m) => !(m.from === 1 && m.type === "append");
  h.elect(1);
  const leader = h.core(1);
  t.is(leader.term, 4);
  t.is(leader.lastIndex, 3);
  const ack = (from: number, index: number): void => {
    leader.step({ ...blank(), type: "append-response", from, to: 1, term: 4, index });
  };
  ack(2, 2);
  ack(3, 2);
  t.true(leader.commit < 2, "index 2 (term 2) is on S1, S2, S3 but must not commit by counting");
  ack(2, 3);
  ack(3, 3);
  t.is(leader.commit, 3, "committing the term-4 no-op commits index 2 with it");
});

test("PreVote: a member cut off and back does not raise the cluster's term", (t) => {
  const h = new Harness([1, 2, 3]);
  h.elect(1);
  const term = h.core(1).term;
  h.filter = (m) => m.from !== 3 && m.to !== 3;
  h.tick(3, 100);
  t.is(h.core(3).term, term, "pre-votes failed, so 3 never started a real election");
  h.filter = () => true;
  h.tickAll(3);
  t.is(h.core(1).role, "leader");
  t.is(h.core(1).term, term);
});

test("PreVote: the real election after a won pre-vote is an ordinary one, not a transfer that bypasses leases", (t) => {
  const h = new Harness([1, 2, 3]);
  h.elect(1);
  const term = h.core(1).term;
  const votes: Message[] = [];
  // The leader is cut off: 2 and 3 stop hearing it, so 2's pre-vote wins and its real vote follows.
  h.filter = (m) => {
    if (m.type === "vote") votes.push(m);
    return m.from !== 1 && m.to !== 1;
  };
  h.tickAll(100);
  t.true(h.core(2).term > term || h.core(3).term > term, "a member won its pre-vote and held a real election");
  t.true(votes.length > 0);
  t.true(
    votes.every((m) => m.context.length === 0),
    "no vote request carries the transfer context",
  );
});

test("CheckQuorum: a leader cut off from a quorum steps down", (t) => {
  const h = new Harness([1, 2, 3]);
  h.elect(1);
  h.filter = (m) => m.from !== 1 && m.to !== 1;
  h.tick(1, 25);
  t.is(h.core(1).role, "follower");
});

test("CheckQuorum: followers that hear a live leader ignore a disruptive vote request", (t) => {
  const h = new Harness([1, 2, 3], { core: { preVote: false } });
  h.elect(1);
  const term = h.core(1).term;
  h.core(2).step({ ...blank(), type: "vote", from: 3, to: 2, term: term + 1, logIndex: 100, logTerm: term });
  t.is(h.core(2).term, term);
  t.is(h.core(2).leader, 1);
});

test("leader transfer hands leadership to an up-to-date voter and drops proposals meanwhile", (t) => {
  const h = new Harness([1, 2, 3]);
  h.elect(1);
  h.propose(1, "x");
  h.filter = (m) => m.type !== "timeout-now";
  h.core(1).transferLeadership(2);
  h.settle();
  t.throws(() => h.core(1).propose(enc.encode("y")), { instanceOf: ProposalDroppedError });
  h.filter = () => true;
  h.core(1).transferLeadership(2);
  h.settle();
  t.is(h.core(2).role, "leader");
  t.is(h.core(1).leader, 2);
});

test("a proposal on a follower fails fast with NotLeaderError naming the leader", (t) => {
  const h = new Harness([1, 2, 3]);
  h.elect(3);
  const error = t.throws(() => h.core(1).propose(enc.encode("x")), { instanceOf: NotLeaderError });
  t.is(error.leader, 3);
});

test("membership: a learner catches up without voting, is promoted, and a voter is removed", (t) => {
  const h = new Harness([1, 2, 3]);
  h.elect(1);
  for (let i = 0; i < 5; i++) h.propose(1, `v${i}`);
  t.throws(() => h.core(1).proposeConfChange({ type: "add-voter", id: 4, context: new Uint8Array() }), {
    instanceOf: ProposalDroppedError,
  });
  h.start(4);
  h.proposeConfChange(1, { type: "add-learner", id: 4, context: new Uint8Array() });
  h.tickAll(2);
  t.deepEqual(h.core(1).conf, { voters: [1, 2, 3], learners: [4] });
  t.is(h.core(4).lastIndex, h.core(1).lastIndex, "the learner has the whole log");
  t.is(h.member(4).applied.get(5), "v0", "index 5 follows 3 bootstrap entries and the no-op");
  // A learner never campaigns.
  h.tick(4, 50);
  t.is(h.core(4).role, "follower");
  h.proposeConfChange(1, { type: "add-voter", id: 4, context: new Uint8Array() });
  t.deepEqual(h.core(1).conf.voters, [1, 2, 3, 4]);
  h.proposeConfChange(1, { type: "remove", id: 2, context: new Uint8Array() });
  t.deepEqual(h.core(4).conf.voters, [1, 3, 4]);
  h.stop(2);
  h.propose(1, "after");
  t.is(h.core(3).commit, h.core(1).lastIndex, "a quorum of the new membership commits");
});

test("§10.2.1 a leader alone in the quorum tells no one of a commit before its own fsync (membership seed 145)", (t) => {
  // One voter and a learner, as a single manager has while a second one joins. The leader may send
  // its entries before they are on its disk, but if the commit index it sends counted them, the
  // learner would apply an entry that a crash of the leader before its fsync erases; re-elected
  // alone, the leader then writes another entry at that index (Leader Completeness, then State
  // Machine Safety broken; the learner's core stops on "conflict at committed index").
  const h = new Harness([1]);
  h.elect(1);
  h.start(2);
  h.proposeConfChange(1, { type: "add-learner", id: 2, context: new Uint8Array() });
  h.tickAll(3);
  t.is(h.core(2).lastIndex, h.core(1).lastIndex, "the learner has caught up");
  const { index } = h.core(1).propose(enc.encode("lost"));
  const rd = h.core(1).ready();
  t.deepEqual(
    rd.entries.map((e) => e.index),
    [index],
  );
  t.deepEqual(rd.committedEntries, [], "not committed before the leader's own fsync");
  t.true(
    rd.messages.every((m) => m.commit < index),
    "no message counts the entry this Ready is still writing",
  );
  // The leader's appends leave before its fsync, as the driver sends them; then it crashes.
  h.stop(1);
  h.queue.push(...rd.messages);
  h.settle();
  t.is(h.core(2).lastIndex, index, "the learner has the entry");
  t.true(h.core(2).commit < index, "but does not count it committed");
  h.start(1);
  h.elect(1);
  h.propose(1, "after");
  h.tickAll(3);
  t.not(h.member(2).applied.get(index), "lost");
  t.is(h.member(2).applied.get(index), h.member(1).applied.get(index));
  t.is(h.core(2).commit, h.core(1).commit);
});

test("§10.2.1 a single voter commits its proposal in the Ready after the one that persists it", (t) => {
  const h = new Harness([1]);
  h.elect(1);
  const core = h.core(1);
  const { index } = core.propose(enc.encode("x"));
  const first = core.ready();
  t.deepEqual(
    first.entries.map((e) => e.index),
    [index],
  );
  t.deepEqual(first.committedEntries, []);
  persistReadyOf(h, 1, first);
  core.advance();
  t.true(core.hasReady());
  const second = core.ready();
  t.deepEqual(second.entries, [], "nothing more to persist");
  t.deepEqual(
    second.committedEntries.map((e) => e.index),
    [index],
  );
  t.is(second.hardState?.commit, index);
  core.advance();
});

test("membership: a leader that removes itself steps down and the others elect a leader", (t) => {
  const h = new Harness([1, 2, 3]);
  h.elect(1);
  h.proposeConfChange(1, { type: "remove", id: 1, context: new Uint8Array() });
  t.is(h.core(1).role, "follower");
  h.stop(1);
  for (let i = 0; i < 100 && h.core(2).role !== "leader" && h.core(3).role !== "leader"; i++) h.tickAll();
  const leader = h.core(2).role === "leader" ? 2 : 3;
  const follower = leader === 2 ? 3 : 2;
  t.deepEqual(h.core(leader).conf.voters, [2, 3]);
  h.propose(leader, "z");
  t.is(h.core(follower).commit, h.core(leader).lastIndex);
});

test("snapshot: a follower that is behind the compaction point is sent a snapshot and catches up", (t) => {
  const h = new Harness([1, 2, 3]);
  h.elect(1);
  h.stop(3);
  for (let i = 0; i < 20; i++) h.propose(1, `v${i}`);
  const leader = h.core(1);
  const index = leader.applied;
  const snapshot: Snapshot = {
    meta: { index, term: leader.termAt(index)!, conf: leader.conf },
    data: enc.encode(JSON.stringify([...h.member(1).applied])),
  };
  leader.compact(snapshot, 2);
  t.is(leader.firstIndex, index - 1);
  // Member 3 comes back with its old log: it needs entries the leader no longer has.
  h.start(3);
  h.tickAll(3);
  t.deepEqual(h.member(3).durable.snapshot?.meta.index, index);
  h.propose(1, "after");
  t.is(h.core(3).commit, leader.lastIndex);
  t.is(h.member(3).applied.get(leader.lastIndex), "after");
});

test("snapshot: its membership takes effect when applied, after the older changes of a Ready still being applied (membership seed 7825)", (t) => {
  // Member 3 is handed a committed "add-learner 4"; while its caller persists and applies that
  // Ready, a snapshot arrives from after 4 was removed again. Had the snapshot's membership taken
  // effect on arrival, the older change applied afterwards would bring the removed learner back
  // for good (the sim's leader then waited forever for a retired member).
  const h = new Harness([1, 2, 3]);
  h.elect(1);
  h.filter = (m) => m.to !== 3;
  h.start(4);
  h.proposeConfChange(1, { type: "add-learner", id: 4, context: new Uint8Array() });
  const added = h.core(1).lastIndex;
  h.tickAll(2);
  h.proposeConfChange(1, { type: "remove", id: 4, context: new Uint8Array() });
  h.propose(1, "after");
  const leader = h.core(1);
  t.deepEqual(leader.conf, { voters: [1, 2, 3], learners: [] });
  const index = leader.applied;
  const snapshot: Snapshot = {
    meta: { index, term: leader.termAt(index)!, conf: leader.conf },
    data: new Uint8Array(),
  };
  const follower = h.core(3);
  const append: Message = {
    ...blank(),
    type: "append",
    from: 1,
    to: 3,
    term: leader.term,
    logIndex: follower.lastIndex,
    logTerm: follower.termAt(follower.lastIndex)!,
    entries: h.member(1).durable.entries.filter((e) => e.index > follower.lastIndex && e.index <= added),
    commit: added,
  };
  follower.step(append);
  const rd = follower.ready();
  t.is(rd.committedEntries.at(-1)?.index, added, "the Ready applies the add-learner");
  follower.step({ ...blank(), type: "snapshot", from: 1, to: 3, term: leader.term, snapshot });
  t.deepEqual(follower.conf.learners, [], "not in force before it is applied");
  persistReadyOf(h, 3, rd);
  follower.advance();
  for (const e of rd.committedEntries) if (e.type === "conf-change") follower.applyConfChange(decodeConfChange(e.data));
  t.deepEqual(follower.conf, { voters: [1, 2, 3], learners: [4] }, "the membership as of the applied index");
  const next = follower.ready();
  t.is(next.snapshot, snapshot);
  persistReadyOf(h, 3, next);
  follower.advance();
  t.deepEqual(follower.conf, { voters: [1, 2, 3], learners: [] }, "the snapshot's membership once it is applied");
});

test("snapshot: a failed snapshot send is retried", (t) => {
  const h = new Harness([1, 2, 3]);
  h.elect(1);
  h.stop(3);
  for (let i = 0; i < 10; i++) h.propose(1, `v${i}`);
  const leader = h.core(1);
  const index = leader.applied;
  leader.compact({ meta: { index, term: leader.termAt(index)!, conf: leader.conf }, data: new Uint8Array() }, 0);
  h.start(3);
  let refused = 0;
  h.filter = (m) => {
    if (m.type === "snapshot" && refused === 0) {
      refused++;
      leader.step({ ...blank(), type: "snapshot-status", from: 3, to: 1, reject: true });
      return false;
    }
    return true;
  };
  h.tickAll(5);
  t.is(refused, 1);
  t.is(h.member(3).durable.snapshot?.meta.index, index);
});

test("ReadIndex: reads on the leader and via a follower wait for a quorum's heartbeat answer", (t) => {
  const h = new Harness([1, 2, 3]);
  h.elect(1);
  h.propose(1, "x");
  h.core(1).readIndex(enc.encode("r1"));
  h.settle();
  h.core(2).readIndex(enc.encode("r2"));
  h.settle();
  t.deepEqual(
    h.member(1).reads.map((r) => r.index),
    [h.core(1).commit],
  );
  t.deepEqual(
    h.member(2).reads.map((r) => new TextDecoder().decode(r.requestId)),
    ["r2"],
  );
});

test("ReadIndex: a leader cut off from the quorum answers no read", (t) => {
  const h = new Harness([1, 2, 3]);
  h.elect(1);
  h.filter = (m) => m.from !== 1 && m.to !== 1;
  h.core(1).readIndex(enc.encode("stale"));
  h.settle();
  t.deepEqual(h.member(1).reads, []);
});

/** A message with every field at its zero value. */
/** Persists a Ready taken by hand into a harness member's storage, as flushReady would. */
function persistReadyOf(h: Harness, id: number, rd: Ready): void {
  persistReady(h.member(id).durable, rd);
}

function blank(): Message {
  return makeMessage({ type: "append", from: 0, to: 0 });
}
