// planStack against simulated cluster states: what exists is built the way the Control API
// returns it (a decoded message, defaults filled in), so the canonical comparison is exercised.
import test from "ava";
import { swarm } from "../../proto/index.js";
import {
  loadStack,
  planStack,
  StackFileError,
  stackNamespaceLabel,
  type CurrentObjects,
  type LoadedStack,
  type StackAction,
} from "./index.js";
import { fixturesDir } from "./test-fixtures/cases.js";
import { stackImageLabel } from "./plan-stack.js";

const empty: CurrentObjects = { services: [], secrets: [], configs: [], networks: [] };

function load(file: string, env: Record<string, string> = {}): Promise<LoadedStack> {
  return loadStack([file], { env, cwd: fixturesDir });
}

/**
 * What the cluster holds after running every action, as the API would return it (services attach
 * to networks by id, as the managers store them).
 */
function apply(current: CurrentObjects, waves: StackAction[][]): CurrentObjects {
  let n = 0;
  const services = [...current.services];
  const secrets = [...current.secrets];
  const configs = [...current.configs];
  const networks = [...(current.networks ?? [])];
  const byId = (spec: swarm.v1.ServiceSpec.$Properties): swarm.v1.ServiceSpec.$Properties => ({
    ...spec,
    task: {
      ...spec.task,
      networks: (spec.task?.networks ?? []).map((a) => ({
        ...a,
        target: networks.find((x) => x.spec?.annotations?.name === a.target)?.id ?? a.target ?? "",
      })),
    },
  });
  const decoded = (spec: swarm.v1.ServiceSpec.$Properties, id: string, version: number): swarm.v1.Service =>
    swarm.v1.Service.decode(
      swarm.v1.Service.encode(
        swarm.v1.Service.fromObject({ id, meta: { version: { index: version } }, spec: byId(spec) }),
      ).finish(),
    );
  for (const action of waves.flat()) {
    n += 1;
    switch (action.kind) {
      case "create-secret":
        secrets.push({ id: `secret${n}`, spec: { annotations: action.spec.annotations ?? {} } });
        break;
      case "create-config":
        configs.push({ id: `config${n}`, spec: action.spec });
        break;
      case "create-network":
        networks.push({ id: `network${n}`, spec: action.spec });
        break;
      case "create-service":
        services.push(decoded(action.spec, `service${n}`, n));
        break;
      case "update-service": {
        const i = services.findIndex((s) => s.id === action.serviceId);
        services[i] = decoded(action.spec, action.serviceId, n);
        break;
      }
      case "remove-service":
        services.splice(
          services.findIndex((s) => s.id === action.serviceId),
          1,
        );
        break;
    }
  }
  return { services, secrets, configs, networks };
}

const summary = (waves: StackAction[][]): string[][] => waves.map((w) => w.map((a) => `${a.kind} ${a.name}`));

test("planStack orders services by depends_on into waves", async (t) => {
  const waves = planStack("demo", await load("depends.yml"), empty);
  t.deepEqual(summary(waves), [
    ["create-network demo_default"],
    ["create-service demo_db", "create-service demo_cache"],
    ["create-service demo_api"],
    ["create-service demo_web"],
  ]);
});

test("planStack creates secrets and configs first and fills ids of those that exist", async (t) => {
  const loaded = await load("secrets/stack.yml", { API_KEY: "k" });
  const current: CurrentObjects = {
    ...empty,
    secrets: [{ id: "ext1", spec: { annotations: { name: "shared_token" } } }],
  };
  const waves = planStack("demo", loaded, current);
  t.deepEqual(summary(waves), [
    [
      "create-secret demo_db_password",
      "create-secret demo_api_key",
      "create-config demo_app_conf",
      "create-config nginx-conf-v2",
      "create-network demo_default",
    ],
    ["create-service demo_api"],
  ]);
  const service = waves[1]![0]!;
  t.is(service.kind, "create-service");
  const refs = service.kind === "create-service" ? (service.spec.task?.container?.secrets ?? []) : [];
  t.deepEqual(
    refs.map((r) => [r.secretName, r.secretId ?? ""]),
    [
      ["demo_db_password", ""],
      ["demo_api_key", ""],
      ["shared_token", "ext1"],
    ],
  );
});

