// Goal: deployStack against a fake Control API whose tasks do what each test says: `detach`
// creates every wave without waiting; a dependency that never becomes healthy does not hold its
// dependants back, and the deploy ends naming it; a service that neither runs nor fails is given
// up on at the deadline; a refused action leaves nothing of the deploy behind, networks included,
// and a subnet that overlaps an existing network's is refused before anything is created.
import test from "ava";
import { swarm } from "../../proto/index.js";
import { deployStack, StackConvergeError, type LoadedStack, type StackControl } from "./index.js";

const S = swarm.v1.TaskState;

/** How the fake's tasks of one service behave. */
type Behaviour = "runs" | "fails" | "hangs";

/** An in-memory Control API: each listTasks call moves the service's tasks one step. */
class FakeControl implements StackControl {
  readonly services = new Map<string, { spec: swarm.v1.ServiceSpec.$Properties; tasks: swarm.v1.Task.$Properties[] }>();
  readonly secrets = new Map<string, swarm.v1.SecretSpec.$Properties>();
  readonly configs = new Map<string, swarm.v1.ConfigSpec.$Properties>();
  readonly networks = new Map<string, swarm.v1.INetworkSpec>();
  /** Calls in order, e.g. "createService demo_web". */
  readonly calls: string[] = [];
  private serial = 0;

  constructor(
    private readonly behaviour: (name: string) => Behaviour,
    /** createService refuses this name, as a manager would refuse a spec. */
    private readonly refuse?: string,
  ) {}

  listServices = (): Promise<swarm.v1.Service.$Properties[]> =>
    Promise.resolve([...this.services].map(([id, s]) => ({ id, spec: s.spec })));
  listSecrets = (): Promise<swarm.v1.Secret.$Properties[]> =>
    Promise.resolve([...this.secrets].map(([id, spec]) => ({ id, spec })));
  listConfigs = (): Promise<swarm.v1.Config.$Properties[]> =>
    Promise.resolve([...this.configs].map(([id, spec]) => ({ id, spec })));
  // A network holds the subnet it asked for, as the managers allocate it.
  listNetworks = (): Promise<swarm.v1.Network.$Properties[]> =>
    Promise.resolve([...this.networks].map(([id, spec]) => ({ id, spec, ipam: spec.ipam ?? [] })));

  listTasks(serviceId: string): Promise<swarm.v1.Task.$Properties[]> {
    const service = this.services.get(serviceId)!;
    const name = service.spec.annotations?.name ?? "";
    const behaviour = this.behaviour(name);
    const task = (state: swarm.v1.TaskState, err = ""): swarm.v1.Task.$Properties => ({
      id: `task${++this.serial}`,
      serviceId,
      desiredState: S.TASK_STATE_RUNNING,
      status: { state, err },
    });
    if (behaviour === "runs") service.tasks = [task(S.TASK_STATE_RUNNING)];
    else if (behaviour === "hangs") service.tasks = [task(S.TASK_STATE_STARTING)];
    // A task that fails its healthcheck, replaced by the next one, which fails too.
    else
      service.tasks.push({ ...task(S.TASK_STATE_FAILED, "healthcheck failed"), desiredState: S.TASK_STATE_SHUTDOWN });
    return Promise.resolve(service.tasks);
  }

  createSecret(spec: swarm.v1.SecretSpec.$Properties): Promise<string> {
    this.calls.push(`createSecret ${spec.annotations?.name ?? ""}`);
    const id = `secret${++this.serial}`;
    this.secrets.set(id, spec);
    return Promise.resolve(id);
  }
  createConfig(spec: swarm.v1.ConfigSpec.$Properties): Promise<string> {
    this.calls.push(`createConfig ${spec.annotations?.name ?? ""}`);
    const id = `config${++this.serial}`;
    this.configs.set(id, spec);
    return Promise.resolve(id);
  }
  createNetwork(spec: swarm.v1.INetworkSpec): Promise<string> {
    this.calls.push(`createNetwork ${spec.annotations?.name ?? ""}`);
    const id = `network${++this.serial}`;
    this.networks.set(id, spec);
    return Promise.resolve(id);
  }
  createService(spec: swarm.v1.ServiceSpec.$Properties): Promise<string> {
    const name = spec.annotations?.name ?? "";
    this.calls.push(`createService ${name}`);
    if (name === this.refuse) return Promise.reject(new Error(`${name}: refused`));
    const id = `service${++this.serial}`;
    this.services.set(id, { spec, tasks: [] });
    return Promise.resolve(id);
  }
  updateService(): Promise<void> {
    return Promise.reject(new Error("not used"));
  }
  removeService(id: string): Promise<void> {
    this.calls.push(`removeService ${this.services.get(id)?.spec.annotations?.name ?? id}`);
    this.services.delete(id);
    return Promise.resolve();
  }
  removeSecret(id: string): Promise<void> {
    this.calls.push(`removeSecret ${this.secrets.get(id)?.annotations?.name ?? id}`);
    this.secrets.delete(id);
    return Promise.resolve();
  }
  removeConfig(id: string): Promise<void> {
    this.calls.push(`removeConfig ${this.configs.get(id)?.annotations?.name ?? id}`);
    this.configs.delete(id);
    return Promise.resolve();
  }
  removeNetwork(id: string): Promise<void> {
    this.calls.push(`removeNetwork ${this.networks.get(id)?.annotations?.name ?? id}`);
    this.networks.delete(id);
    return Promise.resolve();
  }
}

