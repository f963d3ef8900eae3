// planStack: what a deploy must do to bring the cluster to a loaded stack, as waves of actions.
// Pure: it reads the current objects it is given and returns actions; the caller runs each wave
// against the Control API and waits for the wave's services to converge (healthy where they have
// a healthcheck) before the next, which is how depends_on is honoured.
import type { swarm } from "../../proto/index.js";
import { DependencyCycle, dependencyWaves } from "./dependency-order.js";
import type { LoadedStack } from "./model.js";
import {
  namespaceStack,
  resolveReferences,
  stackNamespaceLabel,
  type NamedData,
  type NamedNetwork,
} from "./namespace.js";
import { checkNames, checkNetworks, checkOwnership } from "./plan-checks.js";
import { checkClusterPorts, type PortStep } from "./published-ports.js";
import { StackFileError } from "./stack-file-error.js";

/** What exists in the cluster now (the caller lists it; other stacks' objects may be included). */
export interface CurrentObjects {
  /** Services as ListServices returns them; only those labelled with the stack are pruned. */
  readonly services: readonly swarm.v1.Service.$Properties[];
  /** Secrets as ListSecrets returns them (without data). */
  readonly secrets: readonly swarm.v1.Secret.$Properties[];
  /** Configs as ListConfigs returns them (with data, so changes are caught). */
  readonly configs: readonly swarm.v1.Config.$Properties[];
  /** Networks as ListNetworks returns them (absent: none exist). */
  readonly networks?: readonly swarm.v1.Network.$Properties[];
}

/** One step of a deploy. Service specs carry the ids of secrets and configs that already exist. */
export type StackAction =
  | { readonly kind: "create-secret"; readonly name: string; readonly spec: swarm.v1.SecretSpec.$Properties }
  | { readonly kind: "create-config"; readonly name: string; readonly spec: swarm.v1.ConfigSpec.$Properties }
  | { readonly kind: "create-network"; readonly name: string; readonly spec: swarm.v1.INetworkSpec }
  | {
      readonly kind: "create-service";
      readonly name: string;
      readonly spec: swarm.v1.ServiceSpec.$Properties;
      readonly dependsOn: readonly string[];
      /** Whether the manager should pin the image to the registry's digest. */
      readonly queryRegistry: boolean;
    }
  | {
      readonly kind: "update-service";
      readonly name: string;
      readonly serviceId: string;
      /** The version read, to quote in UpdateService. */
      readonly version: number;
      readonly spec: swarm.v1.ServiceSpec.$Properties;
      readonly dependsOn: readonly string[];
      /** Whether the manager should pin the image to the registry's digest. */
      readonly queryRegistry: boolean;
    }
  | { readonly kind: "remove-service"; readonly name: string; readonly serviceId: string };

/** Deploy options. */
export interface PlanOptions {
  /** Remove the stack's services that are no longer in the file. */
  readonly prune?: boolean;
  /**
   * When the managers pin images to digests, as Docker's `--resolve-image`: always (every deploy
   * asks the registry again, so a moved tag is picked up), changed (only for services whose image
   * as written changed since the last deploy), never. Default always.
   */
  readonly resolveImage?: ResolveImageMode;
}

/** The values of `stack deploy --resolve-image`. */
export type ResolveImageMode = "always" | "changed" | "never";

/** The service label holding the image as the stack file wrote it (Docker's), before any pinning. */
export const stackImageLabel = "com.docker.stack.image";

/**
 * The waves of actions that deploy `loaded` as stack `stack`: first removals (when pruning) and the
 * secrets, configs and networks to create, then the services in depends_on order, one wave per
 * level; a service is updated only when its spec differs canonically. Empty waves are left out.
 * Specs of services that reference secrets or configs created in the first wave need their ids
 * filled (resolveReferences) once those exist; networks are named by name, which the managers
 * resolve. A network that exists is left as it is (networks do not change in place).
 *
 * Everything the manager would refuse part-way is checked here, before the first action, so that
 * a refused deploy creates nothing: names, services of the same name outside the stack, networks
 * (external ones exist, subnets overlap no other network's), external secrets and configs, changed
 * configs, changes of mode, and published ports against the rest of the cluster (the file's own
 * clashes are refused when it is loaded).
 */