test("planStack refuses an external secret that does not exist", async (t) => {
  const loaded = await load("secrets/stack.yml", { API_KEY: "k" });
  const error = t.throws(() => planStack("demo", loaded, empty), { instanceOf: StackFileError });
  t.is(error?.path, "secrets.shared_token");
});

test("planStack does nothing when the deployed stack is unchanged", async (t) => {
  const loaded = await load("deploy.yml");
  const first = planStack("demo", loaded, empty);
  t.deepEqual(summary(first), [["create-network demo_default"], ["create-service demo_web"]]);
  t.deepEqual(planStack("demo", loaded, apply(empty, first)), []);
});

test("planStack updates only the services whose spec changed, quoting their version", async (t) => {
  const before = await load("merge/base.yml");
  const deployed = apply(empty, planStack("demo", before, empty));
  const after = await loadStack(["merge/base.yml", "merge/override.yml"], { env: {}, cwd: fixturesDir });
  const waves = planStack("demo", after, deployed);
  t.deepEqual(summary(waves), [["update-service demo_web", "update-service demo_cache"]]);
  const web = waves[0]![0]!;
  t.like(web, { kind: "update-service", serviceId: "service2", version: 2 });
  // Once applied, the same files plan nothing more.
  const sameAgain = planStack("demo", after, apply(deployed, waves));
  t.deepEqual(sameAgain, []);
});

test("planStack prunes only this stack's services that left the file", async (t) => {
  const loaded = await load("depends.yml");
  const deployed = apply(empty, planStack("demo", loaded, empty));
  const other: swarm.v1.Service.$Properties = {
    id: "x",
    spec: { annotations: { name: "other_web", labels: { [stackNamespaceLabel]: "other" } } },
  };
  const stale: swarm.v1.Service.$Properties = {
    id: "y",
    spec: { annotations: { name: "demo_old", labels: { [stackNamespaceLabel]: "demo" } } },
  };
  const current = { ...deployed, services: [...deployed.services, other, stale] };
  t.deepEqual(planStack("demo", loaded, current), []);
  t.deepEqual(summary(planStack("demo", loaded, current, { prune: true })), [["remove-service demo_old"]]);
});

test("planStack refuses a change of mode", async (t) => {
  const loaded = await load("jobs.yml");
  const deployed = apply(empty, planStack("demo", loaded, empty));
  const worker = deployed.services.find((s) => s.spec?.annotations?.name === "demo_worker")!;
  const changed = {
    ...deployed,
    services: deployed.services.map((s) =>
      s === worker ? { ...s, spec: { ...s.spec, replicated: null, global: {} } } : s,
    ),
  };
  t.throws(() => planStack("demo", loaded, changed), {
    instanceOf: StackFileError,
    message: /cannot change to replicated/,
  });
});

test("planStack refuses a config whose data changed", async (t) => {
  const loaded = await load("secrets/stack.yml", { API_KEY: "k" });
  const current: CurrentObjects = {
    ...empty,
    secrets: [{ id: "ext1", spec: { annotations: { name: "shared_token" } } }],
    configs: [{ id: "c1", spec: { annotations: { name: "demo_app_conf" }, data: Buffer.from("level=debug\n") } }],
  };
  const error = t.throws(() => planStack("demo", loaded, current), { instanceOf: StackFileError });
  t.is(error?.path, "configs.app_conf");
});

