// Goal: the service spec conversion is lossless for what the docker CLI sends and strict for what
// swarm-ts cannot store. Bodies are the ones the real 20.10 and 28.2 CLIs sent for `service create`
// (test-fixtures/service-create-bodies.json): each converts to a proto spec, reads back as Docker
// JSON, and that JSON converts to the same proto spec (the CLI's read-modify-write).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import test from "ava";
import { swarm } from "../../proto/index.js";
import { InvalidFieldError, UnsupportedFieldError } from "../http-error.js";
import { JsonObject } from "./json-reader.js";
import { serviceOut, serviceSpecOut, withServiceDefaults } from "./service-out.js";
import { keepSwarmExtras, serviceSpecIn } from "./service-spec-in.js";

const fixtures = JSON.parse(
  readFileSync(join(import.meta.dirname, "test-fixtures", "service-create-bodies.json"), "utf8"),
) as {
  bodies: Record<string, Record<string, unknown>>;
};

const v144 = 1044;
const v141 = 1041;

const specIn = (body: unknown, version = v144): swarm.v1.ServiceSpec.$Properties =>
  serviceSpecIn(JsonObject.orEmpty("", JSON.parse(JSON.stringify(body))), version);
const bytes = (spec: swarm.v1.ServiceSpec.$Properties): string =>
  Buffer.from(swarm.v1.ServiceSpec.encode(spec).finish()).toString("hex");
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

for (const [name, body] of Object.entries(fixtures.bodies)) {
  test(`service spec of the CLI's "${name}" survives a read-modify-write unchanged`, (t) => {
    const version = name.startsWith("20.10") ? v141 : v144;
    const stored = specIn(body, version);
    const shown = clone(serviceSpecOut(stored));
    const resent = specIn(shown, version);
    t.is(bytes(resent), bytes(stored));
    t.deepEqual(clone(serviceSpecOut(resent)), shown);
  });
}

test("service spec keeps every field of the fullest CLI body", (t) => {
  const spec = specIn(fixtures.bodies["28.2 full"]);
  const c = spec.task?.container;
  t.is(c?.image, "process://sh");
  t.deepEqual(c?.command, ["/bin/sh"]);
  t.deepEqual(c?.args, ["-c", "sleep 1000"]);
  t.is(c?.pidsLimit, 100);
  t.is(c?.stopGracePeriodNs, 3_000_000_000);
  t.true(c?.init);
  t.is(c?.mounts?.[0]?.tmpfsSizeBytes, 1_000_000);
  t.is(c?.configs?.[0]?.file?.mode, 0o400);
  t.is(spec.task?.resources?.limits?.nanoCpus, 500_000_000);
  t.is(spec.task?.restart?.maxAttempts, 3);
  t.is(spec.update?.order, swarm.v1.UpdateConfig.Order.ORDER_START_FIRST);
  t.is(spec.update?.failureAction, swarm.v1.UpdateConfig.FailureAction.FAILURE_ACTION_ROLLBACK);
  t.is(spec.endpoint?.ports?.[1]?.publishMode, swarm.v1.PortConfig.PublishMode.PUBLISH_MODE_HOST);
  t.is(spec.endpoint?.ports?.[1]?.protocol, swarm.v1.PortConfig.Protocol.PROTOCOL_UDP);
  t.is(spec.replicated?.replicas, 3);
});

test("service spec modes: unset replicas mean one, global and jobs convert both ways", (t) => {
  const base = { Name: "x", TaskTemplate: { ContainerSpec: { Image: "process://true" } } };
  t.is(specIn({ ...base, Mode: { Replicated: {} } }).replicated?.replicas, 1);
  t.is(specIn(base).replicated?.replicas, 1);
  t.deepEqual(clone(serviceSpecOut(specIn({ ...base, Mode: { Global: {} } })).Mode), { Global: {} });
  const job = specIn({ ...base, Mode: { ReplicatedJob: { MaxConcurrent: 2 } } });
  t.deepEqual(clone(job.replicatedJob), { maxConcurrent: 2, totalCompletions: 2 });
  t.throws(() => specIn({ ...base, Mode: { Global: {}, Replicated: {} } }), {
    instanceOf: InvalidFieldError,
    message: /^Mode:/,
  });
});

