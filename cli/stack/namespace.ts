// Gives a loaded stack its name: services become NAME_service, secrets, configs and volumes
// NAME_key unless external or named in the file, and every object gets the namespace label.
import { InvalidArgumentError } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import type { LoadedStack, StackDataObject } from "./model.js";

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

/** The objects of a named stack. */
export interface NamedStack {
  /** Services in the order of the file. */
  readonly services: readonly NamedService[];
  /** Secrets, external ones included (without a spec). */
  readonly secrets: readonly NamedData[];
  /** Configs, external ones included (without a spec). */
  readonly configs: readonly NamedData[];
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

/** Names every object of `loaded` for the stack `stack` (validated). */
export function namespaceStack(stack: string, loaded: LoadedStack): NamedStack {
  validateStackName(stack);
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
      // As Docker: a stack's own volume is created with the stack's label and the file's labels.
      const labels = volume.external ? m.volumeLabels : withLabel(stack, { ...volume.labels, ...m.volumeLabels });
      return {
        ...m,
        source: volume.objectName ?? stackObjectName(stack, volume.name),
        ...(labels ? { volumeLabels: labels } : {}),
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
      },
    };
    return { key: s.name, name, spec, dependsOn: s.dependsOn };
  });
  return { services, secrets, configs };
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
