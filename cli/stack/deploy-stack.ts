// Runs a stack's deploy plan against the Control API, wave by wave: secrets, configs and networks
// (and pruning) first, then services in depends_on order. Everything the manager could refuse is
// checked while planning, before the first action; should the manager refuse an action all the
// same, what this deploy created is removed again, so a refused deploy leaves nothing behind.
//
// Waiting: with `detach` every wave is created at once, one after the other, and the deploy
// returns. Otherwise, beyond Docker, a wave is created once the services of the previous one are
// healthy (every replica RUNNING, which for a service with a healthcheck means healthy), and the
// last wave is waited for too. A service that does not become healthy does not stop the deploy:
// its dependants are still created, in order, and the deploy ends with StackConvergeError giving
// one line per service that is not healthy or was started without a healthy dependency.
import { isProcessImage, SwarmError } from "../../common/index.js";
import type { swarm } from "../../proto/index.js";
import type { LoadedStack } from "./model.js";
import { resolveReferences, stackObjectName } from "./namespace.js";
import { type CurrentObjects, planStack, type PlanOptions, type StackAction } from "./plan-stack.js";
import { waitHealthy, type AwaitedService } from "./service-health.js";

/** The Control API calls a deploy needs, as promises (the CLI and tests adapt their client). */
export interface StackControl {
  listServices(): Promise<swarm.v1.Service.$Properties[]>;
  listSecrets(): Promise<swarm.v1.Secret.$Properties[]>;
  listConfigs(): Promise<swarm.v1.Config.$Properties[]>;
  listNetworks(): Promise<swarm.v1.Network.$Properties[]>;
  listTasks(serviceId: string): Promise<swarm.v1.Task.$Properties[]>;
  /** Creates a secret; resolves with its id. */
  createSecret(spec: swarm.v1.SecretSpec.$Properties): Promise<string>;
  /** Creates a config; resolves with its id. */
  createConfig(spec: swarm.v1.ConfigSpec.$Properties): Promise<string>;
  /** Creates a network; resolves with its id. */
  createNetwork(spec: swarm.v1.INetworkSpec): Promise<string>;
  /** Creates a service; resolves with its id and the manager's warnings. */
  createService(
    spec: swarm.v1.ServiceSpec.$Properties,
    queryRegistry?: boolean,
  ): Promise<string | { id: string; warnings: readonly string[] }>;
  /** Updates a service; resolves with the manager's warnings. */
  updateService(
    serviceId: string,
    version: number,
    spec: swarm.v1.ServiceSpec.$Properties,
    queryRegistry?: boolean,
  ): Promise<void | readonly string[]>;
  removeService(serviceId: string): Promise<void>;
  removeSecret(secretId: string): Promise<void>;
  removeConfig(configId: string): Promise<void>;
  /** Removes a network, waiting (bounded) for the tasks of services just removed to leave it. */
  removeNetwork(networkId: string): Promise<void>;
}

/** Options of {@link deployStack}. */
export interface DeployOptions extends PlanOptions {
  /** Create everything and return without waiting for any service (`stack deploy -d`). */
  readonly detach?: boolean;
  /** How long one wave's services may take to become healthy. */
  readonly convergeMsMax?: number;
  /** New failed tasks after which a service is judged not to become healthy without waiting longer. */
  readonly taskFailuresMax?: number;
  /** Told about each action as it is taken ("Creating service counter_web"). */
  readonly progress?: (line: string) => void;
  /** Told each warning of the managers (an image left unpinned). */
  readonly warn?: (line: string) => void;
  /** The operator's registry credentials for an image (`--with-registry-auth`), as X-Registry-Auth; "" for none. */
  readonly registryAuth?: (image: string) => Promise<string>;
}

/** Longest wait for one wave's services to become healthy, by default. */
export const waveConvergeMsDefault = 120_000;

/** Failed tasks of one service after which a deploy stops waiting for it, by default. */
export const taskFailuresMaxDefault = 3;

