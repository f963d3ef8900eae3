// `npm run bench -- tls [--calls N] [--connects N] [--joins N] [--json]`: the CPU time this process
// spends (server and client together, as the kernel counts it) per call on one mutual-TLS
// connection through a manager's admission and guards, per new connection with a manager's
// renewable channel credentials, and per join through the CA. A CPU time, not a rate, so that it
// holds on a machine shared with other work; the same workload before and after a change shows
// what the change saves.
import * as grpc from "@grpc/grpc-js";
import * as certs from "../../node/index.js";
import type { MemoryStore } from "../../manager/index.js";
import {
  CallAdmission,
  createCaService,
  createControlApi,
  ManagerRole,
  managerPortPolicies,
  ServiceGuards,
} from "../../manager/index.js";
import { CAClient, caService, ControlClient, controlService } from "../../proto/index.js";
import { intFlag } from "./bench-args.js";

/** CPU time of this process (user and system), in ms. */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

async function measure(run: () => Promise<void>): Promise<number> {
  const before = cpuMs();
  await run();
  return cpuMs() - before;
}

function unary<Res>(start: (cb: (error: grpc.ServiceError | null, response?: Res) => void) => unknown): Promise<Res> {
  return new Promise((resolve, reject) => start((e, r) => (e ? reject(e) : resolve(r!))));
}

/** A manager's port as Manager.start serves it (admission first, Control guarded, the CA open), over an in-memory store. */
async function startPort(): Promise<{
  addr: string;
  store: MemoryStore;
  pki: certs.TestPki;
  tokens: { worker: string };
  stop: () => void;
}> {
  const pki = await certs.testPki("cluster-bench");
  const { store, tokens } = await certs.testClusterStore(pki, ["manager-1", "manager-2"]);
  const guards = new ServiceGuards({ store, clusterId: pki.clusterId });
  const admission = new CallAdmission({
    services: managerPortPolicies(),
    refusal: (call, audience) => guards.refusal(call, audience),
    identified: (call) => guards.identified(call),
  });
  const server = new grpc.Server({ interceptors: [admission.interceptor] });
  server.addService(caService, createCaService({ store }));
  server.addService(
    controlService,
    guards.guard(createControlApi({ store }) as grpc.UntypedServiceImplementation, "operators"),
  );
  const provider = new certs.NodeCertificateProvider(await pki.issue("manager-1", ManagerRole));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", certs.providerServerCredentials(provider, "request"), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  return { addr: `127.0.0.1:${port}`, store, pki, tokens, stop: () => server.forceShutdown() };
}

/** Runs the benchmark. */
export async function runTlsBench(argv: readonly string[]): Promise<{ text: string; json: Record<string, unknown> }> {
  const calls = intFlag(argv, "calls", 3_000);
  const connects = intFlag(argv, "connects", 200);
  const joins = intFlag(argv, "joins", 200);
  // A manager's port: the CA unguarded, Control guarded, the admission interceptor first.
  const manager = await startPort();
  try {
    // Calls: one operator connection, many calls, each through the admission and the guard.
    const operator = await manager.pki.issue("manager-2", ManagerRole);
    const control = new ControlClient(manager.addr, certs.clientCredentials(operator), certs.managerChannelOptions);
    await unary((cb) => control.getCluster({ clusterId: "default" }, cb));
    const callsMs = await measure(async () => {
      for (let i = 0; i < calls; i++) await unary((cb) => control.getCluster({ clusterId: "default" }, cb));
    });
    control.close();

    // Connects: a manager's channel credentials (they follow renewals), a connection of its own each time.
    const provider = new certs.NodeCertificateProvider(await manager.pki.issue("manager-2", ManagerRole));
    const channel = certs.providerClientCredentials(provider, manager.pki.clusterId);
    const connectOnce = async (): Promise<void> => {
      const client = new CAClient(manager.addr, channel, {
        ...certs.managerChannelOptions,
        "grpc.use_local_subchannel_pool": 1,
      });
      await unary((cb) => client.getRootCACertificate({}, cb));
      client.close();
    };
    await connectOnce();
    const connectsMs = await measure(async () => {
      for (let i = 0; i < connects; i++) await connectOnce();
    });

    // Joins: keys and CSRs made beforehand; eight joins in flight, as the hollow fleet does.
    const caPem = await certs.fetchRootCa(manager.addr, manager.tokens.worker);
    const csrs = await Promise.all(
      Array.from({ length: joins }, async () => certs.createCsr(await certs.generateNodeKey())),
    );
    const Channels = (certs as { CaChannels?: new (caPem: string) => { close(): void } }).CaChannels;
    const shared = Channels ? new Channels(caPem) : undefined;
    let next = 0;
    const joinsMs = await measure(async () => {
      const lane = async (): Promise<void> => {
        while (next < joins) {
          const csr = csrs[next++]!;
          // Before CaChannels existed the third argument is ignored: one connection per join.
          await (
            certs.requestNodeCertificate as (a: string, r: certs.CertificateRequest, o: unknown) => Promise<unknown>
          )(manager.addr, { csr, caPem, token: manager.tokens.worker }, { channels: shared });
        }
      };
      await Promise.all(Array.from({ length: 8 }, lane));
    });
    shared?.close();
    const nodes = manager.store.view((tx) => tx.all("node").filter((n) => !(n.id ?? "").startsWith("manager-")).length);
    const json = {
      calls,
      cpuMsPerKiloCall: (callsMs * 1000) / calls,
      connects,
      cpuMsPerConnect: connectsMs / connects,
      joins,
      cpuMsPerJoin: joinsMs / joins,
      nodesJoined: nodes,
    };
    const text = [
      `calls on one connection (admission + guard): ${json.cpuMsPerKiloCall.toFixed(1)} ms CPU per 1,000 calls (${calls})`,
      `new connections (manager channel credentials): ${json.cpuMsPerConnect.toFixed(2)} ms CPU per connect (${connects})`,
      `joins (CA request + certificate status): ${json.cpuMsPerJoin.toFixed(2)} ms CPU per join (${joins}, ${nodes} nodes)`,
    ].join("\n");
    return { text, json };
  } finally {
    manager.stop();
  }
}
