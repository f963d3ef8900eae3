// The model a stack file loads into, before it is given a stack name. Names here are the
// Compose keys ("web", "db_password"); namespaceStack turns them into cluster object names.
import type { swarm } from "../../proto/index.js";
import type { StackWarning } from "./stack-file-error.js";

/** One service of the stack. */
export interface StackService {
  /** The Compose key, e.g. "web". */
  readonly name: string;
  /**
   * The spec as CreateService expects it, named by the Compose key; secret and config references
   * carry the Compose key of the top-level secret or config as their name and no id yet.
   */
  readonly spec: swarm.v1.ServiceSpec.$Properties;
  /** Compose keys of the services this one depends on, sorted. */
  readonly dependsOn: readonly string[];
}

/** A top-level secret or config. */
export interface StackDataObject {
  /** The Compose key, e.g. "db_password". */
  readonly name: string;
  /** The cluster object name when fixed by `name:` or `external`; otherwise the stack prefixes the key. */
  readonly objectName?: string;
  /** Created outside the stack: the stack neither creates nor changes it. */
  readonly external: boolean;
  /** Labels from the file. */
  readonly labels: Readonly<Record<string, string>>;
  /** The bytes (from `file`, `environment` or `content`); absent when external. */
  readonly data?: Uint8Array;
}

/** A top-level named volume. */
export interface StackVolume {
  /** The Compose key. */
  readonly name: string;
  /** The engine volume name when fixed by `name:` or `external`; otherwise the stack prefixes the key. */
  readonly objectName?: string;
  /** Created outside the stack. */
  readonly external: boolean;
  /** Labels for the volume when an engine creates it. */
  readonly labels: Readonly<Record<string, string>>;
  /** Volume driver each node's engine creates it with (`driver`); absent: the engine's "local". */
  readonly driver?: string;
  /** The driver's options (`driver_opts`), passed to the engine untouched. */
  readonly driverOptions?: Readonly<Record<string, string>>;
}

/** The Compose key of the network a service joins when it names none (created as NAME_default). */
export const defaultNetworkKey = "default";

/** A top-level network. */
export interface StackNetwork {
  /** The Compose key, e.g. "back" ("default" for the network services join when they name none). */
  readonly key: string;
  /** The cluster network name when fixed by `name:` or `external`; otherwise the stack prefixes the key. */
  readonly objectName?: string;
  /** Created outside the stack: it must exist, and the stack neither creates nor removes it. */
  readonly external: boolean;
  /** What to create (driver, options, subnet, labels from the file); absent when external. */
  readonly spec?: swarm.v1.INetworkSpec;
}

/** A stack file (or several merged) as loaded: services, data objects, volumes and warnings. */
export interface LoadedStack {
  /** Services in the order of the file. */
  readonly services: readonly StackService[];
  /** Top-level secrets. */
  readonly secrets: readonly StackDataObject[];
  /** Top-level configs. */
  readonly configs: readonly StackDataObject[];
  /** Top-level volumes. */
  readonly volumes: readonly StackVolume[];
  /** Top-level networks, external ones included. */
  readonly networks: readonly StackNetwork[];
  /** Keys ignored, variables unset, and other things the operator should know. */
  readonly warnings: readonly StackWarning[];
}
