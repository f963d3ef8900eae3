// The leader's side of a root rotation (SwarmKit's ca/reconciler.go): while the cluster object
// holds a rotation, it tells the nodes that still use a certificate of the old root to renew (their
// certificate status becomes ROTATE, which reaches each node on its session), and once every node
// reports a certificate issued by the new root it retires the old one: the new root becomes the
// cluster's root, its key the signing key, the join tokens carry the new root's digest, and the
// rotation is cleared. Everything it needs is in the store, so a new leader carries on where the
// last one stopped.
import { caDigest, type Clock, joinTokenPrefix, realClock } from "../../common/index.js";
import { swarm } from "../../proto/index.js";
import { CoalescedPass, type LeaderComponent, runWatching } from "../component.js";
import type { MemoryStore, ObjectsByKind } from "../store/index.js";
import { planRootRotation, rotationReportGraceMs, type RotationPlan } from "./rotation-plan.js";
import { rotationInProgress } from "./signing-root.js";
import { issuerOfCa, issuerOfLeaf, sameIssuer } from "./tls-info.js";

type Cluster = ObjectsByKind["cluster"];
type Node = ObjectsByKind["node"];

/** Node records written per transaction when telling nodes to renew. */
export const rotationWritesPerTxMax = 32;

/** A join token with the same secret for another root: the digest part is replaced. */
export function tokenForRoot(token: string, rootPem: Uint8Array): string {
  const secret = token.slice(token.lastIndexOf("-") + 1);
  return `${joinTokenPrefix}${caDigest(rootPem)}-${secret}`;
}

/** The cluster object once its rotation is over: the new root is the root, the tokens name it. */
export function finishedRotation(cluster: Cluster): Cluster {
  const rotation = cluster.rootRotation!;
  const root = rotation.caCertPem!;
  const { rootRotation: _done, ...rest } = cluster;
  return {
    ...rest,
    rootCaCertPem: root,
    rootCaKeyPem: rotation.caKeyPem ?? new Uint8Array(),
    joinTokens: {
      worker: tokenForRoot(cluster.joinTokens?.worker ?? "", root),
      manager: tokenForRoot(cluster.joinTokens?.manager ?? "", root),
    },
  };
}

/** Drives root rotations on the leader. */
export class RootRotationReconciler implements LeaderComponent {
  private readonly pass = new CoalescedPass(() => this.reconcile());
  private readonly clock: Clock;
  /** When each node was told to renew (or seen renewed, not yet reported), ms; for this leader's term only. */
  private readonly toldAt = new Map<string, number>();
  private cancelTimer: (() => void) | null = null;
  /** The last plan, for progress in logs and tests. */
  lastPlan: RotationPlan | null = null;

  constructor(
    private readonly store: MemoryStore,
    options: { clock?: Clock } = {},
  ) {
    this.clock = options.clock ?? realClock;
  }

  /** Runs until leadership is lost. */
  async run(signal: AbortSignal): Promise<void> {
    await runWatching(this.store, signal, this.pass, (commit) => {
      if (commit.events.some((e) => e.kind === "cluster" || e.kind === "node")) this.pass.request();
    });
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  /** One pass: plan, tell nodes, finish when every node moved. Exposed for tests. */
  async reconcile(): Promise<void> {
    const { cluster, nodes } = this.store.view((tx) => ({ cluster: tx.all("cluster")[0], nodes: tx.all("node") }));
    if (!cluster || !rotationInProgress(cluster)) {
      this.toldAt.clear();
      this.lastPlan = null;
      return;
    }
    const rotation = cluster.rootRotation!;
    const newIssuer = issuerOfCa(rotation.caCertPem!);
    const bundle = Buffer.concat([cluster.rootCaCertPem ?? new Uint8Array(), rotation.caCertPem!]);
    const issuedByNewRoot = (node: Node): boolean => {
      const pem = node.certificate?.certificatePem;
      if (!pem || pem.length === 0) return false;
      try {
        return sameIssuer(issuerOfLeaf(pem, bundle), newIssuer);
      } catch {
        return false;
      }
    };
    const now = this.clock.now();
    for (const node of nodes)
      if (!this.toldAt.has(node.id ?? "") && issuedByNewRoot(node)) this.toldAt.set(node.id ?? "", now);
    const plan = planRootRotation({ nodes, newIssuer, now, toldAt: this.toldAt, issuedByNewRoot });
    this.lastPlan = plan;
    if (plan.complete) {
      await this.store
        .update((tx) => {
          const latest = tx.get("cluster", cluster.id ?? "");
          // Another rotation may have replaced this one meanwhile: only this one ends here.
          if (!latest?.rootRotation || !Buffer.from(latest.rootRotation.caCertPem ?? []).equals(rotation.caCertPem!))
            return;
          tx.update("cluster", finishedRotation(latest));
        })
        .catch(() => undefined);
      this.toldAt.clear();
      return;
    }
    for (let i = 0; i < plan.markRotate.length; i += rotationWritesPerTxMax) {
      const batch = plan.markRotate.slice(i, i + rotationWritesPerTxMax);
      try {
        await this.store.update((tx) => {
          for (const id of batch) {
            const node = tx.get("node", id);
            if (!node) continue;
            // The message changes with every telling, so a node told again hears it again.
            tx.update("node", {
              ...node,
              certificate: {
                ...node.certificate,
                status: swarm.v1.Certificate.Status.STATUS_ROTATE,
                message: `root rotation: renew (told at ${new Date(now).toISOString()})`,
              },
            });
          }
        });
        for (const id of batch) this.toldAt.set(id, now);
      } catch {
        // Lost leadership or a concurrent write: the next pass (or leader) tells them.
        break;
      }
    }
    // Nodes that do not report within the grace are told again, commits or not.
    this.cancelTimer?.();
    this.cancelTimer = this.clock.after(
      rotationReportGraceMs,
      () => {
        this.cancelTimer = null;
        this.pass.request();
      },
      { keepAlive: false },
    );
  }
}
