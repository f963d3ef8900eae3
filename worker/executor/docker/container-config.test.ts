// The pure task → container-create mapping, checked field by field without an engine.
import test from "ava";
import { InvalidArgumentError } from "../../../common/index.js";
import { swarm } from "../../../proto/index.js";
import type { TaskContext } from "../executor.js";
import { labelKeys } from "../executor.js";
import { containerConfig, taskVolumes } from "./container-config.js";

const { PublishMode, Protocol } = swarm.v1.PortConfig;

function context(
  container: swarm.v1.IContainerSpec,
  extra: Partial<swarm.v1.ITask> = {},
  publishAddr?: string,
): TaskContext {
  return {
    task: {
      id: "t1abc",
      serviceId: "s1",
      slot: 2,
      nodeId: "n1",
      serviceAnnotations: { name: "web" },
      spec: { container },
      ...extra,
    },
    node: { id: "n1", hostname: "host-a" },
    ...(publishAddr === undefined ? {} : { publishAddr }),
  };
}

test("containerConfig names the container and labels it as ours over the spec's labels", (t) => {
  const c = containerConfig(context({ image: "redis:7", labels: { app: "x", [labelKeys.managed]: "no" } }));
  t.is(c.name, "web.2.t1abc");
  t.is(c.Image, "redis:7");
  t.deepEqual(c.Labels, {
    app: "x",
    [labelKeys.managed]: "true",
    [labelKeys.taskId]: "t1abc",
    [labelKeys.taskName]: "web.2.t1abc",
    [labelKeys.serviceId]: "s1",
    [labelKeys.serviceName]: "web",
    [labelKeys.slot]: "2",
    [labelKeys.nodeId]: "n1",
  });
});

test("containerConfig names global tasks by node id", (t) => {
  const c = containerConfig(context({ image: "a" }, { slot: 0 }));
  t.is(c.name, "web.n1.t1abc");
  t.is(c.Labels?.[labelKeys.slot], "0");
});

test("containerConfig keeps the image's entrypoint and command unless the spec overrides them", (t) => {
  const plain = containerConfig(context({ image: "a" }));
  t.false("Entrypoint" in plain);
  t.false("Cmd" in plain);
  const both = containerConfig(context({ image: "a", command: ["sh", "-c"], args: ["echo hi"] }));
  t.deepEqual(both.Entrypoint, ["sh", "-c"]);
  t.deepEqual(both.Cmd, ["echo hi"]);
  const argsOnly = containerConfig(context({ image: "a", args: ["x"] }));
  t.false("Entrypoint" in argsOnly);
  t.deepEqual(argsOnly.Cmd, ["x"]);
});

test("containerConfig expands templates in env values and the hostname", (t) => {
  const c = containerConfig(
    context({
      image: "a",
      env: ["A=1", "WHO={{.Service.Name}}-{{.Task.Slot}}", "NODE={{ .Node.Hostname }}", "BARE"],
      hostname: "{{.Node.Hostname}}-{{.Task.Slot}}",
    }),
  );
  t.deepEqual(c.Env, ["A=1", "WHO=web-2", "NODE=host-a", "BARE"]);
  t.is(c.Hostname, "host-a-2");
});

test("containerConfig rejects an unknown template placeholder naming the field", (t) => {
  const error = t.throws(() => containerConfig(context({ image: "a", env: ["X={{.Task.Nope}}"] })), {
    instanceOf: InvalidArgumentError,
  });
  t.is(error.field, "task.spec.container.env[0]");
});

test("containerConfig rejects a task without an image", (t) => {
  t.throws(() => containerConfig(context({})), { instanceOf: InvalidArgumentError });
});

test("containerConfig maps process settings", (t) => {
  const c = containerConfig(
    context({
      image: "a",
      dir: "/srv",
      user: "1000:1000",
      groups: ["audio"],
      tty: true,
      openStdin: true,
      init: true,
      readOnly: true,
    }),
  );
  t.is(c.WorkingDir, "/srv");
  t.is(c.User, "1000:1000");
  t.true(c.Tty);
  t.true(c.OpenStdin);
  t.deepEqual(c.HostConfig?.GroupAdd, ["audio"]);
  t.true(c.HostConfig?.Init);
  t.true(c.HostConfig?.ReadonlyRootfs);
});

test("containerConfig leaves optional settings to the engine when the spec has none", (t) => {
  const c = containerConfig(context({ image: "a" }));
  t.false(c.Tty);
  t.false(c.OpenStdin);
  for (const key of ["WorkingDir", "User", "Hostname", "StopSignal", "StopTimeout", "Healthcheck", "ExposedPorts"])
    t.false(key in c, key);
  const h = c.HostConfig ?? {};
  for (const key of [
    "Init",
    "NanoCpus",
    "Memory",
    "PidsLimit",
    "CapAdd",
    "CapDrop",
    "Sysctls",
    "ExtraHosts",
    "Dns",
    "DnsSearch",
    "DnsOptions",
    "PortBindings",
    "LogConfig",
  ]) {
    t.false(key in h, key);
  }
  t.deepEqual(h.Mounts, []);
});

