// Goal: over real gRPC and real WALs, managers join a running cluster through RaftMembership.Join
// (learner first, voter once caught up), see the replicated store, keep their identity across a
// restart, and leave through Leave; the last voter cannot leave; a Join for an address nobody
// serves never costs a manager its quorum.

import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { claimLoopbackBlock, waitFor } from "../../common/index.js";
import { RaftMembershipClient, swarm } from "../../proto/index.js";
import { freePort } from "../../raft/index.js";
import { Manager } from "../manager.js";

const Role = swarm.v1.NodeSpec.Role;

test("managers join as learners, become voters, restart with their id, and leave", async (t) => {
  t.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), "swarm-membership-"));
  const block = await claimLoopbackBlock("membership test");
  t.teardown(() => block.release());
  const addr = async (i: number): Promise<string> => `${block.addr(i)}:${await freePort(block.addr(i))}`;
  const a1 = await addr(1);
  const managers: Manager[] = [];
  const clients: RaftMembershipClient[] = [];
  t.teardown(async () => {
    for (const c of clients) c.close();
    for (const m of managers) await m.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });
  const first = await Manager.start({
    id: 1,
    dir: join(dir, "m1"),
    addr: a1,
    bootstrap: new Map([[1, a1]]),
    tickMs: 20,
  });
  managers.push(first);
  await waitFor("the founder to lead", () => (first.isLeading ? true : undefined));
  await first.store.update((tx) =>
    tx.create("secret", { id: "before-join", spec: { annotations: { name: "s" }, data: new Uint8Array([1]) } }),
  );

  // Two managers join through a follower-or-leader address; the second one asks the first joiner.
  const second = await Manager.start({ dir: join(dir, "m2"), addr: await addr(2), join: a1, tickMs: 20 });
  managers.push(second);
  const third = await Manager.start({ dir: join(dir, "m3"), addr: await addr(3), join: second.addr, tickMs: 20 });
  managers.push(third);
  t.not(second.raft.id, third.raft.id);
  await waitFor("three voters", () => (first.raft.status().voters.length === 3 ? true : undefined), {
    timeoutMs: 20_000,
  });
  await waitFor("the joiner to hold the store", () => third.store.view((tx) => tx.get("secret", "before-join")));

  // A joined manager restarted from its state dir keeps its raft id (no second join).
  const thirdId = third.raft.id;
  const thirdAddr = third.addr;
  await third.stop();
  managers.splice(managers.indexOf(third), 1);
  const again = await Manager.start({ dir: join(dir, "m3"), addr: thirdAddr, join: a1, tickMs: 20 });
  managers.push(again);
  t.is(again.raft.id, thirdId);
  t.is(first.raft.status().members.length, 3);

  // Leave, asked of a follower, is carried out by the leader.
  const client = new RaftMembershipClient(second.addr, grpc.credentials.createInsecure());
  clients.push(client);
  const leave = (raftId: number): Promise<void> =>
    new Promise((resolve, reject) => client.leave({ node: { raftId } }, (err) => (err ? reject(err) : resolve())));
  await leave(thirdId);
  await waitFor("two members", () => (first.raft.status().members.length === 2 ? true : undefined));
  const bad = await t.throwsAsync<grpc.ServiceError>(leave(123456));
  t.is(bad.code, grpc.status.INVALID_ARGUMENT);
  t.regex(bad.details, /^node\.raftId/);
});