export function planStack(
  stack: string,
  loaded: LoadedStack,
  current: CurrentObjects,
  options: PlanOptions = {},
): StackAction[][] {
  const named = namespaceStack(stack, loaded);
  checkNames(named);
  checkOwnership(stack, named, current.services);
  checkNetworks(named, current.networks ?? []);
  const first: StackAction[] = [];
  if (options.prune) {
    const wanted = new Set(named.services.map((s) => s.name));
    for (const service of current.services) {
      const name = service.spec?.annotations?.name ?? "";
      if (service.spec?.annotations?.labels?.[stackNamespaceLabel] === stack && !wanted.has(name))
        first.push({ kind: "remove-service", name, serviceId: service.id ?? "" });
    }
  }
  const secretIds = planData("secrets", named.secrets, current.secrets, first);
  const configIds = planData("configs", named.configs, current.configs, first);
  const networkIds = planNetworks(named.networks, current.networks ?? [], first);

  let levels: string[][];
  try {
    levels = dependencyWaves(named.services.map((s) => ({ name: s.key, dependsOn: s.dependsOn })));
  } catch (error) {
    if (error instanceof DependencyCycle)
      throw new StackFileError(undefined, ["services", error.cycle[0]!, "depends_on"], error.message);
    throw error;
  }
  const byKey = new Map(named.services.map((s) => [s.key, s]));
  const currentByName = new Map(current.services.map((s) => [s.spec?.annotations?.name ?? "", s]));
  const waves: StackAction[][] = [first];
  for (const level of levels) {
    const wave: StackAction[] = [];
    for (const key of level) {
      const service = byKey.get(key)!;
      // The managers store attachments by network id: compare (and send) them so where the network exists.
      let spec = withImageLabel(
        withNetworkIds(resolveReferences(service.spec, { secrets: secretIds, configs: configIds }), networkIds),
      );
      const existing = currentByName.get(service.name);
      const resolveImage = options.resolveImage ?? "always";
      if (!existing) {
        const queryRegistry = resolveImage !== "never";
        wave.push({ kind: "create-service", name: service.name, spec, dependsOn: service.dependsOn, queryRegistry });
        continue;
      }
      const written = spec.task?.container?.image ?? "";
      const sameImage = existing.spec?.annotations?.labels?.[stackImageLabel] === written;
      // As Docker's "changed": an image written as before keeps the digest the last deploy pinned,
      // so the service compares equal and nothing restarts.
      if (resolveImage === "changed" && sameImage && existing.spec?.task?.container?.image)
        spec = {
          ...spec,
          task: { ...spec.task, container: { ...spec.task?.container, image: existing.spec.task.container.image } },
        };
      const queryRegistry = resolveImage === "always" || (resolveImage === "changed" && !sameImage);
      if (modeOf(existing.spec ?? {}) !== modeOf(spec)) {
        throw new StackFileError(
          undefined,
          ["services", key, "deploy", "mode"],
          `service ${service.name} runs in ${modeOf(existing.spec ?? {})} mode and cannot change to ${modeOf(spec)}; remove it first`,
        );
      }
      if (canonicalJson(existing.spec) === canonicalJson(spec)) continue;
      wave.push({
        kind: "update-service",
        name: service.name,
        serviceId: existing.id ?? "",
        version: Number(existing.meta?.version?.index ?? 0),
        spec,
        dependsOn: service.dependsOn,
        queryRegistry,
      });
    }
    waves.push(wave);
  }
  checkClusterPorts(current.services, portSteps(waves, named.services));
  return waves.filter((w) => w.length > 0);
}

/** The service actions of `waves` in order, as the port check reads them. */
function portSteps(waves: readonly StackAction[][], services: readonly { key: string; name: string }[]): PortStep[] {
  const keyOf = new Map(services.map((s) => [s.name, s.key]));
  const steps: PortStep[] = [];
  for (const action of waves.flat()) {
    const key = keyOf.get(action.name);
    if (action.kind === "remove-service") steps.push({ kind: "remove", name: action.name });
    else if (action.kind === "create-service" || action.kind === "update-service")
      steps.push({
        kind: action.kind === "create-service" ? "create" : "update",
        name: action.name,
        spec: action.spec,
        ...(key !== undefined ? { key } : {}),
      });
  }
  return steps;
}

