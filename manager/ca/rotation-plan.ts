// The decisions of a root rotation, as a pure function of the cluster's nodes and the time: which
// nodes to tell to renew now (certificate status ROTATE), and whether every node holds a
// certificate of the new root so the old one can be retired. The reconciler
// (root-rotation-reconciler.ts) feeds it the store and carries out its plan; tests feed it nodes
// and a fake time.
import { swarm } from "../../proto/index.js";
import type { ObjectsByKind } from "../store/index.js";
import { type IssuerInfo, sameIssuer } from "./tls-info.js";

type Node = ObjectsByKind["node"];

/** Nodes told to renew at a time (ROTATE, not yet moved, not down), so a large cluster does not renew all at once. */
export const rotationInFlightMax = 64;
/**
 * How long a node that was told to renew (or whose certificate the CA already signed with the new
 * root) may take to report the new issuer before it is told again, in ms: the node may have
 * crashed between the signing and keeping its certificate, or missed the node update.
 */
export const rotationReportGraceMs = 30_000;

/** Where one node stands in the rotation. */
export type NodeRotationState = "rotated" | "renewing" | "waiting" | "down";

/** What to do next. */
export interface RotationPlan {
  /** Node ids whose certificate status must become ROTATE now. */
  readonly markRotate: readonly string[];
  /** Every node reports a certificate of the new root: the rotation can end. */
  readonly complete: boolean;
  /** Nodes that report a certificate of the new root. */
  readonly rotated: number;
  /** Nodes in the cluster. */
  readonly total: number;
  /** Each node's state, by id. */
  readonly states: ReadonlyMap<string, NodeRotationState>;
}

/** What {@link planRootRotation} needs. */
export interface RotationInput {
  /** Every node record. */
  readonly nodes: readonly Node[];
  /** The new root as an issuer (its subject and key). */
  readonly newIssuer: IssuerInfo;
  /** Now, ms. */
  readonly now: number;
  /**
   * When each node was last told to renew, or last renewed without reporting yet (ms), as the
   * reconciler remembers it; a node missing here counts as told long ago.
   */
  readonly toldAt: ReadonlyMap<string, number>;
  /** Whether the CA already signed this node's recorded certificate with the new root. */
  readonly issuedByNewRoot: (node: Node) => boolean;
}

/** The next step of a root rotation. */
export function planRootRotation(input: RotationInput): RotationPlan {
  const states = new Map<string, NodeRotationState>();
  const due: Node[] = [];
  let inFlight = 0;
  let rotated = 0;
  for (const node of input.nodes) {
    const id = node.id ?? "";
    if (sameIssuer(node.description?.tlsInfo, input.newIssuer)) {
      states.set(id, "rotated");
      rotated += 1;
      continue;
    }
    if (Number(node.status?.state ?? 0) === Number(swarm.v1.NodeStatus.State.STATE_DOWN)) {
      // A node that is down cannot renew; it blocks the end of the rotation until it comes back or is removed.
      states.set(id, "down");
      continue;
    }
    const status = Number(node.certificate?.status ?? 0);
    const told = input.toldAt.get(id);
    const recent = told !== undefined && input.now - told < rotationReportGraceMs;
    const busy = status === Number(swarm.v1.Certificate.Status.STATUS_ROTATE) || input.issuedByNewRoot(node);
    if (busy && recent) {
      states.set(id, "renewing");
      inFlight += 1;
      continue;
    }
    states.set(id, "waiting");
    due.push(node);
  }
  const room = Math.max(0, rotationInFlightMax - inFlight);
  const markRotate = due.slice(0, room).map((n) => n.id ?? "");
  for (const id of markRotate) states.set(id, "renewing");
  return {
    markRotate,
    complete: input.nodes.length > 0 && rotated === input.nodes.length,
    rotated,
    total: input.nodes.length,
    states,
  };
}
