// Goal: a task on the predefined host network runs in the node's network namespace, publishes
// nothing through the engine, and is told in its environment which node port to listen on for each
// ingress target port; the picked ports survive in a label, so an adopting agent reports them.
import test from "ava";
import { InvalidArgumentError } from "../../../common/index.js";
import { swarm } from "../../../proto/index.js";
import type { TaskContext } from "../executor.js";
import { containerConfig } from "./container-config.js";
import { hostPortsFromLabel, hostPortsLabel, hostPortsLabelValue, networkMode } from "./host-network.js";

const { PublishMode, Protocol } = swarm.v1.PortConfig;

function context(networks: string[], ports: swarm.v1.IPortConfig[] = [], env: string[] = []): TaskContext {
  return {
    task: {
      id: "t1abc",
      serviceId: "s1",
      slot: 1,
      nodeId: "n1",
      serviceAnnotations: { name: "web" },
      spec: { container: { image: "a", env }, networks: networks.map((target) => ({ target })) },
      endpoint: { ports },
    },
    node: { id: "n1", hostname: "host-a" },
    publishAddr: "192.0.2.9",
  };
}

const ingress80: swarm.v1.IPortConfig = {
  targetPort: 80,
  publishedPort: 30080,
  publishMode: PublishMode.PUBLISH_MODE_INGRESS,
};

test("networkMode reads the predefined networks and refuses them combined with others", (t) => {
  t.is(networkMode(context([])), "default");
  t.is(networkMode(context(["backend"])), "default");
  t.is(networkMode(context(["host"])), "host");
  t.is(networkMode(context(["none"])), "none");
  t.throws(() => networkMode(context(["host", "backend"])), {
    instanceOf: InvalidArgumentError,
    message: /host network cannot be combined/,
  });
});

test("a host-network container publishes nothing and gets the picked node port in its environment and a label", (t) => {
  const c = containerConfig(context(["host"], [ingress80], ["PORT=1", "MODE=x"]), [
    { targetPort: 80, nodePort: 41234, protocol: "tcp" },
  ]);
  t.is(c.HostConfig?.NetworkMode, "host");
  t.is(c.HostConfig?.PortBindings, undefined);
  t.is(c.ExposedPorts, undefined);
  // The picked port wins over the spec's own PORT, as under the process executor.
  t.deepEqual(c.Env, [
    "MODE=x",
    "SWARM_PORT_80=41234",
    "SWARM_IP_80=192.0.2.9",
    "SWARM_ADDR_80=192.0.2.9:41234",
    "PORT=41234",
    "HOST=192.0.2.9",
  ]);
  t.is(c.Labels?.[hostPortsLabel], "80/tcp=41234");
});

test("a container on the none network publishes nothing; one on the default network publishes through the engine", (t) => {
  const none = containerConfig(context(["none"], [ingress80]));
  t.is(none.HostConfig?.NetworkMode, "none");
  t.is(none.HostConfig?.PortBindings, undefined);
  const plain = containerConfig(context([], [ingress80]));
  t.is(plain.HostConfig?.NetworkMode, undefined);
  t.deepEqual(plain.HostConfig?.PortBindings, { "80/tcp": [{ HostIp: "192.0.2.9", HostPort: "" }] });
});

test("the host-ports label round-trips into the task's port status; a malformed one reports nothing", (t) => {
  const value = hostPortsLabelValue([
    { targetPort: 80, nodePort: 41234, protocol: "tcp" },
    { targetPort: 53, nodePort: 41235, protocol: "udp" },
  ]);
  t.is(value, "80/tcp=41234,53/udp=41235");
  t.deepEqual(hostPortsFromLabel(value), [
    {
      protocol: Protocol.PROTOCOL_TCP,
      targetPort: 80,
      publishedPort: 41234,
      publishMode: PublishMode.PUBLISH_MODE_INGRESS,
    },
    {
      protocol: Protocol.PROTOCOL_UDP,
      targetPort: 53,
      publishedPort: 41235,
      publishMode: PublishMode.PUBLISH_MODE_INGRESS,
    },
  ]);
  t.deepEqual(hostPortsFromLabel("80/tcp=x"), []);
  t.deepEqual(hostPortsFromLabel(undefined), []);
});