/** Plans the networks to create; returns the ids of those that exist, by name. */
function planNetworks(
  wanted: readonly NamedNetwork[],
  existing: readonly swarm.v1.Network.$Properties[],
  actions: StackAction[],
): Map<string, string> {
  const ids = new Map(existing.map((n) => [n.spec?.annotations?.name ?? "", n.id ?? ""]));
  for (const network of wanted) {
    if (ids.has(network.name) || (network.external && ["host", "none"].includes(network.name))) continue;
    if (network.external || !network.spec)
      throw new StackFileError(
        undefined,
        ["networks", network.key],
        `network ${network.name} is declared as external, but could not be found; create it with swarmctl network create`,
      );
    actions.push({ kind: "create-network", name: network.name, spec: network.spec });
  }
  return ids;
}

/** A spec whose network attachments name existing networks by id. */
function withNetworkIds(
  spec: swarm.v1.ServiceSpec.$Properties,
  ids: ReadonlyMap<string, string>,
): swarm.v1.ServiceSpec.$Properties {
  const networks = spec.task?.networks;
  if (!networks?.length) return spec;
  return {
    ...spec,
    task: {
      ...spec.task,
      networks: networks.map((a) => ({ ...a, target: ids.get(a.target ?? "") ?? a.target ?? "" })),
    },
  };
}

/** A spec labelled with its image as written ({@link stackImageLabel}), as Docker labels it. */
function withImageLabel(spec: swarm.v1.ServiceSpec.$Properties): swarm.v1.ServiceSpec.$Properties {
  const image = spec.task?.container?.image ?? "";
  if (image === "") return spec;
  return {
    ...spec,
    annotations: { ...spec.annotations, labels: { ...spec.annotations?.labels, [stackImageLabel]: image } },
  };
}

/** Plans the secrets or configs to create; returns the ids of those that exist, by name. */
function planData(
  kind: "secrets" | "configs",
  wanted: readonly NamedData[],
  existing: readonly (swarm.v1.Secret.$Properties | swarm.v1.Config.$Properties)[],
  actions: StackAction[],
): Map<string, string> {
  const ids = new Map<string, string>();
  const byName = new Map(existing.map((o) => [o.spec?.annotations?.name ?? "", o]));
  const noun = kind === "secrets" ? "secret" : "config";
  for (const object of wanted) {
    const found = byName.get(object.name);
    if (found) {
      ids.set(object.name, found.id ?? "");
      // Data never changes in place; configs are returned with theirs, so a change can be caught
      // here (secrets' data is never returned: a changed secret needs a new name to take effect).
      const data = found.spec?.data;
      if (
        kind === "configs" &&
        object.spec &&
        data &&
        data.length > 0 &&
        Buffer.compare(Buffer.from(data), Buffer.from(object.spec.data)) !== 0
      ) {
        throw new StackFileError(
          undefined,
          [kind, object.key],
          `config ${object.name} exists with other data and configs cannot change; give it a new name`,
        );
      }
      continue;
    }
    if (object.external || !object.spec)
      throw new StackFileError(undefined, [kind, object.key], `external ${noun} ${object.name} not found`);
    actions.push(
      kind === "secrets"
        ? { kind: "create-secret", name: object.name, spec: object.spec }
        : { kind: "create-config", name: object.name, spec: object.spec },
    );
  }
  return ids;
}

function modeOf(spec: swarm.v1.ServiceSpec.$Properties): string {
  if (spec.global) return "global";
  if (spec.replicatedJob) return "replicated-job";
  if (spec.globalJob) return "global-job";
  return "replicated";
}

/** Keys of a spec whose presence matters even when empty: the oneof mode. */
const presenceKeys = new Set(["replicated", "global", "replicatedJob", "globalJob"]);
/** Keys left out of the comparison: ids the cluster fills in. */
const ignoredKeys = new Set(["secretId", "configId"]);

/**
 * A canonical JSON text of a spec: keys sorted, proto3 default values (0, "", false, empty lists
 * and maps, unset messages) dropped, so a spec as sent and the same spec as returned by the API
 * (a decoded message with defaults filled in) compare equal.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value) ?? {});
}

function canonical(value: unknown, key = ""): unknown {
  if (value === null || value === undefined || value === 0 || value === "" || value === false) return undefined;
  if (value instanceof Uint8Array) return value.length === 0 ? undefined : Buffer.from(value).toString("base64");
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical(v) ?? null);
    return items.length === 0 ? undefined : items;
  }
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      if (k.startsWith("$") || ignoredKeys.has(k)) continue;
      const v = canonical((value as Record<string, unknown>)[k], k);
      if (v !== undefined) out[k] = v;
    }
    return Object.keys(out).length === 0 && !presenceKeys.has(key) ? undefined : out;
  }
  return value;
}
