// The dashboard's actions and the exact swarmctl command each one runs. The page builds the
// command line it shows in the confirmation dialog with these functions, and the server builds the
// argv it runs with the same ones, so what the operator confirms is what runs. The server also
// validates every action it receives here, since the page is only a client: a name that begins
// with "-" would become a flag, so names, ids and images are checked against Docker's own forms.

/** Node availabilities an operator can set. */
export const availabilities = ["active", "pause", "drain"] as const;

/** One action the page can ask for. Services are named by name, nodes by id. */
export type Action =
  | { readonly kind: "scale"; readonly service: string; readonly replicas: number }
  | { readonly kind: "update-image"; readonly service: string; readonly image: string }
  | { readonly kind: "rollback"; readonly service: string }
  | { readonly kind: "force-update"; readonly service: string }
  | { readonly kind: "remove-service"; readonly service: string }
  | { readonly kind: "availability"; readonly node: string; readonly availability: (typeof availabilities)[number] }
  | { readonly kind: "promote"; readonly node: string }
  | { readonly kind: "demote"; readonly node: string };

/** The kind of an action. */
export type ActionKind = Action["kind"];

/** Most replicas the page may ask for (the Control API applies its own bounds too). */
export const replicasMax = 100_000;
/** Longest image reference accepted. */
export const imageLengthMax = 512;
/** Longest service name or node id accepted. */
export const refLengthMax = 128;

/** A malformed action: the field at fault and what is wrong, one line. */
export class ActionError extends Error {
  constructor(
    /** The field, e.g. "replicas". */
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = "ActionError";
  }
}

const namePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const nodeIdPattern = /^[a-z0-9][a-z0-9-]*$/;
// An image reference: no spaces, no leading "-", printable ASCII (registry/name:tag@digest, or process://program).
const imagePattern = /^[a-zA-Z0-9][\x21-\x7e]*$/;

/** A swarmctl invocation: the command words, then its flags and arguments. */
export interface Invocation {
  /** "service", "scale". */
  readonly words: readonly string[];
  /** Flags and arguments after the words. */
  readonly rest: readonly string[];
}

/** The swarmctl invocation an action runs; throws ActionError when the action is malformed. */
export function invocationOf(action: Action): Invocation {
  switch (action.kind) {
    case "scale": {
      const replicas = action.replicas;
      if (!Number.isSafeInteger(replicas) || replicas < 0 || replicas > replicasMax)
        throw new ActionError("replicas", `must be a whole number from 0 to ${replicasMax}`);
      return { words: ["service", "scale"], rest: ["--detach", `${serviceName(action.service)}=${replicas}`] };
    }
    case "update-image":
      return {
        words: ["service", "update"],
        rest: ["--detach", "--image", image(action.image), serviceName(action.service)],
      };
    case "rollback":
      return { words: ["service", "rollback"], rest: ["--detach", serviceName(action.service)] };
    case "force-update":
      return { words: ["service", "update"], rest: ["--detach", "--force", serviceName(action.service)] };
    case "remove-service":
      return { words: ["service", "rm"], rest: [serviceName(action.service)] };
    case "availability":
      if (!(availabilities as readonly string[]).includes(action.availability))
        throw new ActionError("availability", `must be one of ${availabilities.join(", ")}`);
      return { words: ["node", "update"], rest: ["--availability", action.availability, nodeId(action.node)] };
    case "promote":
      return { words: ["node", "promote"], rest: [nodeId(action.node)] };
    case "demote":
      return { words: ["node", "demote"], rest: [nodeId(action.node)] };
  }
}

/**
 * The argv swarmctl runs with: the connection flags the dashboard was started with, first, as
 * Docker's global flags (after `service update` `--host` is the extra-hosts flag), then the command
 * words and the rest.
 */
export function argvOf(action: Action, connectionArgs: readonly string[]): string[] {
  const { words, rest } = invocationOf(action);
  return [...connectionArgs, ...words, ...rest];
}

/** The command line the dialog shows: `swarmctl` and the argv, quoted for a POSIX shell. */
export function commandLineOf(action: Action, connectionArgs: readonly string[]): string {
  return ["swarmctl", ...argvOf(action, connectionArgs)].map(shellQuote).join(" ");
}

/** A word as a POSIX shell reads it back: bare when safe, else in single quotes. */
export function shellQuote(word: string): string {
  if (word !== "" && /^[a-zA-Z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The action in an untrusted JSON value (a request body); throws ActionError naming the field. */
export function parseAction(value: unknown): Action {
  if (typeof value !== "object" || value === null) throw new ActionError("action", "must be an object");
  const v = value as Record<string, unknown>;
  const text = (field: string): string => {
    const x = v[field];
    if (typeof x !== "string") throw new ActionError(field, "must be a string");
    return x;
  };
  const kind = text("kind");
  let action: Action;
  switch (kind) {
    case "scale":
      if (typeof v.replicas !== "number") throw new ActionError("replicas", "must be a number");
      action = { kind, service: text("service"), replicas: v.replicas };
      break;
    case "update-image":
      action = { kind, service: text("service"), image: text("image") };
      break;
    case "rollback":
    case "force-update":
    case "remove-service":
      action = { kind, service: text("service") };
      break;
    case "availability":
      action = { kind, node: text("node"), availability: text("availability") as "active" };
      break;
    case "promote":
    case "demote":
      action = { kind, node: text("node") };
      break;
    default:
      throw new ActionError("kind", `"${kind.slice(0, 40)}" is not an action`);
  }
  invocationOf(action);
  return action;
}

function serviceName(name: string): string {
  if (name.length === 0 || name.length > refLengthMax || !namePattern.test(name))
    throw new ActionError("service", `"${name.slice(0, 40)}" is not a service name`);
  return name;
}

function nodeId(id: string): string {
  if (id.length === 0 || id.length > refLengthMax || !nodeIdPattern.test(id))
    throw new ActionError("node", `"${id.slice(0, 40)}" is not a node id`);
  return id;
}

function image(ref: string): string {
  const trimmed = ref.trim();
  if (trimmed.length === 0) throw new ActionError("image", "must not be empty");
  if (trimmed.length > imageLengthMax || !imagePattern.test(trimmed))
    throw new ActionError("image", `"${trimmed.slice(0, 40)}" is not an image reference`);
  return trimmed;
}