test("containerConfig always sets restart policy no, since the orchestrator restarts tasks", (t) => {
  const c = containerConfig(
    context(
      { image: "a" },
      {
        spec: {
          container: { image: "a" },
          restart: { condition: swarm.v1.RestartPolicy.Condition.RESTART_CONDITION_ANY },
        },
      },
    ),
  );
  t.deepEqual(c.HostConfig?.RestartPolicy, { Name: "no" });
});

test("containerConfig maps limits, pids, capabilities, sysctls, hosts and dns", (t) => {
  const container: swarm.v1.IContainerSpec = {
    image: "a",
    pidsLimit: 64,
    capabilityAdd: ["NET_ADMIN"],
    capabilityDrop: ["MKNOD"],
    sysctls: { "net.core.somaxconn": "1024" },
    hosts: ["10.0.0.1 db db.local", "10.0.0.2   cache"],
    dnsConfig: { nameservers: ["1.1.1.1"], search: ["example.org"], options: ["ndots:2"] },
  };
  const resources = { limits: { nanoCpus: 1_500_000_000, memoryBytes: 64 * 1024 * 1024 } };
  const h = containerConfig(context(container, { spec: { container, resources } })).HostConfig ?? {};
  t.is(h.NanoCpus, 1_500_000_000);
  t.is(h.Memory, 64 * 1024 * 1024);
  t.is(h.PidsLimit, 64);
  t.deepEqual(h.CapAdd, ["NET_ADMIN"]);
  t.deepEqual(h.CapDrop, ["MKNOD"]);
  t.deepEqual(h.Sysctls, { "net.core.somaxconn": "1024" });
  t.deepEqual(h.ExtraHosts, ["db:10.0.0.1", "db.local:10.0.0.1", "cache:10.0.0.2"]);
  t.deepEqual(h.Dns, ["1.1.1.1"]);
  t.deepEqual(h.DnsSearch, ["example.org"]);
  t.deepEqual(h.DnsOptions, ["ndots:2"]);
});

test("containerConfig rejects a hosts entry without a name", (t) => {
  t.throws(() => containerConfig(context({ image: "a", hosts: ["10.0.0.1"] })), { instanceOf: InvalidArgumentError });
});

test("containerConfig maps bind, volume and tmpfs mounts with templated sources", (t) => {
  const c = containerConfig(
    context({
      image: "a",
      mounts: [
        {
          type: swarm.v1.Mount.Type.TYPE_BIND,
          source: "/data/{{.Task.Slot}}",
          target: "/data",
          readOnly: true,
          bindPropagation: "rslave",
        },
        { type: swarm.v1.Mount.Type.TYPE_VOLUME, source: "vol-{{.Service.Name}}", target: "/v" },
        {
          type: swarm.v1.Mount.Type.TYPE_VOLUME,
          source: "labelled",
          target: "/w",
          volumeNoCopy: true,
          volumeLabels: { k: "v" },
        },
        { type: swarm.v1.Mount.Type.TYPE_TMPFS, target: "/tmp", tmpfsSizeBytes: 1 << 20, tmpfsMode: 0o1777 },
      ],
    }),
  );
  t.deepEqual(c.HostConfig?.Mounts, [
    { Type: "bind", Source: "/data/2", Target: "/data", ReadOnly: true, BindOptions: { Propagation: "rslave" } },
    { Type: "volume", Source: "vol-web", Target: "/v", ReadOnly: false },
    {
      Type: "volume",
      Source: "labelled",
      Target: "/w",
      ReadOnly: false,
      VolumeOptions: { NoCopy: true, Labels: { k: "v" } },
    },
    { Type: "tmpfs", Source: "", Target: "/tmp", ReadOnly: false, TmpfsOptions: { SizeBytes: 1 << 20, Mode: 0o1777 } },
  ]);
});

