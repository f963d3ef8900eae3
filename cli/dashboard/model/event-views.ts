// The events feed: each applied change as one line of words, as an operator reads `swarmctl
// events`, with what changed where the object before the change tells it ("web.2: starting →
// running", "replicas 3 → 5", "availability active → drain").
import type { swarm } from "../../../proto/index.js";
import { taskDisplayName } from "../../commands/service/service-view.js";
import type { EventView } from "../shared/view-models.js";
import { availabilityName, nodeStateName, taskStateName, updateStateName } from "./enum-names.js";
import { hostnameOf } from "./node-views.js";
import type { MirrorChange, MirrorObjects } from "./store-mirror.js";

/** The event of one applied change, numbered `seq` and stamped `atMs`. */
export function eventView(change: MirrorChange, seq: number, atMs: number): EventView {
  return {
    seq,
    atMs,
    kind: change.kind,
    action: change.action,
    id: change.object.id ?? "",
    name: nameOf(change),
    text: describe(change),
  };
}

function nameOf(change: MirrorChange): string {
  switch (change.kind) {
    case "task":
      return taskDisplayName(change.object as swarm.v1.Task.$Properties);
    case "node":
      return hostnameOf(change.object as MirrorObjects["node"]);
    default: {
      const object = change.object as { spec?: { annotations?: { name?: string | null } | null } | null };
      return object.spec?.annotations?.name ?? "";
    }
  }
}

function describe(change: MirrorChange): string {
  if (change.action !== "update" || !change.old) return change.action === "create" ? "created" : "removed";
  const parts: string[] = [];
  const moved = (what: string, before: string, after: string): void => {
    if (before !== after) parts.push(`${what}${before} → ${after}`);
  };
  switch (change.kind) {
    case "task": {
      const [old, now] = [change.old as MirrorObjects["task"], change.object as MirrorObjects["task"]];
      moved("", taskStateName(old.status?.state), taskStateName(now.status?.state));
      moved("desired ", taskStateName(old.desiredState), taskStateName(now.desiredState));
      if (now.status?.err && now.status.err !== old.status?.err) parts.push(`error: ${now.status.err}`);
      break;
    }
    case "service": {
      const [old, now] = [change.old as MirrorObjects["service"], change.object as MirrorObjects["service"]];
      moved("replicas ", String(old.spec?.replicated?.replicas ?? "-"), String(now.spec?.replicated?.replicas ?? "-"));
      moved("image ", old.spec?.task?.container?.image ?? "", now.spec?.task?.container?.image ?? "");
      moved(
        "update ",
        updateStateName(old.updateStatus?.state) || "none",
        updateStateName(now.updateStatus?.state) || "none",
      );
      if (Number(now.spec?.task?.forceUpdate ?? 0) !== Number(old.spec?.task?.forceUpdate ?? 0))
        parts.push("forced update");
      break;
    }
    case "node": {
      const [old, now] = [change.old as MirrorObjects["node"], change.object as MirrorObjects["node"]];
      moved("", nodeStateName(old.status?.state), nodeStateName(now.status?.state));
      moved("availability ", availabilityName(old.spec?.availability), availabilityName(now.spec?.availability));
      moved("role ", Number(old.role ?? 0) ? "manager" : "worker", Number(now.role ?? 0) ? "manager" : "worker");
      moved("leader ", String(Boolean(old.managerStatus?.leader)), String(Boolean(now.managerStatus?.leader)));
      break;
    }
    case "secret":
    case "config":
    case "network":
    case "cluster":
      break;
  }
  return parts.length ? parts.join(", ") : "updated";
}
