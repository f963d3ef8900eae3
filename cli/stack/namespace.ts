// Gives a loaded stack its name: services become NAME_service, secrets, configs, volumes and
// networks NAME_key unless external or named in the file, and every object gets the namespace label.
import { InvalidArgumentError } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { defaultNetworkKey, type LoadedStack, type StackDataObject, type StackNetwork } from "./model.js";

/** The label that marks every object of a stack with the stack's name, as Docker's. */
export const stackNamespaceLabel = "com.docker.stack.namespace";
/** Longest stack name, so that NAME_service still fits the 63-character object name limit. */
export const stackNameLengthMax = 40;

const stackNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** The cluster name of a stack's object: "NAME_key". */
export function stackObjectName(stack: string, name: string): string {
  return `${stack}_${name}`;
}

/** Checks a stack name; throws InvalidArgumentError("stack", …). */
export function validateStackName(stack: string): void {
  if (!stackNamePattern.test(stack))
    throw new InvalidArgumentError(
      "stack",
      `"${stack}" must start with a letter or digit and contain only letters, digits, "_", "." and "-"`,
    );
  if (stack.length > stackNameLengthMax)
    throw new InvalidArgumentError("stack", `must be at most ${stackNameLengthMax} characters`);
}

/** A service of a named stack, ready for CreateService (secret and config ids still to resolve). */
export interface NamedService {
  /** The Compose key. */
  readonly key: string;
  /** The cluster name, spec.annotations.name. */
  readonly name: string;
  /** The spec; references carry object names, ids are filled by {@link resolveReferences}. */
  readonly spec: swarm.v1.ServiceSpec.$Properties;
  /** Compose keys of its dependencies. */
  readonly dependsOn: readonly string[];
}

/** A secret or config of a named stack. */
export interface NamedData {
  /** The Compose key. */
  readonly key: string;
  /** The cluster name. */
  readonly name: string;
  /** Created outside the stack; never created or changed by it. */
  readonly external: boolean;
  /** The spec to create (absent when external). */
  readonly spec?: { annotations: { name: string; labels: Record<string, string> }; data: Uint8Array };
}

/** A network of a named stack that one of its services uses. */
export interface NamedNetwork {
  /** The Compose key. */
  readonly key: string;
  /** The cluster name. */
  readonly name: string;
  /** Created outside the stack; it must exist, and is never created or removed by the stack. */
  readonly external: boolean;
  /** The spec to create, named and labelled (absent when external). */
  readonly spec?: swarm.v1.INetworkSpec;
}

/** The objects of a named stack. */
export interface NamedStack {
  /** Services in the order of the file. */
  readonly services: readonly NamedService[];
  /** Secrets, external ones included (without a spec). */
  readonly secrets: readonly NamedData[];
  /** Configs, external ones included (without a spec). */
  readonly configs: readonly NamedData[];
  /** Networks the services use (a declared network no service uses is not created, as Docker's), external ones included. */
  readonly networks: readonly NamedNetwork[];
}

function withLabel(stack: string, labels: Readonly<Record<string, string>> | null | undefined): Record<string, string> {
  return { ...labels, [stackNamespaceLabel]: stack };
}

function nameData(stack: string, objects: readonly StackDataObject[]): NamedData[] {
  return objects.map((o) => {
    const name = o.objectName ?? stackObjectName(stack, o.name);
    if (o.external || !o.data) return { key: o.name, name, external: true };
    return {
      key: o.name,
      name,
      external: false,
      spec: { annotations: { name, labels: withLabel(stack, o.labels) }, data: o.data },
    };
  });
}

/** The networks the services use, named; the implicit default network is an overlay with no options. */
function nameNetworks(stack: string, loaded: LoadedStack): NamedNetwork[] {
  const declared = new Map<string, StackNetwork>(loaded.networks.map((n) => [n.key, n]));
  const used = new Set<string>();
  for (const s of loaded.services)
    for (const a of s.spec.task?.networks ?? [])
      if (declared.has(a.target ?? "") || a.target === defaultNetworkKey) used.add(a.target ?? "");
  return [...used].sort().map((key) => {
    const network = declared.get(key) ?? { key, external: false, spec: { driver: "overlay" } };
    const name = network.objectName ?? stackObjectName(stack, key);
    if (network.external) return { key, name, external: true };
    const spec = network.spec ?? {};
    return {
      key,
      name,
      external: false,
      spec: { ...spec, annotations: { ...spec.annotations, name, labels: withLabel(stack, spec.annotations?.labels) } },
    };
  });
}

