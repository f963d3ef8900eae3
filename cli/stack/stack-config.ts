// `stack config`: the stack as the deploy reads it, printed as YAML, as `docker stack config` does:
// the files merged in order, variables interpolated, short forms in their long forms, services
// outside the active profiles left out.
import { stringify } from "yaml";

/** Top-level keys in the order Compose files usually list them; others follow, sorted. */
const topLevelOrder = ["version", "name", "services", "networks", "volumes", "secrets", "configs"];

/** The merged tree as YAML. */
export function stackConfigText(tree: Readonly<Record<string, unknown>>): string {
  const keys = [
    ...topLevelOrder.filter((k) => k in tree),
    ...Object.keys(tree)
      .filter((k) => !topLevelOrder.includes(k))
      .sort(),
  ];
  const ordered: Record<string, unknown> = {};
  for (const k of keys) ordered[k] = tree[k];
  // No anchors: a value used twice is printed twice, as the deploy reads it.
  return stringify(ordered, { lineWidth: 0, aliasDuplicateObjects: false, indent: 2 });
}
