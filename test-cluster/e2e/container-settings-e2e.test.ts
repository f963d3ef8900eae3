// Goal: every container setting of a service reaches the real engine. One service with all of
// them set (one container, to keep CI cost small) runs on a real dockerd through the manager and
// a real agent; each setting is read back from `docker inspect` of its task's container, and its
// named volume, made by the executor with the local driver and tmpfs options, from `docker volume
// inspect`. The volume is kept when the service goes, as Docker keeps it. A second volume in the
// NFS pattern (driver local, type nfs, o, device) reaches the engine with its options intact; its
// container is created but never started, so no NFS server is needed and nothing leaves the host.
import test from "ava";
import Docker from "dockerode";
import { swarm } from "../../proto/index.js";
import { DockerExecutor, ensureEngine, labelKeys, testImage } from "../../worker/index.js";
import { poll, startCluster } from "./e2e-support.js";

const docker = new Docker();
const run = `e2e${process.pid}x${Date.now().toString(36)}`;

test.before(async () => {
  await ensureEngine();
});

test("a service's container settings and its volume's driver options are read back from the engine", async (t) => {
  t.timeout(120_000);
  const volume = `${run}-data`;
  try {
    const cluster = await startCluster(t, "docker");
    await cluster.startAgent(`settings-${process.pid}`);
    const name = `${run}-settings`;
    const serviceId = await cluster.createService({
      annotations: { name },
      task: {
        container: {
          image: testImage,
          command: ["sleep"],
          args: ["86400"],
          hostname: "{{.Service.Name}}-{{.Task.Slot}}",
          user: "1000:1000",
          groups: ["1234"],
          dir: "/data",
          env: ["MODE=all"],
          init: true,
          readOnly: true,
          tty: true,
          stopSignal: "SIGINT",
          stopGracePeriodNs: 3e9,
          healthcheck: {
            test: ["CMD", "true"],
            intervalNs: 2e9,
            timeoutNs: 5e9,
            retries: 2,
            startPeriodNs: 10e9,
            startIntervalNs: 1e9,
          },
          hosts: ["10.0.0.5 db.internal db"],
          dnsConfig: { nameservers: ["10.0.0.53"], search: ["example.internal"], options: ["ndots:2"] },
          sysctls: { "net.core.somaxconn": "1024" },
          capabilityAdd: ["CAP_NET_ADMIN"],
          capabilityDrop: ["CAP_MKNOD"],
          ulimits: [{ name: "nofile", soft: 1024, hard: 2048 }],
          oomScoreAdj: 500,
          isolation: swarm.v1.ContainerSpec.Isolation.ISOLATION_DEFAULT,
          pidsLimit: 64,
          mounts: [
            {
              type: swarm.v1.Mount.Type.TYPE_VOLUME,
              source: volume,
              target: "/data",
              volumeLabels: { [`${labelKeys.managed}.test`]: run },
              volumeDriver: "local",
              volumeDriverOptions: { type: "tmpfs", device: "tmpfs", o: "size=8m,uid=1000" },
            },
          ],
        },
        logDriver: { name: "json-file", options: { "max-size": "1m", "max-file": "2" } },
        restart: { condition: swarm.v1.RestartPolicy.Condition.RESTART_CONDITION_NONE },
      },
      replicated: { replicas: 1 },
    });
    const task = await poll("a running task", () => cluster.runningTasks(serviceId)[0], 60_000);
    const containerId = task.status?.container?.containerId ?? "";
    t.not(containerId, "");
    const c = await docker.getContainer(containerId).inspect();
    const h = c.HostConfig;
    t.is(c.Config.Hostname, `${name}-1`);
    t.is(c.Config.User, "1000:1000");
    t.deepEqual(h.GroupAdd, ["1234"]);
    t.is(c.Config.WorkingDir, "/data");
    t.true(c.Config.Env.includes("MODE=all"));
    t.true(h.Init);
    t.true(h.ReadonlyRootfs);
    t.true(c.Config.Tty);
    const config = c.Config as typeof c.Config & { StopSignal?: string; StopTimeout?: number };
    t.is(config.StopSignal, "SIGINT");
    t.is(config.StopTimeout, 3);
    t.like(c.Config.Healthcheck, {
      Test: ["CMD", "true"],
      Interval: 2e9,
      Timeout: 5e9,
      Retries: 2,
      StartPeriod: 10e9,
    });
    // Engines before API 1.44 (Docker 25) have no start interval and drop it; later ones keep it.
    const [major = 0, minor = 0] = (await docker.version()).ApiVersion.split(".").map(Number);
    t.is(
      (c.Config.Healthcheck as { StartInterval?: number }).StartInterval,
      major > 1 || minor >= 44 ? 1e9 : undefined,
    );
    t.deepEqual(h.ExtraHosts, ["db.internal:10.0.0.5", "db:10.0.0.5"]);
    t.deepEqual(h.Dns, ["10.0.0.53"]);
    t.deepEqual(h.DnsSearch, ["example.internal"]);
    t.deepEqual(h.DnsOptions, ["ndots:2"]);
    t.deepEqual(h.Sysctls, { "net.core.somaxconn": "1024" });
    t.deepEqual(h.CapAdd, ["CAP_NET_ADMIN"]);
    t.deepEqual(h.CapDrop, ["CAP_MKNOD"]);
    t.deepEqual(h.Ulimits, [{ Name: "nofile", Soft: 1024, Hard: 2048 }]);
    t.is((h as { OomScoreAdj?: number }).OomScoreAdj, 500);
    t.is(h.Isolation ?? "", "");
    t.is(h.PidsLimit, 64);
    t.deepEqual(h.LogConfig, { Type: "json-file", Config: { "max-size": "1m", "max-file": "2" } });
    const mount = c.Mounts.find((m) => m.Destination === "/data");
    t.like(mount, { Type: "volume", Name: volume, Driver: "local" });

    // The volume the executor made: the local driver with the options as given, the labels.
    const made = await docker.getVolume(volume).inspect();
    t.is(made.Driver, "local");
    t.deepEqual(made.Options, { type: "tmpfs", device: "tmpfs", o: "size=8m,uid=1000" });
    t.is(made.Labels?.[`${labelKeys.managed}.test`], run);

    // The service goes, its container with it; the volume stays, as Docker keeps it.
    await cluster.control("removeService", { serviceId });
    await poll(
      "the container removed",
      async () =>
        (await docker
          .getContainer(containerId)
          .inspect()
          .then(
            () => false,
            () => true,
          ))
          ? true
          : undefined,
      60_000,
    );
    t.is((await docker.getVolume(volume).inspect()).Name, volume);
  } finally {
    // A failure before the service went leaves its container holding the volume: both go.
    const holders = await docker.listContainers({ all: true, filters: { volume: [volume] } }).catch(() => []);
    for (const holder of holders)
      await docker
        .getContainer(holder.Id)
        .remove({ force: true })
        .catch(() => undefined);
    await docker
      .getVolume(volume)
      .remove()
      .catch(() => undefined);
  }
});