/** db ← api ← web (each depends on the one before), and a secret api uses. */
const chain: LoadedStack = {
  services: [
    { name: "db", spec: { task: { container: { image: "process://db" } } }, dependsOn: [] },
    {
      name: "api",
      spec: {
        task: { container: { image: "process://api", secrets: [{ secretName: "token", file: { name: "token" } }] } },
      },
      dependsOn: ["db"],
    },
    { name: "web", spec: { task: { container: { image: "process://web" } } }, dependsOn: ["api"] },
  ],
  secrets: [{ name: "token", external: false, labels: {}, data: Buffer.from("t0k3n") }],
  configs: [],
  networks: [],
  volumes: [],
  warnings: [],
};

/** db on the stack's default network, api on its own `back` network with a subnet; web is refused. */
const networked: LoadedStack = {
  ...chain,
  services: chain.services.map((s) =>
    s.name === "web"
      ? s
      : {
          ...s,
          spec: { ...s.spec, task: { ...s.spec.task, networks: [{ target: s.name === "db" ? "default" : "back" }] } },
        },
  ),
  networks: [{ key: "back", external: false, spec: { driver: "overlay", ipam: [{ subnet: "10.70.0.0/16" }] } }],
};

const serviceNames = (control: FakeControl): string[] =>
  [...control.services.values()].map((s) => s.spec.annotations?.name ?? "");

test("deployStack with detach creates every wave in order and waits for none", async (t) => {
  t.timeout(10_000);
  const control = new FakeControl(() => "hangs");
  const started = Date.now();
  const actions = await deployStack(control, "demo", chain, { detach: true, convergeMsMax: 60_000 });
  t.true(Date.now() - started < 5_000);
  t.is(actions.length, 4);
  t.deepEqual(control.calls, [
    "createSecret demo_token",
    "createService demo_db",
    "createService demo_api",
    "createService demo_web",
  ]);
});

test("deployStack creates the dependants of a dependency that never becomes healthy and names it", async (t) => {
  t.timeout(30_000);
  const control = new FakeControl((name) => (name === "demo_db" ? "fails" : "runs"));
  const progress: string[] = [];
  const error = await t.throwsAsync(
    deployStack(control, "demo", chain, { convergeMsMax: 60_000, progress: (l) => progress.push(l) }),
    { instanceOf: StackConvergeError },
  );
  t.deepEqual(serviceNames(control), ["demo_db", "demo_api", "demo_web"]);
  t.is(error?.message, "stack demo is deployed, but service demo_db did not become healthy");
  t.deepEqual(
    error?.problems.map((p) => p.line),
    [
      "service demo_db did not become healthy: 0 of 1 running; 3 tasks failed, the last: healthcheck failed",
      "service demo_api was created and runs, but its dependency demo_db did not become healthy",
    ],
  );
  t.true(progress.some((l) => /^Service demo_db did not become healthy/.test(l)));
});

test("deployStack gives up on a service that neither runs nor fails at the deadline", async (t) => {
  t.timeout(30_000);
  const control = new FakeControl((name) => (name === "demo_api" ? "hangs" : "runs"));
  const error = await t.throwsAsync(deployStack(control, "demo", chain, { convergeMsMax: 500 }), {
    instanceOf: StackConvergeError,
  });
  t.deepEqual(serviceNames(control), ["demo_db", "demo_api", "demo_web"]);
  t.deepEqual(
    error?.problems.map((p) => p.line),
    [
      "service demo_api did not become healthy: 0 of 1 running in time",
      "service demo_web was created and runs, but its dependency demo_api did not become healthy",
    ],
  );
});

test("deployStack removes what it created when the manager refuses an action", async (t) => {
  t.timeout(30_000);
  const control = new FakeControl(() => "runs", "demo_web");
  await t.throwsAsync(deployStack(control, "demo", chain), { message: /demo_web: refused/ });
  t.deepEqual(serviceNames(control), []);
  t.is(control.secrets.size, 0);
  t.deepEqual(control.calls.slice(-3), ["removeService demo_api", "removeService demo_db", "removeSecret demo_token"]);
});

test("deployStack removes the networks it created when the manager refuses an action", async (t) => {
  t.timeout(30_000);
  const control = new FakeControl(() => "runs", "demo_web");
  await t.throwsAsync(deployStack(control, "demo", networked), { message: /demo_web: refused/ });
  t.deepEqual(serviceNames(control), []);
  t.is(control.networks.size, 0);
  t.deepEqual(control.calls.slice(-5), [
    "removeService demo_api",
    "removeService demo_db",
    "removeNetwork demo_default",
    "removeNetwork demo_back",
    "removeSecret demo_token",
  ]);
});

test("deployStack refuses a subnet that overlaps an existing network's before creating anything", async (t) => {
  const control = new FakeControl(() => "runs");
  control.networks.set("other", { annotations: { name: "other_net" }, ipam: [{ subnet: "10.70.8.0/24" }] });
  const error = await t.throwsAsync(deployStack(control, "demo", networked));
  t.regex(error?.message ?? "", /10\.70\.0\.0\/16 of network demo_back overlaps 10\.70\.8\.0\/24 of network other_net/);
  t.deepEqual(control.calls, []);
});
