// Summarises a V8 .cpuprofile (node --cpu-prof) into the functions with the most self time, or
// into the causes of the time (the nearest function of our own code on each sampled stack), so a
// benchmark can say where the time went without opening a profiler.
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

/** One function's share of a profile. */
export interface ProfileLine {
  /** Function name and source location (file:line, 1-based). */
  readonly where: string;
  /** Self time (or, by cause, the time attributed to it), ms. */
  readonly selfMs: number;
}

/**
 * Part of a profile to count, in µs of the monotonic clock that V8 stamps its samples with (the
 * one `process.hrtime` reads on Linux), so another process can say which part it means.
 */
export interface ProfileWindow {
  readonly fromUs: number;
  readonly toUs: number;
}

/** Samples the V8 profiler counts as the process waiting, not working. */
const idleFrameName = "(idle)";

function frameText(frame: ProfileNode["callFrame"]): string {
  const file = frame.url.replace(/^file:\/\//, "").replace(/^.*\/(work\/main|work\/wt\/[^/]+)\//, "");
  return `${frame.functionName || "(anonymous)"} ${file}:${frame.lineNumber + 1}`;
}

/** Adds each counted sample's time (µs) to the key that keyOf gives its node. */
function tally(
  path: string,
  window: ProfileWindow | undefined,
  keyOf: (node: ProfileNode, parents: ReadonlyMap<number, ProfileNode>) => string | null,
): Map<string, number> {
  const profile = JSON.parse(readFileSync(path, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, ProfileNode>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parents.set(c, n);
  const us = new Map<string, number>();
  let atUs = profile.startTime;
  for (const [i, id] of profile.samples.entries()) {
    const delta = profile.timeDeltas[i] ?? 0;
    atUs += delta;
    if (window && (atUs < window.fromUs || atUs > window.toUs)) continue;
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === idleFrameName) continue;
    const key = keyOf(node, parents);
    if (key !== null) us.set(key, (us.get(key) ?? 0) + delta);
  }
  return us;
}

function topLines(us: Map<string, number>, count: number): ProfileLine[] {
  return [...us]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([where, t]) => ({ where, selfMs: t / 1000 }));
}

/** The `count` functions with the most self time in a .cpuprofile file (idle samples left out). */
export function cpuProfileTop(path: string, count = 15, window?: ProfileWindow): ProfileLine[] {
  return topLines(
    tally(path, window, (node) => frameText(node.callFrame)),
    count,
  );
}

/**
 * The `count` largest causes in a .cpuprofile file: each sample's time goes to the innermost
 * frame of our own code on its stack (not node_modules, not Node's internals), so the time grpc-js
 * or the runtime spends on behalf of a timer or a call lands on the function that asked for it.
 * Samples with no own frame (garbage collection, the event loop, Node internals) keep their own name.
 */
export function cpuProfileByCause(path: string, count = 15, window?: ProfileWindow): ProfileLine[] {
  const own = (url: string): boolean => url.startsWith("file://") && !url.includes("/node_modules/");
  return topLines(
    tally(path, window, (node, parents) => {
      for (let n: ProfileNode | undefined = node; n; n = parents.get(n.id)) {
        if (own(n.callFrame.url)) return frameText(n.callFrame);
      }
      return frameText(node.callFrame);
    }),
    count,
  );
}
