// Goal: a network spec that cannot work is refused with INVALID_ARGUMENT naming the field (driver,
// subnet, range, gateway, MTU, options, labels), a subnet clashing with another network or a node's
// own subnet is refused naming both, and services' attachments are stored by network id.
import test from "ava";
import { InvalidArgumentError } from "../../common/index.js";
import type { swarm } from "../../proto/index.js";
import { MemoryStore } from "../store/index.js";
import {
  checkNetworkAgainstCluster,
  networkUsers,
  resolveServiceNetworks,
  validateNetworkSpec,
} from "./validate-network.js";

const spec = (extra: Partial<swarm.v1.INetworkSpec> = {}): swarm.v1.INetworkSpec => ({
  annotations: { name: "backend" },
  driver: "overlay",
  ...extra,
});

function refusal(t: { throws: (fn: () => void) => unknown }, fn: () => void): { field: string; message: string } {
  const error = (t.throws as (fn: () => void, e: object) => InvalidArgumentError)(fn, {
    instanceOf: InvalidArgumentError,
  });
  return { field: String((error.context as { field?: string }).field), message: error.message };
}

test("validateNetworkSpec accepts an overlay with a subnet, range, gateway, MTU, encryption and labels", (t) => {
  t.notThrows(() =>
    validateNetworkSpec(
      spec({
        annotations: { name: "backend", labels: { tier: "db" } },
        ipam: [{ subnet: "10.9.0.0/16", range: "10.9.4.0/24", gateway: "10.9.0.1" }],
        driverOpts: { encrypted: "", "com.docker.network.driver.mtu": "1370", custom: "x" },
        internal: true,
        attachable: true,
      }),
    ),
  );
  t.notThrows(() => validateNetworkSpec({ annotations: { name: "plain" } }), "the driver defaults to overlay");
});

test("validateNetworkSpec refuses other drivers and bridge options", (t) => {
  t.is(refusal(t, () => validateNetworkSpec(spec({ driver: "bridge" }))).field, "spec.driver");
  const bridgeOpt = refusal(t, () =>
    validateNetworkSpec(spec({ driverOpts: { "com.docker.network.bridge.name": "br0" } })),
  );
  t.is(bridgeOpt.field, 'spec.driverOpts["com.docker.network.bridge.name"]');
  t.regex(bridgeOpt.message, /bridge driver/);
  t.is(
    refusal(t, () => validateNetworkSpec(spec({ driverOpts: { "com.docker.network.foo": "1" } }))).field,
    'spec.driverOpts["com.docker.network.foo"]',
  );
  t.is(refusal(t, () => validateNetworkSpec(spec({ annotations: { name: "none" } }))).field, "spec.annotations.name");
  t.is(refusal(t, () => validateNetworkSpec(spec({ annotations: { name: "a b" } }))).field, "spec.annotations.name");
  t.is(
    refusal(t, () => validateNetworkSpec(spec({ annotations: { name: "x", labels: { "": "v" } } }))).field,
    "spec.annotations.labels",
  );
});

test("validateNetworkSpec checks the subnet, the range and the gateway", (t) => {
  const ipam = (c: swarm.v1.IIpamConfig): swarm.v1.INetworkSpec => spec({ ipam: [c] });
  t.regex(
    refusal(t, () => validateNetworkSpec(ipam({ subnet: "10.9.0.5/16" }))).message,
    /did you mean 10\.9\.0\.0\/16/,
  );
  t.is(refusal(t, () => validateNetworkSpec(ipam({ subnet: "10.9.0.0" }))).field, "spec.ipam[0].subnet");
  t.is(refusal(t, () => validateNetworkSpec(ipam({ subnet: "fd00::/64" }))).field, "spec.ipam[0].subnet");
  t.is(refusal(t, () => validateNetworkSpec(ipam({ subnet: "10.9.0.0/31" }))).field, "spec.ipam[0].subnet");
  t.is(
    refusal(t, () => validateNetworkSpec(ipam({ subnet: "10.9.0.0/24", range: "10.8.0.0/25" }))).field,
    "spec.ipam[0].range",
  );
  t.is(
    refusal(t, () => validateNetworkSpec(ipam({ subnet: "10.9.0.0/24", range: "10.9.0.0/23" }))).field,
    "spec.ipam[0].range",
  );
  t.is(
    refusal(t, () => validateNetworkSpec(ipam({ subnet: "10.9.0.0/24", gateway: "10.9.1.1" }))).field,
    "spec.ipam[0].gateway",
  );
  t.is(
    refusal(t, () => validateNetworkSpec(ipam({ subnet: "10.9.0.0/24", gateway: "10.9.0.255" }))).field,
    "spec.ipam[0].gateway",
  );
  t.is(refusal(t, () => validateNetworkSpec(ipam({ range: "10.9.0.0/24" }))).field, "spec.ipam[0].range");
  t.is(
    refusal(t, () => validateNetworkSpec(spec({ ipam: [{ subnet: "10.1.0.0/24" }, { subnet: "10.2.0.0/24" }] }))).field,
    "spec.ipam",
  );
});

