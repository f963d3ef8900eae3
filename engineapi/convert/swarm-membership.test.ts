// Goal: the init and join bodies are read as Docker's CLI sends them, refusals name the field, and
// the init spec keeps the cluster's value wherever the operator left zero.
import test from "ava";
import { JsonObject } from "./json-reader.js";
import { initSpecOverlay, remoteAddrsMax, swarmInitIn, swarmJoinIn } from "./swarm-membership.js";

const body = (value: object): JsonObject => JsonObject.orEmpty("", value);

test("swarmInitIn reads the CLI's init request and keeps its spec raw", (t) => {
  const { request, spec } = swarmInitIn(
    body({
      ListenAddr: "10.0.0.2:2377",
      AdvertiseAddr: "",
      DataPathAddr: "",
      DataPathPort: 0,
      DefaultAddrPool: ["10.20.0.0/16"],
      SubnetSize: 26,
      ForceNewCluster: false,
      AutoLockManagers: true,
      Availability: "drain",
      Spec: { Orchestration: {}, Dispatcher: { HeartbeatPeriod: 0 } },
    }),
  );
  t.deepEqual(request, {
    listenAddr: "10.0.0.2:2377",
    advertiseAddr: "",
    availability: "drain",
    defaultAddrPools: ["10.20.0.0/16"],
    subnetSize: 26,
    dataPathPort: 0,
    autolock: true,
  });
  t.deepEqual(spec, { Orchestration: {}, Dispatcher: { HeartbeatPeriod: 0 } });
});

test("swarmInitIn and swarmJoinIn refuse what they cannot honour, naming the field", (t) => {
  t.throws(() => swarmInitIn(body({ ForceNewCluster: true })), { message: /^ForceNewCluster: .*force-new-cluster/ });
  t.throws(() => swarmInitIn(body({ DataPathAddr: "10.0.0.3" })), { message: /^DataPathAddr: / });
  t.throws(() => swarmInitIn(body({ ListenAddr: "10.0.0.2" })), {
    message: /^ListenAddr: "10\.0\.0\.2" is not host:port/,
  });
  t.throws(() => swarmInitIn(body({ Availability: "off" })), {
    message: /^Availability: must be one of active, pause, drain/,
  });
  t.throws(() => swarmInitIn(body({ SubnetSize: 31 })), { message: /^SubnetSize: must be between 0 and 29/ });
  t.throws(() => swarmInitIn(body({ Bogus: 1 })), { message: /^Bogus/ });
  t.throws(() => swarmJoinIn(body({ JoinToken: "SWMTKN-1-x" })), {
    message: /^RemoteAddrs: name at least one manager/,
  });
  t.throws(() => swarmJoinIn(body({ RemoteAddrs: ["10.0.0.2:2377"] })), { message: /^JoinToken: is required/ });
  t.throws(
    () => swarmJoinIn(body({ RemoteAddrs: Array.from({ length: remoteAddrsMax + 1 }, () => "a:1"), JoinToken: "t" })),
    { message: /^RemoteAddrs: may name at most/ },
  );
  t.deepEqual(swarmJoinIn(body({ RemoteAddrs: [" 10.0.0.2:2377 "], JoinToken: "t", ListenAddr: "0.0.0.0:2377" })), {
    listenAddr: "0.0.0.0:2377",
    advertiseAddr: "",
    availability: "",
    remoteAddrs: ["10.0.0.2:2377"],
    joinToken: "t",
  });
});

test("initSpecOverlay keeps the cluster's value wherever the operator left zero", (t) => {
  const current = {
    Name: "default",
    Orchestration: { TaskHistoryRetentionLimit: 5 },
    Dispatcher: { HeartbeatPeriod: 5_000_000_000 },
    CAConfig: { NodeCertExpiry: 7_776_000_000_000_000 },
  };
  t.is(initSpecOverlay({ Orchestration: {}, Dispatcher: { HeartbeatPeriod: 0 }, Labels: {} }, current), null);
  t.deepEqual(initSpecOverlay({ orchestration: { TaskHistoryRetentionLimit: 2 }, Dispatcher: {} }, current), {
    ...current,
    Orchestration: { TaskHistoryRetentionLimit: 2 },
  });
});
