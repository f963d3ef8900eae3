// Ingress ports are cluster-wide: every node answers on them, so two services can never publish
// the same one, and the manager refuses the second. A stack is checked for such clashes before
// anything is created: between its own services when the file is loaded (with both lines), and
// against the rest of the cluster when the deploy is planned, by running the plan's actions over
// the cluster's table of published ports in the order the deploy will take them.
import { swarm } from "../../proto/index.js";
import type { ConvertContext } from "./convert-context.js";
import type { StackService } from "./model.js";
import { StackFileError, type SourcePos } from "./stack-file-error.js";

const P = swarm.v1.PortConfig;

/** "8080/tcp": a published port as operators write it. */
function portName(protocol: number, port: number): string {
  return `${port}/${protocol === Number(P.Protocol.PROTOCOL_UDP) ? "udp" : "tcp"}`;
}

/** The ingress ports a spec publishes with a fixed number, by index in its port list. */
function fixedIngressPorts(spec: swarm.v1.ServiceSpec.$Properties): { index: number; key: string }[] {
  const out: { index: number; key: string }[] = [];
  (spec.endpoint?.ports ?? []).forEach((p, index) => {
    const mode = Number(p.publishMode ?? P.PublishMode.PUBLISH_MODE_INGRESS);
    if (mode === Number(P.PublishMode.PUBLISH_MODE_INGRESS) && (p.publishedPort ?? 0) > 0)
      out.push({ index, key: portName(Number(p.protocol ?? 0), p.publishedPort ?? 0) });
  });
  return out;
}

/** Refuses a loaded stack whose services publish one ingress port twice, naming both places. */
export function checkStackPorts(ctx: ConvertContext, services: readonly StackService[]): void {
  const taken = new Map<string, { service: string; at: SourcePos | undefined }>();
  for (const service of services) {
    for (const { index, key } of fixedIngressPorts(service.spec)) {
      const path = ["services", service.name, "ports", index];
      const holder = taken.get(key);
      if (holder) {
        const where = holder.at ? ` (${holder.at.file}:${holder.at.line})` : "";
        ctx.fail(path, `port ${key} is already published by service ${holder.service}${where}`);
      }
      taken.set(key, { service: service.name, at: ctx.at(path) });
    }
  }
}

/** One service's step of a deploy, as far as ports go. */
export interface PortStep {
  /** Remove (releases its ports), or create/update with `spec` (an update releases the old ones first). */
  readonly kind: "remove" | "create" | "update";
  /** The cluster name. */
  readonly name: string;
  /** The Compose key, for the error's path (absent for removals). */
  readonly key?: string;
  /** The new spec of a create or update. */
  readonly spec?: swarm.v1.ServiceSpec.$Properties;
}

/**
 * Runs `steps` (in the deploy's order) over the ingress ports the cluster's services hold now and
 * refuses the first step that would take a port another service still holds.
 */
export function checkClusterPorts(current: readonly swarm.v1.Service.$Properties[], steps: readonly PortStep[]): void {
  const holders = new Map<string, string>();
  for (const service of current) {
    for (const p of service.endpoint?.ports ?? []) {
      const mode = Number(p.publishMode ?? P.PublishMode.PUBLISH_MODE_INGRESS);
      if (mode === Number(P.PublishMode.PUBLISH_MODE_INGRESS) && (p.publishedPort ?? 0) > 0)
        holders.set(portName(Number(p.protocol ?? 0), p.publishedPort ?? 0), service.spec?.annotations?.name ?? "");
    }
  }
  for (const step of steps) {
    if (step.kind !== "create")
      for (const [port, holder] of [...holders]) if (holder === step.name) holders.delete(port);
    if (!step.spec) continue;
    for (const { index, key } of fixedIngressPorts(step.spec)) {
      const holder = holders.get(key);
      if (holder !== undefined && holder !== step.name)
        throw new StackFileError(
          undefined,
          ["services", step.key ?? step.name, "ports", index],
          `port ${key} is already published by service ${holder}`,
        );
      holders.set(key, step.name);
    }
  }
}
