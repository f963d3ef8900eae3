// Names that tell nodes apart: the hostname, with the node's address where another node shares
// the hostname (several nodes on one machine, or cloned machines).
import type { NodeView } from "../shared/view-models.js";

/** Each node's label by id. */
export function nodeLabels(nodes: Iterable<NodeView>): Map<string, string> {
  const list = [...nodes];
  const count = new Map<string, number>();
  for (const n of list) count.set(n.hostname, (count.get(n.hostname) ?? 0) + 1);
  return new Map(
    list.map((n) => [n.id, count.get(n.hostname)! > 1 ? `${n.hostname} (${n.addr || n.id.slice(0, 12)})` : n.hostname]),
  );
}

/** A node named without ambiguity, for a dialog: "vm (10.0.0.5)". */
export function nodeFullName(node: NodeView): string {
  return `${node.hostname} (${node.addr || node.id.slice(0, 12)})`;
}