/** One service of a deploy that is not healthy, and why, in one line. */
export interface ServiceProblem {
  /** The cluster name of the service. */
  readonly service: string;
  /** One line, e.g. "service app_db did not become healthy: 0 of 1 running; 3 tasks failed, the last: …". */
  readonly line: string;
}

/** The deploy created everything, but some services did not become healthy; `problems` says which and why. */
export class StackConvergeError extends SwarmError {
  /** One line per service that is not healthy or was started without a healthy dependency. */
  readonly problems: readonly ServiceProblem[];

  constructor(stack: string, problems: readonly ServiceProblem[], unhealthy: readonly string[]) {
    super(
      "STACK_NOT_CONVERGED",
      `stack ${stack} is deployed, but ${unhealthy.length === 1 ? "service" : "services"} ${unhealthy.join(", ")} did not become healthy`,
      { context: { stack, unhealthy } },
    );
    this.problems = problems;
  }
}

/** What a deploy created, in order, so that a refused deploy can remove it again. */
type Created = {
  readonly kind: "service" | "secret" | "config" | "network";
  readonly name: string;
  readonly id: string;
};

/**
 * Deploys `loaded` as stack `stack`; returns the actions taken. Throws StackFileError when a
 * check refuses the stack (nothing is created), the manager's error when it refuses an action
 * (what this deploy created is removed first), and StackConvergeError when services did not
 * become healthy (everything is created).
 */
export async function deployStack(
  control: StackControl,
  stack: string,
  loaded: LoadedStack,
  options: DeployOptions = {},
): Promise<StackAction[]> {
  const current: CurrentObjects = {
    services: await control.listServices(),
    secrets: await control.listSecrets(),
    configs: await control.listConfigs(),
    networks: await control.listNetworks(),
  };
  const waves = planStack(stack, loaded, current, options);
  const progress = options.progress ?? (() => undefined);
  const taken: StackAction[] = [];
  const created: Created[] = [];
  /** Why each service that is not healthy is not, by cluster name. */
  const unhealthy = new Map<string, string>();
  try {
    for (const wave of waves) {
      const awaited: AwaitedService[] = [];
      // Secrets and configs of the first wave must exist before services name them by id.
      const ids = await referenceIds(control);
      for (const action of wave) {
        const service = await runAction(control, action, ids, progress, created, options);
        if (service) awaited.push(service);
        taken.push(action);
      }
      if (options.detach) continue;
      const deadlineMs = Date.now() + (options.convergeMsMax ?? waveConvergeMsDefault);
      for (const service of awaited) {
        const outcome = await waitHealthy(control, service, {
          deadlineMs,
          taskFailuresMax: options.taskFailuresMax ?? taskFailuresMaxDefault,
        });
        if (outcome.healthy) continue;
        unhealthy.set(service.name, outcome.reason);
        progress(`Service ${service.name} did not become healthy: ${outcome.reason}`);
      }
    }
  } catch (error) {
    await undo(control, created, progress);
    throw error;
  }
  if (unhealthy.size > 0)
    throw new StackConvergeError(stack, problemLines(stack, taken, unhealthy), [...unhealthy.keys()]);
  return taken;
}

/** Runs one action; returns the service to wait for when it created or updated one. */
async function runAction(
  control: StackControl,
  action: StackAction,
  ids: { secrets: Map<string, string>; configs: Map<string, string> },
  progress: (line: string) => void,
  created: Created[],
  options: DeployOptions,
): Promise<AwaitedService | undefined> {
  const warn = options.warn ?? progress;
  switch (action.kind) {
    case "create-secret":
      progress(`Creating secret ${action.name}`);
      created.push({ kind: "secret", name: action.name, id: await control.createSecret(action.spec) });
      return undefined;
    case "create-config":
      progress(`Creating config ${action.name}`);
      created.push({ kind: "config", name: action.name, id: await control.createConfig(action.spec) });
      return undefined;
    case "create-network":
      progress(`Creating network ${action.name}`);
      created.push({ kind: "network", name: action.name, id: await control.createNetwork(action.spec) });
      return undefined;
    case "remove-service":
      progress(`Removing service ${action.name}`);
      await control.removeService(action.serviceId);
      return undefined;
    case "create-service": {
      progress(`Creating service ${action.name}`);
      const spec = await withRegistryAuth(resolveReferences(action.spec, ids), options);
      const answer = await control.createService(spec, action.queryRegistry);
      const serviceId = typeof answer === "string" ? answer : answer.id;
      if (typeof answer !== "string") for (const w of answer.warnings) warn(w);
      created.push({ kind: "service", name: action.name, id: serviceId });
      return { name: action.name, serviceId, spec, previousTaskIds: new Set() };
    }
    case "update-service": {
      progress(`Updating service ${action.name} (id: ${action.serviceId})`);
      const spec = await withRegistryAuth(resolveReferences(action.spec, ids), options);
      const before = await control.listTasks(action.serviceId);
      const warnings = await control.updateService(action.serviceId, action.version, spec, action.queryRegistry);
      for (const w of warnings ?? []) warn(w);
      return {
        name: action.name,
        serviceId: action.serviceId,
        spec,
        previousTaskIds: new Set(before.map((t) => t.id ?? "")),
      };
    }
  }
}

