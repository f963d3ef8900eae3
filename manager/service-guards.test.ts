// Goal: over real gRPC with mutual TLS against a real manager, a certificate opens only what its
// node may do now: a demoted manager's, a manager's that left the raft group, and a removed
// manager's certificates open neither Control (GetUnlockKey), RaftMembership nor Raft; a joining
// manager's does; a demoted manager keeps the node services; and a stream already open is closed
// when its node is demoted.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { claimLoopbackBlock, waitFor } from "../common/index.js";
import {
  ControlClient,
  DispatcherClient,
  RaftClient,
  RaftMembershipClient,
  swarm,
  WatchClient,
} from "../proto/index.js";
import { freePort } from "../raft/index.js";
import {
  createCertificateRequest,
  createRootCa,
  generateKeyPair,
  issueNodeCertificate,
  ManagerRole,
  type RootCa,
} from "./ca/index.js";
import { Manager } from "./manager.js";

const Role = swarm.v1.NodeSpec.Role;

interface Pem {
  readonly certPem: string;
  readonly keyPem: string;
}

async function issue(ca: RootCa, clusterId: string, nodeId: string): Promise<Pem> {
  const key = await generateKeyPair();
  const certPem = await issueNodeCertificate(ca, await createCertificateRequest(key), {
    nodeId,
    role: ManagerRole,
    clusterId,
  });
  return { certPem, keyPem: key.keyPem };
}

/** Channel credentials presenting `pem`, trusting managers of the CA. */
function channelOf(ca: RootCa, pem: Pem): grpc.ChannelCredentials {
  return grpc.credentials.createSsl(Buffer.from(ca.certPem), Buffer.from(pem.keyPem), Buffer.from(pem.certPem));
}

/** Manager certificates name the role as a host: channels reach a manager by that name. */
const channelOptions = { "grpc.ssl_target_name_override": ManagerRole };

/** The gRPC status code of a unary call: OK, or its error's code. */
function codeOf(invoke: (cb: (err: grpc.ServiceError | null) => void) => void): Promise<grpc.status> {
  return new Promise((resolve) => invoke((err) => resolve(err ? err.code : grpc.status.OK)));
}

test("certificates open only what their node may do now, and open streams close on demotion", async (t) => {
  t.timeout(60_000);
  const block = await claimLoopbackBlock("service-guards.test");
  const dir = mkdtempSync(join(tmpdir(), "swarm-guards-"));
  const clusterId = "cluster-guards";
  const ca = await createRootCa(clusterId);
  const own = await issue(ca, clusterId, "m1");
  const addr = `${block.addr(1)}:${await freePort(block.addr(1))}`;
  const credentials = {
    server: grpc.ServerCredentials.createSsl(
      Buffer.from(ca.certPem),
      [{ cert_chain: Buffer.from(own.certPem), private_key: Buffer.from(own.keyPem) }],
      // Every caller here has a certificate (swarmd's port also admits joiners without one).
      true,
    ),
    channel: channelOf(ca, own),
  };
  const manager = await Manager.start({
    id: 1,
    nodeId: "m1",
    dir,
    addr,
    bootstrap: new Map([[1, addr]]),
    tickMs: 20,
    clusterId,
    credentials,
    channelOptions,
    rootCa: ca,
  });
  const closers: { close(): void }[] = [];
  t.teardown(async () => {
    for (const c of closers) c.close();
    await manager.stop();
    rmSync(dir, { recursive: true, force: true });
    block.release();
  });
  const store = manager.store;
  await waitFor("the leader's own node object", () => store.view((tx) => tx.get("node", "m1")?.managerStatus?.leader));
  await waitFor("the cluster object", () => store.view((tx) => tx.all("cluster")[0]));
  await store.update((tx) => {
    // Demoted: the leader took it out of raft and recorded it as a worker.
    tx.create("node", { id: "m2", role: Role.ROLE_WORKER, spec: { desiredRole: Role.ROLE_WORKER } });
    // Left the raft group (`swarmd leave --force`): its object still says manager, raft does not.
    tx.create("node", {
      id: "m3",
      role: Role.ROLE_MANAGER,
      spec: { desiredRole: Role.ROLE_MANAGER },
      managerStatus: { raftId: 999, addr: "192.0.2.1:4242" },
    });
    // Joining: its certificate was issued for the manager role, it is not in raft yet.
    tx.create("node", { id: "m5", role: Role.ROLE_WORKER, spec: { desiredRole: Role.ROLE_MANAGER } });
  });
  // m4 was removed: no node object at all.
  const pems = new Map<string, Pem>();
  for (const id of ["m2", "m3", "m4", "m5"]) pems.set(id, await issue(ca, clusterId, id));

  const clientsOf = (id: string) => {
    const channel = channelOf(ca, pems.get(id) ?? own);
    const clients = {
      control: new ControlClient(addr, channel, channelOptions),
      membership: new RaftMembershipClient(addr, channel, channelOptions),
      raft: new RaftClient(addr, channel, channelOptions),
      dispatcher: new DispatcherClient(addr, channel, channelOptions),
      watch: new WatchClient(addr, channel, channelOptions),
    };
    closers.push(...Object.values(clients));
    return clients;
  };
  const codes = async (id: string) => {
    const c = clientsOf(id);
    const md = new grpc.Metadata();
    md.set("swarm-node-id", id);
    return {
      control: await codeOf((cb) => c.control.getUnlockKey({}, cb)),
      // A raft id nobody has: INVALID_ARGUMENT once admitted.
      membership: await codeOf((cb) => c.membership.leave({ node: { raftId: 123_456 } }, cb)),
      // The manager answers no member status: UNIMPLEMENTED once admitted.
      raft: await codeOf((cb) => c.raft.getMemberStatus({}, cb)),
      // No session: FAILED_PRECONDITION once admitted.
      dispatcher: await codeOf((cb) => c.dispatcher.heartbeat({ sessionId: "none" }, md, cb)),
    };
  };
  const denied = grpc.status.PERMISSION_DENIED;
  t.deepEqual(await codes("m1"), {
    control: grpc.status.OK,
    membership: grpc.status.INVALID_ARGUMENT,
    raft: grpc.status.UNIMPLEMENTED,
    dispatcher: grpc.status.FAILED_PRECONDITION,
  });
  t.deepEqual(await codes("m2"), {
    control: denied,
    membership: denied,
    raft: denied,
    dispatcher: grpc.status.FAILED_PRECONDITION,
  });
  t.deepEqual(await codes("m3"), {
    control: denied,
    membership: denied,
    raft: denied,
    dispatcher: grpc.status.FAILED_PRECONDITION,
  });
  t.deepEqual(await codes("m4"), { control: denied, membership: denied, raft: denied, dispatcher: denied });
  t.deepEqual(await codes("m5"), {
    control: grpc.status.OK,
    membership: grpc.status.INVALID_ARGUMENT,
    raft: grpc.status.UNIMPLEMENTED,
    dispatcher: grpc.status.FAILED_PRECONDITION,
  });

  // m5 watches the store; demoted, its stream ends at the next event it would have received.
  const watch = clientsOf("m5").watch.watch({});
  const ended = new Promise<grpc.ServiceError>((resolve) => watch.on("error", resolve));
  watch.on("data", () => undefined);
  await waitFor("the watch to be open", () => (manager.store.version > 0 ? true : undefined));
  const m5 = store.view((tx) => tx.get("node", "m5"))!;
  await store.update((tx) => tx.update("node", { ...m5, spec: { ...m5.spec, desiredRole: Role.ROLE_WORKER } }));
  t.is((await ended).code, denied);
});