test("containerConfig and taskVolumes pass a volume's driver and options to the engine untouched", (t) => {
  const nfs = { type: "nfs", o: "addr=10.0.0.9,rw,nfsvers=4", device: ":/export/data" };
  const ctx = context({
    image: "a",
    mounts: [
      {
        type: swarm.v1.Mount.Type.TYPE_VOLUME,
        source: "{{.Service.Name}}_data",
        target: "/data",
        volumeLabels: { "com.docker.stack.namespace": "web" },
        volumeDriverOptions: nfs,
      },
      { type: swarm.v1.Mount.Type.TYPE_VOLUME, source: "plain", target: "/plain" },
      { type: swarm.v1.Mount.Type.TYPE_VOLUME, source: "plugin", target: "/p", volumeDriver: "vendor/driver:1" },
    ],
  });
  t.deepEqual(containerConfig(ctx).HostConfig?.Mounts?.[0]?.VolumeOptions, {
    NoCopy: false,
    Labels: { "com.docker.stack.namespace": "web" },
    DriverConfig: { Name: "local", Options: nfs },
  });
  t.deepEqual(taskVolumes(ctx), [
    { Name: "web_data", Driver: "local", DriverOpts: nfs, Labels: { "com.docker.stack.namespace": "web" } },
    { Name: "plugin", Driver: "vendor/driver:1", DriverOpts: {}, Labels: {} },
  ]);
});

test("containerConfig maps ulimits and the OOM score adjustment", (t) => {
  const h =
    containerConfig(
      context({
        image: "a",
        ulimits: [
          { name: "nofile", soft: 1024, hard: 2048 },
          { name: "memlock", soft: -1, hard: -1 },
        ],
        oomScoreAdj: -200,
      }),
    ).HostConfig ?? {};
  t.deepEqual(h.Ulimits, [
    { Name: "nofile", Soft: 1024, Hard: 2048 },
    { Name: "memlock", Soft: -1, Hard: -1 },
  ]);
  t.is(h.OomScoreAdj, -200);
  t.false("OomScoreAdj" in (containerConfig(context({ image: "a" })).HostConfig ?? {}));
});

test("containerConfig rejects a bind mount without a source and an unknown propagation", (t) => {
  t.throws(
    () => containerConfig(context({ image: "a", mounts: [{ type: swarm.v1.Mount.Type.TYPE_BIND, target: "/x" }] })),
    { instanceOf: InvalidArgumentError },
  );
  t.throws(
    () => containerConfig(context({ image: "a", mounts: [{ source: "/a", target: "/x", bindPropagation: "weird" }] })),
    { instanceOf: InvalidArgumentError },
  );
  t.throws(() => containerConfig(context({ image: "a", mounts: [{ source: "/a" }] })), {
    instanceOf: InvalidArgumentError,
  });
});

test("containerConfig converts the stop grace to whole seconds and keeps the stop signal", (t) => {
  const c = containerConfig(context({ image: "a", stopSignal: "SIGINT", stopGracePeriodNs: 2_500_000_000 }));
  t.is(c.StopSignal, "SIGINT");
  t.is(c.StopTimeout, 3);
});

test("containerConfig passes the healthcheck through in nanoseconds", (t) => {
  const c = containerConfig(
    context({
      image: "a",
      healthcheck: {
        test: ["CMD-SHELL", "true"],
        intervalNs: 200_000_000,
        timeoutNs: 1_000_000_000,
        retries: 2,
        startPeriodNs: 5_000_000_000,
      },
    }),
  );
  t.deepEqual(c.Healthcheck, {
    Test: ["CMD-SHELL", "true"],
    Interval: 200_000_000,
    Timeout: 1_000_000_000,
    Retries: 2,
    StartPeriod: 5_000_000_000,
  });
  const d = containerConfig(context({ image: "a", healthcheck: { test: ["NONE"], startIntervalNs: 1_000_000 } }));
  t.deepEqual(d.Healthcheck, {
    Test: ["NONE"],
    Interval: 0,
    Timeout: 0,
    Retries: 0,
    StartPeriod: 0,
    StartInterval: 1_000_000,
  });
});

test("containerConfig binds host-mode ports on the publish address and ingress target ports on an engine-chosen port", (t) => {
  const endpoint: swarm.v1.IEndpoint = {
    ports: [
      { targetPort: 80, publishedPort: 8080, publishMode: PublishMode.PUBLISH_MODE_HOST },
      {
        targetPort: 53,
        publishedPort: 5353,
        protocol: Protocol.PROTOCOL_UDP,
        publishMode: PublishMode.PUBLISH_MODE_HOST,
      },
      { targetPort: 81, publishMode: PublishMode.PUBLISH_MODE_HOST },
      { targetPort: 443, publishedPort: 30443, publishMode: PublishMode.PUBLISH_MODE_INGRESS },
    ],
  };
  const c = containerConfig(context({ image: "a" }, { endpoint }, "10.1.2.3"));
  t.deepEqual(c.ExposedPorts, { "80/tcp": {}, "53/udp": {}, "81/tcp": {}, "443/tcp": {} });
  // The mesh answers 30443 on every node and forwards to the port the engine picks for 443.
  t.deepEqual(c.HostConfig?.PortBindings, {
    "80/tcp": [{ HostIp: "10.1.2.3", HostPort: "8080" }],
    "53/udp": [{ HostIp: "10.1.2.3", HostPort: "5353" }],
    "81/tcp": [{ HostIp: "10.1.2.3", HostPort: "" }],
    "443/tcp": [{ HostIp: "10.1.2.3", HostPort: "" }],
  });
});

