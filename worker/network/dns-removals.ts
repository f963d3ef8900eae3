// The names a node's DNS server may drop before the pass that programs a view: what a newer view
// no longer has. A task that failed leaves the view, and answering its address until the pass
// ends (its links, bridge entries and rules first, behind a pass that may be running) sends
// clients to a dead address for that long. What a view adds waits for the pass instead: a name
// answered before its VIP or its peer entries exist would lead clients nowhere.
import type { NetworkService, NetworkTask, OverlayNetwork, ServiceBackend } from "./view.js";

/** Whether two string lists hold the same strings. */
function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x));
}

/**
 * `served` (the networks the DNS server answers from) less whatever `latest` no longer has: a
 * network gone from it, a task or a backend gone or moved to another address, a service gone or
 * changed, an alias dropped. A backend keeps the stricter of its two states (out of DNS when
 * either view says unhealthy or draining). Nothing is added.
 */
export function withoutRemoved(served: readonly OverlayNetwork[], latest: readonly OverlayNetwork[]): OverlayNetwork[] {
  const latestById = new Map(latest.map((n) => [n.id, n]));
  const kept: OverlayNetwork[] = [];
  for (const net of served) {
    const now = latestById.get(net.id);
    if (now === undefined || now.name !== net.name || now.self.addr !== net.self.addr) continue;
    const nowTasks = new Map(now.tasks.map((t) => [t.taskId, t]));
    const tasks: NetworkTask[] = [];
    for (const t of net.tasks) {
      const n = nowTasks.get(t.taskId);
      if (n === undefined || n.addr !== t.addr || n.name !== t.name || n.serviceId !== t.serviceId) continue;
      tasks.push({ ...t, aliases: t.aliases.filter((a) => n.aliases.includes(a)) });
    }
    const nowServices = new Map(now.services.map((s) => [s.id, s]));
    const services: NetworkService[] = [];
    for (const s of net.services) {
      const n = nowServices.get(s.id);
      if (n === undefined || n.name !== s.name || n.mode !== s.mode || n.vip !== s.vip) continue;
      const nowBackends = new Map(n.backends.map((b) => [b.taskId, b]));
      const backends: ServiceBackend[] = [];
      for (const b of s.backends) {
        const nb = nowBackends.get(b.taskId);
        if (nb === undefined || nb.addr !== b.addr) continue;
        backends.push({ ...b, healthy: b.healthy && nb.healthy, draining: b.draining || nb.draining });
      }
      services.push({ ...s, aliases: s.aliases.filter((a) => n.aliases.includes(a)), backends });
    }
    kept.push({ ...net, tasks, services });
  }
  return kept;
}

/** Whether {@link withoutRemoved} would drop nothing: same networks, tasks, services and backends. */
export function removesNothing(served: readonly OverlayNetwork[], kept: readonly OverlayNetwork[]): boolean {
  if (served.length !== kept.length) return false;
  return served.every((net, i) => {
    const k = kept[i]!;
    return (
      k.tasks.length === net.tasks.length &&
      k.tasks.every((t, j) => sameStrings(t.aliases, net.tasks[j]!.aliases)) &&
      k.services.length === net.services.length &&
      k.services.every((s, j) => {
        const before = net.services[j]!;
        return (
          sameStrings(s.aliases, before.aliases) &&
          s.backends.length === before.backends.length &&
          s.backends.every(
            (b, m) => b.healthy === before.backends[m]!.healthy && b.draining === before.backends[m]!.draining,
          )
        );
      })
    );
  });
}