test("service spec refuses what swarm-ts cannot store, naming the field", (t) => {
  const base = { Name: "x", TaskTemplate: { ContainerSpec: { Image: "process://true" } } };
  const refused = (body: unknown, field: RegExp): void => {
    const error = t.throws(() => specIn(body), { instanceOf: UnsupportedFieldError });
    t.regex(error?.message ?? "", field);
  };
  refused({ ...base, Unknown: 1 }, /^Unknown: not supported/);
  refused(
    { ...base, TaskTemplate: { ContainerSpec: { Image: "i", Privileges: { NoNewPrivileges: true } } } },
    /^TaskTemplate\.ContainerSpec\.Privileges\.NoNewPrivileges:/,
  );
  refused(
    { ...base, TaskTemplate: { ContainerSpec: { Image: "i", Configs: [{ ConfigID: "c", Runtime: {} }] } } },
    /Configs\[0\]\.Runtime/,
  );
  refused(
    { ...base, EndpointSpec: { Ports: [{ Protocol: "sctp", TargetPort: 1 }] } },
    /EndpointSpec\.Ports\[0\]\.Protocol/,
  );
  refused(
    {
      ...base,
      TaskTemplate: { ContainerSpec: { Image: "i", Mounts: [{ Type: "bind", Target: "/a", Consistency: "cached" }] } },
    },
    /Mounts\[0\]\.Consistency/,
  );
  refused({ ...base, TaskTemplate: { ...base.TaskTemplate, PluginSpec: { Name: "p" } } }, /TaskTemplate\.PluginSpec/);
  refused(
    { ...base, TaskTemplate: { ...base.TaskTemplate, Networks: [{ Target: "n", DriverOpts: { a: "b" } }] } },
    /DriverOpts/,
  );
  // What the CLI sends for "unset" is accepted.
  t.notThrows(() =>
    specIn({
      ...base,
      TaskTemplate: {
        ContainerSpec: {
          Image: "i",
          Privileges: {
            CredentialSpec: null,
            SELinuxContext: null,
            NoNewPrivileges: false,
            Seccomp: { Mode: "default" },
          },
          Isolation: "default",
          Ulimits: [],
        },
      },
      EndpointSpec: {},
      UpdateConfig: { Order: "" },
    }),
  );
});

test("service spec maps ulimits, the OOM score adjustment, isolation and a volume's driver both ways", (t) => {
  const nfs = { type: "nfs", o: "addr=10.0.0.9,rw", device: ":/export" };
  const body = {
    Name: "x",
    TaskTemplate: {
      ContainerSpec: {
        Image: "i",
        Ulimits: [{ Name: "nofile", Hard: 2048, Soft: 1024 }],
        OomScoreAdj: -500,
        Isolation: "hyperv",
        Mounts: [
          {
            Type: "volume",
            Source: "data",
            Target: "/data",
            VolumeOptions: { Labels: { a: "b" }, DriverConfig: { Name: "local", Options: nfs } },
          },
        ],
      },
    },
  };
  const c = specIn(body).task?.container;
  t.deepEqual(c?.ulimits, [{ name: "nofile", soft: 1024, hard: 2048 }]);
  t.is(c?.oomScoreAdj, -500);
  // Stored as asked: the managers refuse it, naming the field, with the reason (Linux nodes).
  t.is(c?.isolation, swarm.v1.ContainerSpec.Isolation.ISOLATION_HYPERV);
  t.is(c?.mounts?.[0]?.volumeDriver, "local");
  t.deepEqual(c?.mounts?.[0]?.volumeDriverOptions, nfs);
  const shown = clone(serviceSpecOut(specIn(body))) as { TaskTemplate: { ContainerSpec: Record<string, unknown> } };
  t.like(shown.TaskTemplate.ContainerSpec, {
    Ulimits: [{ Name: "nofile", Hard: 2048, Soft: 1024 }],
    OomScoreAdj: -500,
    Isolation: "hyperv",
    Mounts: [{ VolumeOptions: { Labels: { a: "b" }, DriverConfig: { Name: "local", Options: nfs } } }],
  });
  t.is(bytes(specIn(shown)), bytes(specIn(body)));
  t.throws(() => specIn({ ...body, TaskTemplate: { ContainerSpec: { Image: "i", Isolation: "vm" } } }), {
    instanceOf: InvalidFieldError,
    message: /Isolation/,
  });
});