test("containerConfig falls back to the endpoint spec's ports and binds on loopback by default", (t) => {
  const endpoint: swarm.v1.IEndpoint = {
    spec: { ports: [{ targetPort: 80, publishedPort: 8081, publishMode: PublishMode.PUBLISH_MODE_HOST }] },
  };
  const c = containerConfig(context({ image: "a" }, { endpoint }));
  t.deepEqual(c.HostConfig?.PortBindings, { "80/tcp": [{ HostIp: "127.0.0.1", HostPort: "8081" }] });
});

test("containerConfig sets the log driver of the task, else of the spec", (t) => {
  const c = containerConfig(context({ image: "a" }, { logDriver: { name: "local", options: { "max-size": "1m" } } }));
  t.deepEqual(c.HostConfig?.LogConfig, { Type: "local", Config: { "max-size": "1m" } });
});

test("containerConfig is pure: the same context gives equal requests and is not modified", (t) => {
  const ctx = context({ image: "a", env: ["A={{.Task.ID}}"], command: ["x"], labels: { a: "b" } });
  const before = JSON.stringify(ctx);
  t.deepEqual(containerConfig(ctx), containerConfig(ctx));
  t.is(JSON.stringify(ctx), before);
});

test("containerConfig bind-mounts secrets under /run/secrets and configs at their targets, read-only", (t) => {
  const c = containerConfig({
    ...context({
      image: "a",
      secrets: [
        { secretId: "s1", secretName: "pw", file: { name: "pw" } },
        { secretId: "s2", secretName: "tls", file: { name: "/etc/tls/key.pem" } },
      ],
      configs: [
        { configId: "c1", configName: "app.conf", file: {} },
        { configId: "c2", configName: "nginx", file: { name: "/etc/nginx/nginx.conf" } },
      ],
    }),
    filesDir: "/state/task-files/t1abc",
  });
  t.deepEqual(c.HostConfig?.Mounts, [
    { Type: "bind", Source: "/state/task-files/t1abc/secrets/pw", Target: "/run/secrets/pw", ReadOnly: true },
    {
      Type: "bind",
      Source: "/state/task-files/t1abc/secrets/etc/tls/key.pem",
      Target: "/etc/tls/key.pem",
      ReadOnly: true,
    },
    { Type: "bind", Source: "/state/task-files/t1abc/configs/app.conf", Target: "/app.conf", ReadOnly: true },
    {
      Type: "bind",
      Source: "/state/task-files/t1abc/configs/etc/nginx/nginx.conf",
      Target: "/etc/nginx/nginx.conf",
      ReadOnly: true,
    },
  ]);
});

test("containerConfig puts a task on its overlay's Docker network with the cluster's address and the node's DNS first", (t) => {
  const c = containerConfig(
    context(
      { image: "redis:7", dnsConfig: { nameservers: ["192.0.2.53"] } },
      { endpoint: { ports: [{ targetPort: 6379, publishMode: PublishMode.PUBLISH_MODE_INGRESS }] } },
      "127.0.0.9",
    ),
    [],
    {
      networks: [
        { network: "sw-frontnet00", addr: "10.0.1.7" },
        { network: "sw-backnet000", addr: "10.0.2.7" },
      ],
      dns: "10.0.1.250",
    },
  );
  t.is(c.HostConfig?.NetworkMode, "sw-frontnet00");
  t.deepEqual(c.NetworkingConfig, {
    EndpointsConfig: { "sw-frontnet00": { IPAMConfig: { IPv4Address: "10.0.1.7" } } },
  });
  t.deepEqual(c.HostConfig?.Dns, ["10.0.1.250", "192.0.2.53"]);
  // The routing mesh still reaches it through a port the engine publishes on the node's address.
  t.deepEqual(c.HostConfig?.PortBindings, { "6379/tcp": [{ HostIp: "127.0.0.9", HostPort: "" }] });
});

test("containerConfig hands the task its assigned generic resources as DOCKER_RESOURCE_<KIND>", (t) => {
  const config = containerConfig(
    context(
      { image: "trainer", env: ["DOCKER_RESOURCE_GPU=mine", "KEEP=1"] },
      {
        assignedGenericResources: [
          { kind: "gpu", value: "UUID1" },
          { kind: "gpu", value: "UUID2" },
          { kind: "ssd", count: 2 },
        ],
      },
    ),
  );
  t.deepEqual([...(config.Env ?? [])].sort(), ["DOCKER_RESOURCE_GPU=UUID1,UUID2", "DOCKER_RESOURCE_SSD=2", "KEEP=1"]);
});
