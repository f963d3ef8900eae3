// The task routes: list with every Docker filter, and inspect. As moby's daemon does, `service`
// and `node` filter values (ids, names or id prefixes) are resolved first, so an unknown one is a
// 404 and the manager lists only the tasks asked for; the progress bars' poll (`service` +
// `_up-to-date`, every 200 ms) thus costs two Control calls.
import type { swarm } from "../../proto/index.js";
import type { ClusterApi } from "../backend/cluster-client.js";
import { taskStates } from "../convert/enums.js";
import { type Filters, filterValues, parseFilters } from "../convert/filters.js";
import { taskFilterKeys, taskMatches } from "../convert/list-filters.js";
import { type NetworkLookup, taskOut } from "../convert/task-out.js";
import { ok, route, type Route } from "./route.js";

type Service = swarm.v1.Service.$Properties;

/** A lookup of the networks tasks attach to, fetched only when some task has an attachment. */
export async function networkLookupFor(
  cluster: ClusterApi,
  tasks: readonly swarm.v1.Task.$Properties[],
): Promise<NetworkLookup> {
  if (!tasks.some((t) => (t.networks?.length ?? 0) > 0)) return () => null;
  const { networks } = await cluster.control("listNetworks", {});
  const byId = new Map(networks.map((n) => [n.id ?? "", n]));
  return (id) => byId.get(id) ?? null;
}

/** The tasks selected by Docker task filters. */
export async function listTasks(cluster: ClusterApi, filters: Filters): Promise<swarm.v1.Task[]> {
  const services = new Map<string, Service>();
  const serviceIds: string[] = [];
  for (const ref of filterValues(filters, "service")) {
    const { service } = await cluster.control("getService", { serviceId: ref });
    services.set(service.id ?? "", service);
    serviceIds.push(service.id ?? "");
  }
  const nodeIds: string[] = [];
  for (const ref of filterValues(filters, "node"))
    nodeIds.push((await cluster.control("getNode", { nodeId: ref })).node.id ?? "");
  const desiredStates = filterValues(filters, "desired-state").map((v) => taskStates.parse("filters.desired-state", v));
  const { tasks } = await cluster.control("listTasks", {
    filters: {
      ...(serviceIds.length > 0 ? { serviceIds } : {}),
      ...(nodeIds.length > 0 ? { nodeIds } : {}),
      ...(desiredStates.length > 0 ? { desiredStates } : {}),
    },
  });
  // `_up-to-date` needs each task's service; fetch them all once unless the filter named them.
  if (filterValues(filters, "_up-to-date").length > 0 && serviceIds.length === 0)
    for (const s of (await cluster.control("listServices", {})).services) services.set(s.id ?? "", s);
  return tasks.filter((task) =>
    taskMatches(filters, task, {
      service: (id) => services.get(id) ?? null,
      serviceIds: () => serviceIds,
      nodeIds: () => nodeIds,
    }),
  );
}

/** The task routes. */
export const taskRoutes: readonly Route[] = [
  route("GET", /^\/tasks$/, true, async (context, { cluster }) => {
    const tasks = await listTasks(cluster, parseFilters(context.query.get("filters"), taskFilterKeys));
    const networks = await networkLookupFor(cluster, tasks);
    return ok(tasks.map((t) => taskOut(t, networks)));
  }),
  route("GET", /^\/tasks\/([^/]+)$/, true, async (context, { cluster }) => {
    const { task } = await cluster.control("getTask", { taskId: context.params[0] ?? "" });
    return ok(taskOut(task, await networkLookupFor(cluster, [task])));
  }),
];