test("an NFS-style volume reaches the engine with its driver options intact", async (t) => {
  t.timeout(60_000);
  const volume = `${run}-nfs`;
  const nfs = { type: "nfs", o: "addr=198.18.0.9,rw,nfsvers=4,soft", device: ":/export/data" };
  const runtime = new DockerExecutor().runtime({
    task: {
      id: `${run}nfs`,
      serviceId: `${run}svc`,
      slot: 1,
      nodeId: "nfs-node",
      serviceAnnotations: { name: `${run}-nfs` },
      spec: {
        container: {
          image: testImage,
          command: ["sleep"],
          args: ["86400"],
          mounts: [
            {
              type: swarm.v1.Mount.Type.TYPE_VOLUME,
              source: volume,
              target: "/nfs",
              volumeLabels: { "com.docker.stack.namespace": run },
              volumeDriver: "local",
              volumeDriverOptions: nfs,
            },
          ],
        },
      },
    },
    node: { id: "nfs-node", hostname: "nfs-node" },
  });
  try {
    // Prepare makes the volume and creates the container; only a start would mount the share.
    await runtime.prepare(new AbortController().signal);
    const made = await docker.getVolume(volume).inspect();
    t.is(made.Driver, "local");
    t.deepEqual(made.Options, nfs);
    t.deepEqual(made.Labels, { "com.docker.stack.namespace": run });
    // The task goes; its named volume stays.
    await runtime.remove();
    t.is((await docker.getVolume(volume).inspect()).Name, volume);
  } finally {
    await runtime.remove().catch(() => undefined);
    await docker
      .getVolume(volume)
      .remove()
      .catch(() => undefined);
  }
});