/** Names every object of `loaded` for the stack `stack` (validated). */
export function namespaceStack(stack: string, loaded: LoadedStack): NamedStack {
  validateStackName(stack);
  const networks = nameNetworks(stack, loaded);
  const networkName = new Map(networks.map((n) => [n.key, n.name]));
  const secrets = nameData(stack, loaded.secrets);
  const configs = nameData(stack, loaded.configs);
  const secretName = new Map(secrets.map((s) => [s.key, s.name]));
  const configName = new Map(configs.map((c) => [c.key, c.name]));
  const volumes = new Map(loaded.volumes.map((v) => [v.name, v]));
  const services = loaded.services.map((s): NamedService => {
    const name = stackObjectName(stack, s.name);
    const container = s.spec.task?.container ?? {};
    const mounts = (container.mounts ?? []).map((m) => {
      const volume = m.type === swarm.v1.Mount.Type.TYPE_VOLUME && m.source ? volumes.get(m.source) : undefined;
      if (!volume) return m;
      // As Docker: a stack's own volume is created with the stack's label and the file's labels,
      // and with its driver and options on every node that lacks it.
      const labels = volume.external ? m.volumeLabels : withLabel(stack, { ...volume.labels, ...m.volumeLabels });
      return {
        ...m,
        source: volume.objectName ?? stackObjectName(stack, volume.name),
        ...(labels ? { volumeLabels: labels } : {}),
        ...(volume.driver !== undefined ? { volumeDriver: volume.driver } : {}),
        ...(volume.driverOptions !== undefined ? { volumeDriverOptions: { ...volume.driverOptions } } : {}),
      };
    });
    const spec: swarm.v1.ServiceSpec.$Properties = {
      ...s.spec,
      annotations: { ...s.spec.annotations, name, labels: withLabel(stack, s.spec.annotations?.labels) },
      task: {
        ...s.spec.task,
        container: {
          ...container,
          labels: withLabel(stack, container.labels),
          ...(container.mounts ? { mounts } : {}),
          ...(container.secrets
            ? {
                secrets: container.secrets.map((r) => ({
                  ...r,
                  secretName: secretName.get(r.secretName ?? "") ?? r.secretName ?? "",
                })),
              }
            : {}),
          ...(container.configs
            ? {
                configs: container.configs.map((r) => ({
                  ...r,
                  configName: configName.get(r.configName ?? "") ?? r.configName ?? "",
                })),
              }
            : {}),
        },
        ...(s.spec.task?.networks
          ? {
              networks: s.spec.task.networks.map((a) => ({
                ...a,
                target: networkName.get(a.target ?? "") ?? a.target ?? "",
              })),
            }
          : {}),
      },
    };
    return { key: s.name, name, spec, dependsOn: s.dependsOn };
  });
  return { services, secrets, configs, networks };
}

/** Object ids by name, for filling references once secrets and configs exist. */
export interface ReferenceIds {
  /** Secret ids by secret name. */
  readonly secrets: ReadonlyMap<string, string>;
  /** Config ids by config name. */
  readonly configs: ReadonlyMap<string, string>;
}

/**
 * Fills the secret and config ids of a spec's references from their names. A name without an id
 * is left without one, so CreateService refuses it with the field named.
 */
export function resolveReferences(
  spec: swarm.v1.ServiceSpec.$Properties,
  ids: ReferenceIds,
): swarm.v1.ServiceSpec.$Properties {
  const container = spec.task?.container;
  if (!container || (!container.secrets?.length && !container.configs?.length)) return spec;
  return {
    ...spec,
    task: {
      ...spec.task,
      container: {
        ...container,
        ...(container.secrets
          ? {
              secrets: container.secrets.map((r) => ({
                ...r,
                secretId: ids.secrets.get(r.secretName ?? "") ?? r.secretId ?? "",
              })),
            }
          : {}),
        ...(container.configs
          ? {
              configs: container.configs.map((r) => ({
                ...r,
                configId: ids.configs.get(r.configName ?? "") ?? r.configId ?? "",
              })),
            }
          : {}),
      },
    },
  };
}
