// `swarmd --node-generic-resource KIND=VALUE[,KIND=VALUE…]` (repeatable), as dockerd's
// `--node-generic-resource`: the node's generic resources (GPUs, FPGAs…). A whole-number value is an
// amount of the kind ("ssd=3"); any other value names one unit ("gpu=GPU-9d3f…"), and a kind given
// several names has that many units.
import { InvalidArgumentError } from "../../common/index.js";
import type { swarm } from "../../proto/index.js";

/** Most generic resource entries one node may advertise (the dispatcher bounds reports at 256). */
export const nodeGenericResourcesMax = 256;

/** Longest kind or unit name, in bytes (UTF-8), as the dispatcher bounds a report's fields. */
export const nodeGenericResourceBytesMax = 256;

/** Largest amount of one counted kind. */
export const nodeGenericResourceCountMax = 1_000_000;

// Kinds become environment variable names (DOCKER_RESOURCE_<KIND>), so they are kept to what a name may hold.
const kindPattern = /^[A-Za-z0-9_.-]+$/;

/** Parses the flags' values into generic resources, in the order given; throws InvalidArgumentError naming the flag. */
export function parseNodeGenericResources(texts: readonly string[]): swarm.v1.GenericResource.$Properties[] {
  const flag = "node-generic-resource";
  const out: swarm.v1.GenericResource.$Properties[] = [];
  const seen = new Set<string>();
  for (const item of texts.flatMap((t) => t.split(",")).map((t) => t.trim())) {
    if (item === "") continue;
    const at = item.indexOf("=");
    const kind = at === -1 ? "" : item.slice(0, at);
    const value = at === -1 ? "" : item.slice(at + 1);
    if (!kind || !value) throw new InvalidArgumentError(flag, `"${item}": give KIND=NAME or KIND=COUNT`);
    if (!kindPattern.test(kind))
      throw new InvalidArgumentError(flag, `"${kind}": a kind is letters, digits, dots, dashes and underscores`);
    if (Buffer.byteLength(kind) > nodeGenericResourceBytesMax || Buffer.byteLength(value) > nodeGenericResourceBytesMax)
      throw new InvalidArgumentError(
        flag,
        `"${item}": kinds and names are at most ${nodeGenericResourceBytesMax} bytes`,
      );
    if (/^\d+$/.test(value)) {
      const count = Number(value);
      if (count < 1 || count > nodeGenericResourceCountMax)
        throw new InvalidArgumentError(flag, `"${item}": an amount is 1 to ${nodeGenericResourceCountMax}`);
      if (seen.has(`count\u0000${kind}`)) throw new InvalidArgumentError(flag, `"${kind}" is counted twice`);
      seen.add(`count\u0000${kind}`);
      out.push({ kind, count });
    } else {
      if (seen.has(`name\u0000${kind}\u0000${value}`)) throw new InvalidArgumentError(flag, `"${item}" is given twice`);
      seen.add(`name\u0000${kind}\u0000${value}`);
      out.push({ kind, value });
    }
  }
  if (out.length > nodeGenericResourcesMax)
    throw new InvalidArgumentError(flag, `at most ${nodeGenericResourcesMax} resources`);
  return out;
}