/** The spec with the operator's registry credentials for its image, when the deploy sends them. */
async function withRegistryAuth(
  spec: swarm.v1.ServiceSpec.$Properties,
  options: DeployOptions,
): Promise<swarm.v1.ServiceSpec.$Properties> {
  const container = spec.task?.container;
  const image = container?.image ?? "";
  if (!options.registryAuth || !container || image === "" || isProcessImage(image)) return spec;
  const registryAuth = await options.registryAuth(image);
  if (registryAuth === "") return spec;
  return { ...spec, task: { ...spec.task, container: { ...container, pullOptions: { registryAuth } } } };
}

/** Removes what a refused deploy created, newest first; a removal that fails is told, not thrown. */
async function undo(
  control: StackControl,
  created: readonly Created[],
  progress: (line: string) => void,
): Promise<void> {
  for (const object of [...created].reverse()) {
    progress(`Removing ${object.kind} ${object.name} (the deploy was refused)`);
    try {
      if (object.kind === "service") await control.removeService(object.id);
      else if (object.kind === "secret") await control.removeSecret(object.id);
      else if (object.kind === "config") await control.removeConfig(object.id);
      else await control.removeNetwork(object.id);
    } catch (error) {
      progress(`Could not remove ${object.kind} ${object.name}: ${(error as Error).message.split("\n")[0] ?? ""}`);
    }
  }
}

/**
 * One line per service that is not healthy, or that was created or updated while a service it
 * depends on was not healthy, in the order the deploy took them.
 */
function problemLines(
  stack: string,
  taken: readonly StackAction[],
  unhealthy: ReadonlyMap<string, string>,
): ServiceProblem[] {
  const problems: ServiceProblem[] = [];
  for (const action of taken) {
    if (action.kind !== "create-service" && action.kind !== "update-service") continue;
    const deps = action.dependsOn.map((key) => stackObjectName(stack, key)).filter((name) => unhealthy.has(name));
    const depText = deps.length === 1 ? `its dependency ${deps[0]!}` : `its dependencies ${deps.join(", ")}`;
    const own = unhealthy.get(action.name);
    const verb = action.kind === "create-service" ? "created" : "updated";
    if (own !== undefined)
      problems.push({
        service: action.name,
        line: `service ${action.name} did not become healthy: ${own}${deps.length > 0 ? ` (${depText} did not either)` : ""}`,
      });
    else if (deps.length > 0)
      problems.push({
        service: action.name,
        line: `service ${action.name} was ${verb} and runs, but ${depText} did not become healthy`,
      });
  }
  return problems;
}

async function referenceIds(
  control: StackControl,
): Promise<{ secrets: Map<string, string>; configs: Map<string, string> }> {
  const byName = (
    objects: { id?: string | null; spec?: { annotations?: { name?: string | null } | null } | null }[],
  ): Map<string, string> => new Map(objects.map((o) => [o.spec?.annotations?.name ?? "", o.id ?? ""]));
  return { secrets: byName(await control.listSecrets()), configs: byName(await control.listConfigs()) };
}