test("validateNetworkSpec bounds the MTU by the overlay's overhead and checks option values", (t) => {
  const mtu = (value: string, extra: Record<string, string> = {}): swarm.v1.INetworkSpec =>
    spec({ driverOpts: { "com.docker.network.driver.mtu": value, ...extra } });
  t.notThrows(() => validateNetworkSpec(mtu("576")));
  t.notThrows(() => validateNetworkSpec(mtu("8950")));
  const field = 'spec.driverOpts["com.docker.network.driver.mtu"]';
  t.is(refusal(t, () => validateNetworkSpec(mtu("575"))).field, field);
  t.is(refusal(t, () => validateNetworkSpec(mtu("8951"))).field, field);
  t.is(refusal(t, () => validateNetworkSpec(mtu("8900", { encrypted: "" }))).field, field, "WireGuard's overhead too");
  t.is(refusal(t, () => validateNetworkSpec(mtu("1400.5"))).field, field);
  t.is(
    refusal(t, () => validateNetworkSpec(spec({ driverOpts: { encrypted: "yes" } }))).field,
    'spec.driverOpts["encrypted"]',
  );
  t.is(
    refusal(t, () =>
      validateNetworkSpec(spec({ driverOpts: { "com.docker.network.driver.overlay.vxlanid_list": "4096,4097" } })),
    ).field,
    'spec.driverOpts["com.docker.network.driver.overlay.vxlanid_list"]',
  );
  t.is(refusal(t, () => validateNetworkSpec(spec({ ingress: true, internal: true }))).field, "spec.internal");
});

async function cluster(): Promise<MemoryStore> {
  const store = new MemoryStore();
  let index = 0;
  store.setProposer({ propose: (data) => Promise.resolve(store.apply(data, ++index)) });
  await store.update((tx) => {
    tx.create("network", {
      id: "n1",
      spec: { annotations: { name: "front" }, driver: "overlay" },
      ipam: [{ subnet: "10.0.0.0/24", gateway: "10.0.0.1" }],
      vni: 4096,
    });
    tx.create("network", { id: "ing", spec: { annotations: { name: "ingress" }, driver: "overlay", ingress: true } });
    tx.create("node", { id: "x", description: { hostname: "box", localSubnets: ["192.168.1.0/24"] } });
  });
  return store;
}

test("checkNetworkAgainstCluster refuses a subnet overlapping another network or a node's own subnet", async (t) => {
  const store = await cluster();
  const other = refusal(t, () =>
    store.view((tx) => checkNetworkAgainstCluster(tx, spec({ ipam: [{ subnet: "10.0.0.0/16" }] }))),
  );
  t.is(other.field, "spec.ipam[0].subnet");
  t.regex(other.message, /overlaps 10\.0\.0\.0\/24 of network front/);
  const local = refusal(t, () =>
    store.view((tx) => checkNetworkAgainstCluster(tx, spec({ ipam: [{ subnet: "192.168.1.128/25" }] }))),
  );
  t.regex(local.message, /node box already uses/);
  const vni = refusal(t, () =>
    store.view((tx) =>
      checkNetworkAgainstCluster(
        tx,
        spec({ driverOpts: { "com.docker.network.driver.overlay.vxlanid_list": "4096" } }),
      ),
    ),
  );
  t.regex(vni.message, /VXLAN id 4096 is used by network front/);
  t.notThrows(() => store.view((tx) => checkNetworkAgainstCluster(tx, spec({ ipam: [{ subnet: "10.0.1.0/24" }] }))));
});

test("resolveServiceNetworks stores attachments by network id and refuses unknown, ingress and repeated networks", async (t) => {
  const store = await cluster();
  const service = (networks: swarm.v1.INetworkAttachmentConfig[], legacy = false): swarm.v1.ServiceSpec.$Properties =>
    legacy
      ? { annotations: { name: "s" }, task: { container: { image: "x" } }, networks }
      : { annotations: { name: "s" }, task: { container: { image: "x" }, networks } };
  const resolved = store.view((tx) => resolveServiceNetworks(tx, service([{ target: "front", aliases: ["web"] }])));
  t.deepEqual(resolved.task?.networks, [{ target: "n1", aliases: ["web"] }]);
  const legacy = store.view((tx) => resolveServiceNetworks(tx, service([{ target: "front" }], true)));
  t.deepEqual(legacy.task?.networks, [{ target: "n1" }], "the service-level field moves into the task template");
  t.is(legacy.networks, undefined);
  t.deepEqual(store.view((tx) => resolveServiceNetworks(tx, service([{ target: "host" }]))).task?.networks, [
    { target: "host" },
  ]);
  const missing = refusal(t, () => store.view((tx) => resolveServiceNetworks(tx, service([{ target: "back" }]))));
  t.is(missing.field, "spec.task.networks[0].target");
  t.regex(
    refusal(t, () => store.view((tx) => resolveServiceNetworks(tx, service([{ target: "ingress" }])))).message,
    /routing mesh/,
  );
  t.regex(
    refusal(t, () => store.view((tx) => resolveServiceNetworks(tx, service([{ target: "front" }, { target: "n1" }]))))
      .message,
    /attached twice/,
  );
  t.is(
    refusal(t, () => store.view((tx) => resolveServiceNetworks(tx, service([{ target: "n1", aliases: ["bad name"] }]))))
      .field,
    "spec.task.networks[0].aliases[0]",
  );
});

test("networkUsers names services attaching a network and tasks still holding an address on it", async (t) => {
  const store = await cluster();
  await store.update((tx) => {
    tx.create("service", {
      id: "s1",
      spec: { annotations: { name: "api" }, task: { networks: [{ target: "n1" }] } },
    });
    tx.create("task", {
      id: "t1",
      annotations: { name: "old.1.t1" },
      status: { state: 512 },
      networks: [{ networkId: "n1", addresses: ["10.0.0.5/24"] }],
    });
    tx.create("task", {
      id: "t2",
      status: { state: 640 },
      networks: [{ networkId: "n1", addresses: ["10.0.0.6/24"] }],
    });
  });
  const users = store.view((tx) => networkUsers(tx, tx.get("network", "n1")!));
  t.deepEqual(users, { services: ["api"], tasks: ["old.1.t1"] });
});