test("service spec reads keys case-insensitively, as Go does", (t) => {
  const spec = specIn({ name: "x", taskTemplate: { containerSpec: { image: "process://true" } } });
  t.is(spec.annotations?.name, "x");
  t.is(spec.task?.container?.image, "process://true");
});

test("service spec below 1.44 folds top-level networks into the task and drops StartInterval", (t) => {
  const body = {
    Name: "x",
    Networks: [{ Target: "front" }],
    TaskTemplate: {
      ContainerSpec: { Image: "i", Healthcheck: { Test: ["CMD", "true"], StartInterval: 1_000_000_000 } },
    },
  };
  const old = specIn(body, v141);
  t.deepEqual(clone(old.task?.networks), [{ target: "front" }]);
  t.is(old.task?.container?.healthcheck?.startIntervalNs, 0);
  t.is(specIn(body, v144).task?.container?.healthcheck?.startIntervalNs, 1_000_000_000);
});

test("service spec defaults Docker leaves to use time are stored as Docker's values", (t) => {
  const spec = specIn({
    Name: "x",
    TaskTemplate: { ContainerSpec: { Image: "i" }, RestartPolicy: { Condition: "on-failure" } },
    UpdateConfig: { Parallelism: 1 },
  });
  t.is(spec.task?.restart?.delayNs, 5_000_000_000);
  t.is(spec.update?.monitorNs, 5_000_000_000);
});

test("service spec update keeps swarm-ts's own port and balancing settings", (t) => {
  const stored: swarm.v1.ServiceSpec.$Properties = {
    endpoint: {
      balancing: swarm.v1.EndpointSpec.Balancing.BALANCING_LEAST_CONNECTIONS,
      ports: [
        { targetPort: 80, publishedPort: 8080, proxyProtocol: swarm.v1.PortConfig.ProxyProtocol.PROXY_PROTOCOL_V2 },
      ],
    },
  };
  const next = specIn({
    Name: "x",
    TaskTemplate: { ContainerSpec: { Image: "i" } },
    EndpointSpec: { Ports: [{ TargetPort: 80, PublishedPort: 8080 }] },
  });
  const kept = keepSwarmExtras(next, stored);
  t.is(kept.endpoint?.balancing, swarm.v1.EndpointSpec.Balancing.BALANCING_LEAST_CONNECTIONS);
  t.is(kept.endpoint?.ports?.[0]?.proxyProtocol, swarm.v1.PortConfig.ProxyProtocol.PROXY_PROTOCOL_V2);
});

test("service out always has a container spec, replicas and labels, and fills defaults on request", (t) => {
  const service: swarm.v1.Service.$Properties = {
    id: "s1",
    spec: { annotations: { name: "x" }, replicated: { replicas: 0 } },
  };
  const out = clone(serviceOut(service)) as { Spec: Record<string, unknown> };
  t.deepEqual(out.Spec.Labels, {});
  t.deepEqual(out.Spec.Mode, { Replicated: { Replicas: 0 } });
  t.truthy((out.Spec.TaskTemplate as Record<string, unknown>).ContainerSpec);
  const filled = withServiceDefaults(service.spec!);
  t.is(filled.update?.parallelism, 1);
  t.is(filled.task?.container?.stopGracePeriodNs, 10_000_000_000);
  t.is(filled.task?.restart?.delayNs, 5_000_000_000);
});

test("service out reports the update status by Docker's state names", (t) => {
  const out = clone(
    serviceOut({
      id: "s1",
      spec: { annotations: { name: "x" } },
      updateStatus: {
        state: swarm.v1.UpdateStatus.State.UPDATE_STATE_ROLLBACK_STARTED,
        message: "manually requested rollback",
      },
    }),
  ) as { UpdateStatus: { State: string; Message: string } };
  t.is(out.UpdateStatus.State, "rollback_started");
  t.is(out.UpdateStatus.Message, "manually requested rollback");
  t.false("UpdateStatus" in (clone(serviceOut({ id: "s", spec: {} })) as object));
});