test("planStack names a depends_on cycle", (t) => {
  const spec = (name: string): swarm.v1.ServiceSpec.$Properties => ({
    annotations: { name },
    task: { container: { image: "busybox" } },
  });
  const loaded: LoadedStack = {
    services: [
      { name: "a", spec: spec("a"), dependsOn: ["b"] },
      { name: "b", spec: spec("b"), dependsOn: ["a"] },
    ],
    secrets: [],
    configs: [],
    volumes: [],
    networks: [],
    warnings: [],
  };
  t.throws(() => planStack("demo", loaded, empty), { instanceOf: StackFileError, message: /a -> b -> a/ });
});

/** A service of another stack that publishes `port` (TCP, ingress), as the API returns it. */
function publisher(name: string, port: number): swarm.v1.Service.$Properties {
  const P = swarm.v1.PortConfig;
  const ports = [
    {
      targetPort: 80,
      publishedPort: port,
      protocol: P.Protocol.PROTOCOL_TCP,
      publishMode: P.PublishMode.PUBLISH_MODE_INGRESS,
    },
  ];
  return {
    id: `id-${name}`,
    spec: { annotations: { name, labels: { [stackNamespaceLabel]: name.split("_")[0]! } }, endpoint: { ports } },
    endpoint: { ports },
  };
}

test("planStack refuses a port another service of the cluster publishes", async (t) => {
  const loaded = await load("ports.yml");
  const current = { ...empty, services: [publisher("other_web", 8080)] };
  const error = t.throws(() => planStack("demo", loaded, current), { instanceOf: StackFileError });
  t.is(error?.path, "services.web.ports[0]");
  t.regex(error?.message ?? "", /port 8080\/tcp is already published by service other_web/);
});

test("planStack lets the stack's own services keep and swap their published ports", async (t) => {
  const loaded = await load("ports.yml");
  // demo_web holds 8080 today and keeps it; demo_proxied holds 9000, which web now takes (both update).
  const current = { ...empty, services: [publisher("demo_web", 8080), publisher("demo_proxied", 9000)] };
  t.notThrows(() => planStack("demo", loaded, current));
});

test("planStack refuses a service name the cluster would refuse", (t) => {
  const long = "s".repeat(60);
  const loaded: LoadedStack = {
    services: [{ name: long, spec: { task: { container: { image: "busybox" } } }, dependsOn: [] }],
    secrets: [],
    configs: [],
    networks: [],
    volumes: [],
    warnings: [],
  };
  const error = t.throws(() => planStack("demo", loaded, empty), { instanceOf: StackFileError });
  t.is(error?.path, `services.${long}`);
  t.regex(error?.message ?? "", /at most 63 characters/);
});

test("planStack refuses to take over a service that is not the stack's", async (t) => {
  const loaded = await load("deploy.yml");
  const foreign: swarm.v1.Service.$Properties = { id: "f", spec: { annotations: { name: "demo_web" } } };
  const error = t.throws(() => planStack("demo", loaded, { ...empty, services: [foreign] }), {
    instanceOf: StackFileError,
  });
  t.is(error?.path, "services.web");
  t.regex(error?.message ?? "", /service demo_web exists and is not part of stack demo/);
});

test("planStack creates the networks its services use before them, and leaves existing ones alone", async (t) => {
  const loaded = await load("networks.yml");
  const current: CurrentObjects = {
    ...empty,
    networks: [{ id: "net-backend", spec: { annotations: { name: "backend" } } }],
  };
  const waves = planStack("demo", loaded, current);
  t.deepEqual(summary(waves), [
    ["create-network demo_default", "create-network shared-net", "create-network demo_own"],
    ["create-service demo_web", "create-service demo_api", "create-service demo_plain", "create-service demo_edge"],
  ]);
  const own = waves[0]![2]!;
  t.like(own.kind === "create-network" ? own.spec : {}, {
    internal: true,
    attachable: true,
    driverOpts: { encrypted: "", "com.docker.network.driver.mtu": "1400" },
    ipam: [{ subnet: "10.70.0.0/16", range: "10.70.1.0/24", gateway: "10.70.0.1" }],
    annotations: { name: "demo_own", labels: { tier: "back", [stackNamespaceLabel]: "demo" } },
  });
  const api = waves[1]![1]!;
  t.deepEqual(
    api.kind === "create-service" ? api.spec.task?.networks?.map((a) => a.target) : [],
    ["net-backend", "demo_own", "shared-net"],
    "an existing network is named by id, as the managers store it",
  );
  // Deployed once, the same file plans nothing: no network is created twice or changed.
  t.deepEqual(planStack("demo", loaded, apply(current, waves)), []);
});

