// Secrets and configs by name and metadata (never their data), with the services that use them,
// and stacks: the services, secrets, configs and networks that carry one stack's namespace label.
import { msFromTimestamp } from "../../../common/index.js";
import type { swarm } from "../../../proto/index.js";
import type { DataView, ServiceView, StackView } from "../shared/view-models.js";
import { stackLabel } from "./service-views.js";
import type { StoreMirror } from "./store-mirror.js";

/** A secret's or config's view: name, labels, times and users; the data is never read. */
function dataView(
  object: swarm.v1.ISecret | swarm.v1.IConfig,
  usedBy: ReadonlyMap<string, readonly string[]>,
): DataView {
  const labels = object.spec?.annotations?.labels ?? {};
  return {
    id: object.id ?? "",
    name: object.spec?.annotations?.name ?? "",
    labels: { ...labels },
    createdMs: msFromTimestamp(object.meta?.createdAt),
    updatedMs: msFromTimestamp(object.meta?.updatedAt),
    usedBy: usedBy.get(object.id ?? "") ?? [],
    stack: labels[stackLabel] ?? "",
  };
}

/** The names of the services referencing each secret (or config) id. */
function users(mirror: StoreMirror, kind: "secret" | "config"): Map<string, string[]> {
  const byId = new Map<string, string[]>();
  for (const service of mirror.all("service").values()) {
    const container = service.spec?.task?.container;
    const refs: { secretId?: string | null; configId?: string | null }[] =
      (kind === "secret" ? container?.secrets : container?.configs) ?? [];
    const name = service.spec?.annotations?.name ?? "";
    for (const ref of refs) {
      const id = (kind === "secret" ? ref.secretId : ref.configId) ?? "";
      const list = byId.get(id) ?? [];
      if (!list.includes(name)) list.push(name);
      byId.set(id, list.sort());
    }
  }
  return byId;
}

/** Every secret's view (internal secrets, which the managers keep for themselves, left out). */
export function secretViews(mirror: StoreMirror): DataView[] {
  const usedBy = users(mirror, "secret");
  return [...mirror.all("secret").values()]
    .filter((s) => !s.internal)
    .map((s) => dataView(s, usedBy))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Every config's view. */
export function configViews(mirror: StoreMirror): DataView[] {
  const usedBy = users(mirror, "config");
  return [...mirror.all("config").values()]
    .map((c) => dataView(c, usedBy))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Every stack, from the namespace labels of services, secrets, configs and networks. */
export function stackViews(
  mirror: StoreMirror,
  services: readonly ServiceView[],
  secrets: readonly DataView[],
  configs: readonly DataView[],
): StackView[] {
  const stacks = new Map<
    string,
    { services: string[]; running: number; desired: number; secrets: number; configs: number; networks: number }
  >();
  const stack = (name: string) => {
    let s = stacks.get(name);
    if (!s) stacks.set(name, (s = { services: [], running: 0, desired: 0, secrets: 0, configs: 0, networks: 0 }));
    return s;
  };
  for (const s of services) {
    if (!s.stack) continue;
    const entry = stack(s.stack);
    entry.services.push(s.name);
    entry.running += s.replicas.running;
    entry.desired += s.replicas.desired;
  }
  for (const s of secrets) if (s.stack) stack(s.stack).secrets++;
  for (const c of configs) if (c.stack) stack(c.stack).configs++;
  for (const n of mirror.all("network").values()) {
    const name = n.spec?.annotations?.labels?.[stackLabel];
    if (name) stack(name).networks++;
  }
  return [...stacks]
    .map(([name, s]) => ({ name, ...s, services: s.services.sort() }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
