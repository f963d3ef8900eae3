// Goal: through the whole cluster (in-process manager, real agent, real runtime), a service's
// secret and config reach its task as files: with the Docker executor at /run/secrets/<target> and
// at the config's target inside the real container, with the process executor in the directories
// SWARM_SECRETS_DIR and SWARM_CONFIGS_DIR name. The task runs only if the content matches (a
// mismatching variant fails), nothing on the agent's disk holds the secret, and once the service
// is removed the task's tmpfs directory is gone and the node forgot the secret.
import { rmSync, statfsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import test, { type ExecutionContext } from "ava";
import { swarm } from "../../proto/index.js";
import { ensureEngine, persistentFiles, testImage, tmpfsMagic } from "../../worker/index.js";
import { type ExecutorKind, num, poll, startCluster } from "./e2e-support.js";

const S = swarm.v1.TaskState;

/** A container spec that runs only if the secret and config files hold what is expected. */
function checking(kind: ExecutorKind, secret: string, config: string): swarm.v1.IContainerSpec {
  if (kind === "docker") {
    const script = `test "$(cat /run/secrets/pw)" = '${secret}' && test "$(cat /app.conf)" = '${config}' && exec sleep 86400`;
    return { image: testImage, command: ["sh", "-c", script] };
  }
  const script = `test "$(cat "$SWARM_SECRETS_DIR/pw")" = '${secret}' && test "$(cat "$SWARM_CONFIGS_DIR/app.conf")" = '${config}' && exec sleep 86400`;
  return { image: "process://sh", args: ["-c", script] };
}

async function scenario(t: ExecutionContext, kind: ExecutorKind): Promise<void> {
  t.timeout(90_000);
  const cluster = await startCluster(t, kind);
  const nodeId = `secrets-${kind}-${process.pid}`;
  const agent = await cluster.startAgent(nodeId);
  // The node's (by then empty) directory of task files lies outside the scratch directory.
  t.teardown(() => rmSync(dirname(agent.taskFilesDir("any")), { recursive: true, force: true }));
  const payload = `pw-${kind}-${process.pid}-x9`;
  const { secret } = await cluster.control("createSecret", {
    spec: { annotations: { name: `e2e-pw-${kind}` }, data: Buffer.from(payload) },
  });
  const { config } = await cluster.control("createConfig", {
    spec: { annotations: { name: "app.conf" }, data: Buffer.from("k=v") },
  });
  const refs = (): Pick<swarm.v1.IContainerSpec, "secrets" | "configs"> => ({
    secrets: [
      { secretId: secret.id, secretName: `e2e-pw-${kind}`, file: { name: "pw", uid: "0", gid: "0", mode: 0o444 } },
    ],
    // No target: Docker's default, /<config name>.
    configs: [{ configId: config.id, configName: "app.conf", file: {} }],
  });
  const serviceId = await cluster.createService({
    annotations: { name: `e2e-secrets-${kind}-${process.pid}` },
    task: { container: { ...checking(kind, payload, "k=v"), ...refs(), stopGracePeriodNs: 1e9 } },
    replicated: { replicas: 1 },
  });
  const task = await poll("the task running with its secret", () => cluster.runningTasks(serviceId)[0]);
  t.is(task.nodeId, nodeId);
  const filesDir = agent.taskFilesDir(task.id ?? "");
  t.is(statfsSync(filesDir).type, tmpfsMagic, "the task's files live on tmpfs");
  t.true(agent.secrets().has(secret.id ?? ""));
  for (const f of persistentFiles(join(cluster.dir, `agent-${nodeId}`)))
    t.false(f.bytes.includes(Buffer.from(payload)), f.path);

  // The same check against the wrong content fails: the files really are what the task reads.
  const badId = await cluster.createService({
    annotations: { name: `e2e-secrets-bad-${kind}-${process.pid}` },
    task: {
      container: { ...checking(kind, "not-the-payload", "k=v"), ...refs() },
      restart: { condition: swarm.v1.RestartPolicy.Condition.RESTART_CONDITION_NONE },
    },
    replicated: { replicas: 1 },
  });
  const failed = await poll("the mismatching task failed", () =>
    cluster.tasks(badId).find((x) => num(x.status?.state) === Number(S.TASK_STATE_FAILED)),
  );
  t.is(num(failed.status?.container?.exitCode), 1);
  await cluster.control("removeService", { serviceId: badId });

  // Removing the service removes the task's directory, and the node is told to forget the secret.
  await cluster.control("removeService", { serviceId });
  const gone = (path: string): true | undefined => {
    try {
      statSync(path);
      return undefined;
    } catch {
      return true;
    }
  };
  await poll("the task's files directory gone", () => gone(filesDir));
  await poll("the failed task's files directory gone", () => gone(agent.taskFilesDir(failed.id ?? "")));
  await poll("the secret forgotten by the node", () => (agent.secrets().has(secret.id ?? "") ? undefined : true));
  t.pass();
}

test.before(async () => {
  await ensureEngine();
});

test("docker executor: a task sees its secret at /run/secrets/<target> and its config at /<name>; both go with the task", (t) =>
  scenario(t, "docker"));
test("process executor: a task finds its secret and config in SWARM_SECRETS_DIR and SWARM_CONFIGS_DIR; both go with the task", (t) =>
  scenario(t, "process"));