test("planStack refuses an external network that does not exist", async (t) => {
  const loaded = await load("networks.yml");
  const error = t.throws(() => planStack("demo", loaded, empty), { instanceOf: StackFileError });
  t.is(error?.path, "networks.backend");
  t.regex(error?.message ?? "", /declared as external, but could not be found/);
});

test("planStack refuses two networks of the stack whose subnets overlap, and a subnet that is not CIDR", (t) => {
  const on = (target: string) => ({ task: { container: { image: "process://x" }, networks: [{ target }] } });
  const stackWith = (subnets: [string, string]): LoadedStack => ({
    services: [
      { name: "a", spec: on("front"), dependsOn: [] },
      { name: "b", spec: on("back"), dependsOn: [] },
    ],
    secrets: [],
    configs: [],
    networks: [
      { key: "front", external: false, spec: { driver: "overlay", ipam: [{ subnet: subnets[0] }] } },
      { key: "back", external: false, spec: { driver: "overlay", ipam: [{ subnet: subnets[1] }] } },
    ],
    volumes: [],
    warnings: [],
  });
  const overlap = t.throws(() => planStack("demo", stackWith(["10.1.2.0/24", "10.1.0.0/16"]), empty), {
    instanceOf: StackFileError,
  });
  t.is(overlap?.path, "networks.front.ipam.config[0].subnet");
  t.regex(
    overlap?.message ?? "",
    /10\.1\.2\.0\/24 of network demo_front overlaps 10\.1\.0\.0\/16 of network demo_back/,
  );
  t.notThrows(() => planStack("demo", stackWith(["10.1.0.0/24", "10.1.1.0/24"]), empty));
  const bad = t.throws(() => planStack("demo", stackWith(["10.1.0.0/24", "10.1.1.0"]), empty), {
    instanceOf: StackFileError,
  });
  t.regex(bad?.message ?? "", /"10\.1\.1\.0" is not an IPv4 subnet/);
});

test("planStack asks the managers to pin images as --resolve-image says, keeping a pinned digest for an unchanged image", async (t) => {
  const loaded = await load("deploy.yml");
  const first = planStack("demo", loaded, empty);
  const create = first.flat().find((a) => a.kind === "create-service");
  t.like(create, { kind: "create-service", queryRegistry: true });
  t.false(
    (
      planStack("demo", loaded, empty, { resolveImage: "never" })
        .flat()
        .find((a) => a.kind === "create-service") as {
        queryRegistry: boolean;
      }
    ).queryRegistry,
  );
  // As the managers store it: the image pinned to a digest, the label keeping it as written.
  const deployed = apply(empty, first);
  const written = deployed.services[0]!.spec!.task!.container!.image!;
  t.is(deployed.services[0]!.spec!.annotations!.labels![stackImageLabel], written);
  const pinned = `${written}@sha256:${"d".repeat(64)}`;
  deployed.services[0]!.spec!.task!.container!.image = pinned;
  // changed: the image as written is the same, so the digest stays and nothing is updated.
  t.deepEqual(planStack("demo", loaded, deployed, { resolveImage: "changed" }), []);
  // always: the registry is asked again (an update that pins the tag anew).
  const always = planStack("demo", loaded, deployed, { resolveImage: "always" }).flat();
  t.like(always[0], { kind: "update-service", queryRegistry: true });
  t.is((always[0] as { spec: swarm.v1.ServiceSpec.$Properties }).spec.task?.container?.image, written);
});
