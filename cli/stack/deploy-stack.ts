// Runs a stack's deploy plan against the Control API, wave by wave: secrets, configs and networks
// (and pruning) first, then services in depends_on order. Beyond Docker, a wave starts only once the
// services of the previous one have converged: every replica RUNNING, which for a service with a
// healthcheck means healthy (a task becomes RUNNING only then).
import { SwarmError } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import type { LoadedStack } from "./model.js";
import { resolveReferences } from "./namespace.js";
import { type CurrentObjects, planStack, type PlanOptions, type StackAction } from "./plan-stack.js";

/** The Control API calls a deploy needs, as promises (the CLI and tests adapt their client). */
export interface StackControl {
  listServices(): Promise<swarm.v1.Service.$Properties[]>;
  listSecrets(): Promise<swarm.v1.Secret.$Properties[]>;
  listConfigs(): Promise<swarm.v1.Config.$Properties[]>;
  listNetworks(): Promise<swarm.v1.Network.$Properties[]>;
  listTasks(serviceId: string): Promise<swarm.v1.Task.$Properties[]>;
  createSecret(spec: swarm.v1.SecretSpec.$Properties): Promise<void>;
  createConfig(spec: swarm.v1.ConfigSpec.$Properties): Promise<void>;
  createNetwork(spec: swarm.v1.INetworkSpec): Promise<void>;
  createService(spec: swarm.v1.ServiceSpec.$Properties): Promise<string>;
  updateService(serviceId: string, version: number, spec: swarm.v1.ServiceSpec.$Properties): Promise<void>;
  removeService(serviceId: string): Promise<void>;
}

/** Options of {@link deployStack}. */
export interface DeployOptions extends PlanOptions {
  /** How long one wave may take to converge. */
  readonly convergeMsMax?: number;
  /** Told about each action as it is taken ("Creating service counter_web"). */
  readonly progress?: (line: string) => void;
}

/** Longest wait for one wave's services to converge, by default. */
export const waveConvergeMsDefault = 120_000;

/** How often convergence is polled. */
export const convergePollMs = 200;

/** A wave's services did not converge in time. */
export class StackConvergeError extends SwarmError {
  constructor(service: string, detail: string) {
    super("STACK_NOT_CONVERGED", `service ${service} did not converge: ${detail}`, { context: { service } });
  }
}

/** Deploys `loaded` as stack `stack`; returns the actions taken. */
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
  for (const wave of waves) {
    const converging: { name: string; serviceId: string; spec: swarm.v1.ServiceSpec.$Properties }[] = [];
    // Secrets and configs of the first wave must exist before services name them by id.
    const ids = await referenceIds(control);
    for (const action of wave) {
      switch (action.kind) {
        case "create-secret":
          progress(`Creating secret ${action.name}`);
          await control.createSecret(action.spec);
          break;
        case "create-config":
          progress(`Creating config ${action.name}`);
          await control.createConfig(action.spec);
          break;
        case "create-network":
          progress(`Creating network ${action.name}`);
          await control.createNetwork(action.spec);
          break;
        case "remove-service":
          progress(`Removing service ${action.name}`);
          await control.removeService(action.serviceId);
          break;
        case "create-service": {
          progress(`Creating service ${action.name}`);
          const spec = resolveReferences(action.spec, ids);
          converging.push({ name: action.name, serviceId: await control.createService(spec), spec });
          break;
        }
        case "update-service": {
          progress(`Updating service ${action.name} (id: ${action.serviceId})`);
          const spec = resolveReferences(action.spec, ids);
          await control.updateService(action.serviceId, action.version, spec);
          converging.push({ name: action.name, serviceId: action.serviceId, spec });
          break;
        }
      }
      taken.push(action);
    }
    for (const service of converging)
      await waitConverged(control, service, options.convergeMsMax ?? waveConvergeMsDefault);
  }
  return taken;
}

async function referenceIds(
  control: StackControl,
): Promise<{ secrets: Map<string, string>; configs: Map<string, string> }> {
  const byName = (
    objects: { id?: string | null; spec?: { annotations?: { name?: string | null } | null } | null }[],
  ): Map<string, string> => new Map(objects.map((o) => [o.spec?.annotations?.name ?? "", o.id ?? ""]));
  return { secrets: byName(await control.listSecrets()), configs: byName(await control.listConfigs()) };
}

/** Waits until the service's replicas all run (global and job services: until a task runs or completes). */
async function waitConverged(
  control: StackControl,
  service: { name: string; serviceId: string; spec: swarm.v1.ServiceSpec.$Properties },
  timeoutMs: number,
): Promise<void> {
  const S = swarm.v1.TaskState;
  const want = service.spec.replicated ? Number(service.spec.replicated.replicas ?? 1) : 1;
  const end = Date.now() + timeoutMs;
  let detail = "no task yet";
  for (;;) {
    const tasks = (await control.listTasks(service.serviceId)).filter(
      (t) =>
        Number(t.desiredState) <= Number(S.TASK_STATE_RUNNING) ||
        Number(t.desiredState) === Number(S.TASK_STATE_COMPLETE),
    );
    const done = tasks.filter(
      (t) =>
        Number(t.status?.state) === Number(S.TASK_STATE_RUNNING) ||
        Number(t.status?.state) === Number(S.TASK_STATE_COMPLETE),
    ).length;
    if (want === 0 || done >= want) return;
    const errors = tasks.map((t) => t.status?.err).filter((e): e is string => !!e);
    detail = `${done} of ${want} running${errors.length > 0 ? `; last error: ${errors[errors.length - 1]}` : ""}`;
    if (Date.now() > end) throw new StackConvergeError(service.name, detail);
    await new Promise((resolve) => setTimeout(resolve, convergePollMs));
  }
}
