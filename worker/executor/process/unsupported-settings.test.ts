// Goal: the process executor never runs a task without a setting it asked for. Every container
// setting a host process cannot have is named in the rejection, a volume mount first among them,
// and nothing is started.
import test from "ava";
import { swarm } from "../../../proto/index.js";
import { UnsupportedSettingsError } from "../errors.js";
import { cleanUp, never, newExecutor, taskContext } from "./test-support.js";
import { thisHost } from "./task-mounts.js";
import { unsupportedSettings } from "./unsupported-settings.js";

test.after.always(cleanUp);

const T = swarm.v1.Mount.Type;

test("unsupportedSettings names every container setting a host process cannot have", (t) => {
  const refused = unsupportedSettings({
    container: {
      image: "process://sh",
      mounts: [
        { type: T.TYPE_VOLUME, source: "data", target: "/data" },
        { type: T.TYPE_BIND, source: "/no-such-source-swarm", target: "/tmp" },
        { type: T.TYPE_TMPFS, target: "/no-such-target-swarm" },
      ],
      hostname: "web-1",
      groups: ["audio"],
      capabilityAdd: ["NET_ADMIN"],
      sysctls: { "net.core.somaxconn": "1024" },
      hosts: ["10.0.0.1 db"],
      dnsConfig: { nameservers: ["10.0.0.53"] },
      readOnly: true,
      tty: true,
      openStdin: true,
      init: true,
      ulimits: [{ name: "nofile", soft: 1, hard: 1 }],
      oomScoreAdj: 100,
      isolation: swarm.v1.ContainerSpec.Isolation.ISOLATION_HYPERV,
    },
    logDriver: { name: "syslog" },
  });
  t.deepEqual(
    refused.map((r) => r.split(":")[0]),
    [
      "container.mounts[0]",
      "container.mounts[1]",
      "container.mounts[2]",
      "container.hostname",
      "container.groups",
      "container.capabilityAdd",
      "container.sysctls",
      "container.hosts",
      "container.dnsConfig",
      "container.readOnly",
      "container.tty",
      "container.openStdin",
      "container.init",
      "container.ulimits",
      "container.oomScoreAdj",
      "container.isolation",
      "logDriver",
    ],
  );
  t.regex(refused[0]!, /volume mounts need a Docker Engine/);
});

test("unsupportedSettings accepts what the process executor honours", (t) => {
  t.deepEqual(
    unsupportedSettings(
      {
        container: {
          image: "process://sh",
          command: ["sh"],
          args: ["-c", "exit 0"],
          env: ["A=1"],
          dir: "/",
          labels: { a: "b" },
          stopSignal: "SIGINT",
          stopGracePeriodNs: 1e9,
          healthcheck: { test: ["CMD", "true"] },
          pidsLimit: 10,
          // Empty lists and false flags are what clients send for "unset".
          mounts: [
            { type: T.TYPE_BIND, source: "/", target: "/tmp", readOnly: true },
            { type: T.TYPE_TMPFS, target: "/tmp", tmpfsSizeBytes: 2 ** 20 },
          ],
          capabilityDrop: [],
          init: false,
          dnsConfig: {},
        },
        resources: { limits: { memoryBytes: 2 ** 26 } },
        logDriver: { name: "" },
      },
      { ...thisHost, uid: 0 },
    ),
    [],
  );
});

test("process runtime rejects a task with a volume mount, naming it, and starts nothing", async (t) => {
  const executor = newExecutor();
  const context = taskContext({
    image: "process://sh",
    mounts: [{ type: T.TYPE_VOLUME, source: "data", target: "/data" }],
    capabilityAdd: ["NET_ADMIN"],
  });
  const error = await t.throwsAsync(executor.runtime(context).prepare(never), { instanceOf: UnsupportedSettingsError });
  t.regex(error?.message ?? "", /^the process executor cannot honour container\.mounts\[0\]: volume mounts/);
  t.regex(error?.message ?? "", /container\.capabilityAdd/);
  t.is(error?.code, "UNSUPPORTED_SETTINGS");
  t.deepEqual(await executor.list(), []);
});
