// Feeds the routing mesh the endpoint set the agent receives. Updates are applied one at a time
// (the mesh opens and closes listeners in update()), and while one is applied only the newest set
// waits: every set is complete, so the ones in between need not be applied at all.
import type { Agent } from "../worker/index.js";

/** The services of an endpoint set, as the agent hands them out. */
export type MeshServices = Parameters<Parameters<Agent["onEndpoints"]>[0]>[0];

/** What the node needs of a routing mesh (IngressMesh, or a stand-in in tests). */
export interface MeshSink {
  /** Replaces the whole endpoint set. */
  update(services: MeshServices): Promise<void>;
  /** Stops listening. */
  close(): Promise<void> | void;
}

/** Log sink of the feed. */
export type MeshFeedLog = (event: string, fields: Record<string, unknown>) => void;

/** Applies endpoint sets to a mesh in order, newest wins; returns a function that stops feeding and closes the mesh. */
export function feedMesh(
  agent: Pick<Agent, "onEndpoints" | "endpoints">,
  mesh: MeshSink,
  log: MeshFeedLog,
): () => Promise<void> {
  let waiting: MeshServices | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  const drain = async (): Promise<void> => {
    while (waiting !== null && !stopped) {
      const services = waiting;
      waiting = null;
      try {
        await mesh.update(services);
      } catch (error) {
        // A port the mesh cannot bind stays unanswered on this node; the next set retries it.
        log("mesh.update-failed", { error: String(error) });
      }
    }
    running = null;
  };
  const push = (services: MeshServices): void => {
    waiting = services;
    running ??= drain();
  };
  const unsubscribe = agent.onEndpoints(push);
  // A set may have arrived before the feed started.
  if (agent.endpoints().length > 0) push(agent.endpoints());
  return async () => {
    stopped = true;
    unsubscribe();
    await running;
    await mesh.close();
  };
}
