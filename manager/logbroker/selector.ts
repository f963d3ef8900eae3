// What a log subscription selects: the request's validation (every field named in the error), the
// nodes that run or ran selected tasks (those the subscription is sent to), and whether a task that
// appears later is selected too (for following subscriptions).
import { InvalidArgumentError, NotFoundError } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import type { ObjectsByKind, ReadTx } from "../store/index.js";

/** Most ids one selector may name, so one request cannot make the broker scan without bound. */
export const selectorIdsMax = 1_000;

/** A selector with its lists present. */
export interface Selector {
  /** Service ids. */
  readonly serviceIds: readonly string[];
  /** Task ids. */
  readonly taskIds: readonly string[];
  /** Node ids. */
  readonly nodeIds: readonly string[];
}

/** A subscription request, validated and with its defaults filled in. */
export interface SubscriptionRequest {
  /** Whose logs. */
  readonly selector: Selector;
  /** How to read them; absent options mean every line, not following. */
  readonly options: swarm.v1.LogSubscriptionOptions.$Properties;
}

const streams = new Set([Number(swarm.v1.LogStream.LOG_STREAM_STDOUT), Number(swarm.v1.LogStream.LOG_STREAM_STDERR)]);

/**
 * Validates a SubscribeLogs request. Throws InvalidArgumentError naming the field: an empty
 * selector, an empty id, too many ids, an unknown stream, a malformed `since`.
 */
export function validateSubscribeRequest(request: swarm.v1.ISubscribeLogsRequest): SubscriptionRequest {
  const s = request.selector;
  const selector: Selector = { serviceIds: s?.serviceIds ?? [], taskIds: s?.taskIds ?? [], nodeIds: s?.nodeIds ?? [] };
  if (selector.serviceIds.length + selector.taskIds.length + selector.nodeIds.length === 0) {
    throw new InvalidArgumentError("selector", "names no service, task or node");
  }
  for (const field of ["serviceIds", "taskIds", "nodeIds"] as const) {
    const ids = selector[field];
    if (ids.length > selectorIdsMax)
      throw new InvalidArgumentError(`selector.${field}`, `at most ${selectorIdsMax} ids`);
    ids.forEach((id, i) => {
      if (id === "") throw new InvalidArgumentError(`selector.${field}[${i}]`, "is empty");
    });
  }
  const o = request.options;
  (o?.streams ?? []).forEach((stream, i) => {
    if (!streams.has(Number(stream)))
      throw new InvalidArgumentError(`options.streams[${i}]`, `${String(stream)} is neither stdout nor stderr`);
  });
  if (o?.since) {
    const seconds = Number(o.since.seconds ?? 0);
    const nanos = Number(o.since.nanos ?? 0);
    if (seconds < 0) throw new InvalidArgumentError("options.since.seconds", "is before the epoch");
    if (nanos < 0 || nanos > 999_999_999)
      throw new InvalidArgumentError("options.since.nanos", "is outside 0..999999999");
  }
  const options: swarm.v1.LogSubscriptionOptions.$Properties = o
    ? {
        streams: o.streams ?? [],
        follow: o.follow === true,
        tail: Number(o.tail ?? 0),
        ...(o.since ? { since: o.since } : {}),
      }
    : { streams: [], follow: false, tail: -1 };
  return { selector, options };
}

/** Throws NotFoundError for the first selected service, task or node the store does not hold. */
export function checkSelected(tx: ReadTx, selector: Selector): void {
  for (const id of selector.serviceIds) if (!tx.get("service", id)) throw new NotFoundError("service", id);
  for (const id of selector.taskIds) if (!tx.get("task", id)) throw new NotFoundError("task", id);
  for (const id of selector.nodeIds) if (!tx.get("node", id)) throw new NotFoundError("node", id);
}

/** The nodes that run or ran a selected task (selected nodes included): those that hold its logs. */
export function nodesOf(tx: ReadTx, selector: Selector): Set<string> {
  const nodes = new Set<string>(selector.nodeIds);
  const add = (task: ObjectsByKind["task"] | undefined): void => {
    if (task?.nodeId) nodes.add(task.nodeId);
  };
  for (const id of selector.serviceIds) for (const task of tx.tasks({ serviceId: id })) add(task);
  for (const id of selector.taskIds) add(tx.get("task", id));
  return nodes;
}

/** Whether the selector picks the task (a task assigned later, for following subscriptions). */
export function taskSelected(selector: Selector, task: ObjectsByKind["task"]): boolean {
  return (
    selector.serviceIds.includes(task.serviceId ?? "") ||
    selector.taskIds.includes(task.id ?? "") ||
    selector.nodeIds.includes(task.nodeId ?? "")
  );
}