test("the last voter cannot leave", async (t) => {
  t.timeout(30_000);
  const dir = mkdtempSync(join(tmpdir(), "swarm-membership-last-"));
  const block = await claimLoopbackBlock("membership test");
  t.teardown(() => block.release());
  const a1 = `${block.addr(1)}:${await freePort(block.addr(1))}`;
  const only = await Manager.start({ id: 7, dir, addr: a1, bootstrap: new Map([[7, a1]]), tickMs: 20 });
  const client = new RaftMembershipClient(a1, grpc.credentials.createInsecure());
  t.teardown(async () => {
    client.close();
    await only.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  await waitFor("a leader", () => (only.isLeading ? true : undefined));
  const error = await t.throwsAsync<grpc.ServiceError>(
    new Promise<void>((resolve, reject) =>
      client.leave({ node: { raftId: 7 } }, (err) => (err ? reject(err) : resolve())),
    ),
  );
  t.is(error.code, grpc.status.FAILED_PRECONDITION);
  t.is(only.raft.status().voters.length, 1);
});

test("demoting a manager node removes it from raft; demoting the leader hands leadership over first", async (t) => {
  t.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), "swarm-demote-"));
  const addrs = new Map<number, string>();
  const block = await claimLoopbackBlock("membership test");
  t.teardown(() => block.release());
  for (const id of [1, 2, 3]) addrs.set(id, `${block.addr(id)}:${await freePort(block.addr(id))}`);
  const managers: Manager[] = [];
  t.teardown(async () => {
    for (const m of managers) await m.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });
  for (const [id, addr] of addrs)
    managers.push(await Manager.start({ id, dir: join(dir, `m${id}`), addr, bootstrap: addrs, tickMs: 20 }));
  const leader = await waitFor("a leader", () => managers.find((m) => m.isLeading));
  await leader.store.update((tx) => {
    for (const [id, addr] of addrs) {
      tx.create("node", {
        id: `n${id}`,
        role: Role.ROLE_MANAGER,
        spec: { desiredRole: Role.ROLE_MANAGER },
        managerStatus: { raftId: id, addr },
      });
    }
  });
  // The write goes to whichever manager leads, and is tried again while a leadership change refuses it.
  const demote = async (nodeId: string): Promise<void> => {
    let refusal = "";
    const written = async (): Promise<true | undefined> => {
      const current = managers.find((m) => m.isLeading);
      if (!current) return undefined;
      try {
        await current.store.update((tx) => {
          const node = tx.get("node", nodeId)!;
          tx.update("node", { ...node, spec: { ...node.spec, desiredRole: Role.ROLE_WORKER } });
        });
        return true;
      } catch (error) {
        refusal = `; last refusal: ${(error as Error).message}`;
        return undefined;
      }
    };
    await waitFor(`the demotion of ${nodeId} written`, written, { timeoutMs: 20_000, pollMs: 50 }).catch(
      (error: unknown) => {
        throw new Error(`${(error as Error).message}${refusal}`);
      },
    );
  };
  const follower = managers.find((m) => m !== leader)!;
  await demote(`n${follower.raft.id}`);
  await waitFor("the follower out of the raft group", () =>
    leader.raft.status().members.length === 2 ? true : undefined,
  );
  await waitFor("its node marked worker", () =>
    Number(leader.store.view((tx) => tx.get("node", `n${follower.raft.id}`))?.role ?? 0) === Number(Role.ROLE_WORKER)
      ? true
      : undefined,
  );

  await demote(`n${leader.raft.id}`);
  const rest = managers.filter((m) => m !== follower && m !== leader);
  const next = await waitFor("another manager to lead", () => rest.find((m) => m.isLeading), { timeoutMs: 20_000 });
  await waitFor(
    "the old leader out of the raft group",
    () => (next.raft.status().members.length === 1 ? true : undefined),
    { timeoutMs: 20_000 },
  );
  t.is(next.raft.status().voters.length, 1);
  await waitFor("the old leader's node marked worker", () =>
    Number(next.store.view((tx) => tx.get("node", `n${leader.raft.id}`))?.role ?? 0) === Number(Role.ROLE_WORKER)
      ? true
      : undefined,
  );
});

test("a Join for an address nobody serves leaves a single manager its quorum", async (t) => {
  t.timeout(60_000);
  // The joiner never answers, so it never shows it holds the log: it must stay a learner, however
  // short the log is, and the founder must go on committing alone.
  const block = await claimLoopbackBlock("membership.test ghost join");
  const dir = mkdtempSync(join(tmpdir(), "swarm-membership-ghost-"));
  const addr = `${block.addr(1)}:${await freePort(block.addr(1))}`;
  const only = await Manager.start({ id: 1, dir, addr, bootstrap: new Map([[1, addr]]), tickMs: 20 });
  const client = new RaftMembershipClient(addr, grpc.credentials.createInsecure());
  t.teardown(async () => {
    client.close();
    await only.stop();
    rmSync(dir, { recursive: true, force: true });
    block.release();
  });
  await waitFor("a leader", () => (only.isLeading ? true : undefined));
  const ghostAddr = `${block.addr(2)}:${await freePort(block.addr(2))}`;
  const joined = await new Promise<swarm.v1.JoinResponse>((resolve, reject) =>
    client.join({ addr: ghostAddr }, (err, res) => (err ? reject(err) : resolve(res!))),
  );
  const ghost = Number(joined.raftId);
  t.deepEqual(only.raft.status().learners, [ghost]);

  // Writes keep committing for a hundred ticks (each within a few election timeouts), long enough
  // for the leader's promotion duty to have run many times.
  const until = Date.now() + 100 * 20;
  for (let i = 0; Date.now() < until; i++) {
    const write = only.store.update((tx) =>
      tx.create("secret", { id: `s${i}`, spec: { annotations: { name: `s${i}` }, data: new Uint8Array([1]) } }),
    );
    const stalled = new Promise<never>((_, reject) => {
      const timer = setTimeout(() => reject(new Error(`write ${i} did not commit: quorum lost`)), 5_000);
      void write.finally(() => clearTimeout(timer)).catch(() => undefined);
    });
    await Promise.race([write, stalled]);
  }
  t.deepEqual(only.raft.status().voters, [1]);
  t.deepEqual(only.raft.status().learners, [ghost]);
});
