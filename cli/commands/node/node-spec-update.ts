// A change of a node's spec as operators expect `docker node update` to make it: read the node,
// apply the change, write it back with the version read. The node object also changes under
// the operator's feet (a session reopens, a promotion completes, a certificate is renewed), so a
// write refused as out of sequence is retried on a fresh read, a few times.
import * as grpc from "@grpc/grpc-js";
import { errorCodeTrailer } from "../../../common/index.js";
import { swarm } from "../../../proto/index.js";
import type { Connection } from "../../client/connection.js";

/** Attempts at one node change before an out-of-sequence refusal is reported to the operator. */
export const nodeUpdateAttemptsMax = 5;
/** Pause before the second attempt, in ms; it grows by this much with each attempt after. */
export const nodeUpdateRetryStepMs = 50;

/**
 * Applies a change to a copy of the node's spec (given the node as read); returns false when
 * there is nothing to change (the node already is as asked), and then nothing is written.
 */
export type NodeSpecChange = (spec: swarm.v1.NodeSpec.$Properties, node: swarm.v1.Node) => boolean;

/** What changed: whether a write was made (false: the node already was as asked). */
export type NodeSpecUpdateOutcome = { readonly written: boolean; readonly node: swarm.v1.Node };

/** Whether a Control call failed because the object was written since it was read. */
export function isSequenceConflict(error: unknown): boolean {
  const status = error as Partial<grpc.ServiceError> | null;
  return (
    status?.code === grpc.status.FAILED_PRECONDITION &&
    status.metadata?.get(errorCodeTrailer)[0] === "SEQUENCE_CONFLICT"
  );
}

/**
 * Reads the node an operator named, applies `change` to its spec and writes it with the version
 * read; on an out-of-sequence refusal, reads it again and re-applies the change, at most
 * nodeUpdateAttemptsMax times in all. Any other error, or the last refusal, is thrown.
 */
export async function updateNodeSpec(
  connection: Pick<Connection, "call">,
  ref: string,
  change: NodeSpecChange,
): Promise<NodeSpecUpdateOutcome> {
  for (let attempt = 1; ; attempt++) {
    const { node } = await connection.call("getNode", { nodeId: ref });
    const spec = swarm.v1.NodeSpec.toObject(node.spec ?? new swarm.v1.NodeSpec(), {
      longs: Number,
    }) as swarm.v1.NodeSpec.$Properties;
    if (!change(spec, node)) return { written: false, node };
    try {
      await connection.call("updateNode", { nodeId: node.id, nodeVersion: node.meta?.version ?? {}, spec });
      return { written: true, node };
    } catch (error) {
      if (!isSequenceConflict(error) || attempt >= nodeUpdateAttemptsMax) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, nodeUpdateRetryStepMs * attempt));
  }
}
