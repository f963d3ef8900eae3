// Summarises a V8 .cpuprofile (node --cpu-prof) into the functions with the most self time, so a
// benchmark can say where the time went without opening a profiler.
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** One function's share of a profile. */
export interface ProfileLine {
  /** Function name and source location (file:line, 1-based). */
  readonly where: string;
  /** Self time, ms. */
  readonly selfMs: number;
}

/** The `count` functions with the most self time in a .cpuprofile file. */
export function cpuProfileTop(path: string, count = 15): ProfileLine[] {
  const profile = JSON.parse(readFileSync(path, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<string, number>();
  for (const [i, id] of profile.samples.entries()) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const file = frame.url.replace(/^file:\/\//, "").replace(/^.*\/work\/main\//, "");
    const where = `${frame.functionName || "(anonymous)"} ${file}:${frame.lineNumber + 1}`;
    selfUs.set(where, (selfUs.get(where) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  return [...selfUs]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([where, us]) => ({ where, selfMs: us / 1000 }));
}
