// Nodes between Docker's JSON and swarm-ts's proto: the node object (`GET /nodes`), its spec
// (`POST /nodes/{id}/update`, which carries the whole spec) and the list filters, where `label`
// means engine labels and `node.label` the operator's node labels, as Docker defines them.
import { swarm } from "../../proto/index.js";
import { InvalidFieldError } from "../http-error.js";
import { nodeAvailabilities, nodeRoles, nodeStates, reachabilities } from "./enums.js";
import { type Filters, filterValues, matchAny, matchLabels } from "./filters.js";
import { type JsonOut, labelsOut, omitEmpty, omitEmptyMap } from "./go-json.js";
import type { JsonObject } from "./json-reader.js";
import { metaOut } from "./service-out.js";
import { genericResourceOut } from "./task-spec-out.js";

type Node = swarm.v1.Node.$Properties;

/** Filter keys of `GET /nodes`. */
export const nodeFilterKeys = ["id", "label", "name", "node.label", "membership", "role"] as const;

/** Docker's TLSInfo: the cluster's root certificate and its issuer's subject and key (DER, base64). */
export interface TlsInfo {
  readonly TrustRoot: string;
  readonly CertIssuerSubject: string;
  readonly CertIssuerPublicKey: string;
}

/** The name Docker shows for a node: its spec name, else its hostname. */
export function nodeName(node: Node): string {
  return node.spec?.annotations?.name || node.description?.hostname || "";
}

/** Docker's Node for a stored node. */
export function nodeOut(node: Node, tlsInfo: TlsInfo | null): JsonOut {
  const d = node.description;
  const manager = node.managerStatus;
  return {
    ID: node.id ?? "",
    ...metaOut(node.meta),
    Spec: {
      Name: omitEmpty(node.spec?.annotations?.name),
      Labels: labelsOut(node.spec?.annotations?.labels),
      Role: nodeRoles.format(node.spec?.desiredRole),
      Availability: nodeAvailabilities.format(node.spec?.availability),
    },
    Description: {
      Hostname: omitEmpty(d?.hostname),
      Platform: { Architecture: omitEmpty(d?.platform?.architecture), OS: omitEmpty(d?.platform?.os) },
      Resources: {
        NanoCPUs: omitEmpty(Number(d?.resources?.nanoCpus ?? 0)),
        MemoryBytes: omitEmpty(Number(d?.resources?.memoryBytes ?? 0)),
        GenericResources: omitEmpty((d?.resources?.generic ?? []).map(genericResourceOut)),
      },
      Engine: {
        EngineVersion: omitEmpty(d?.engine?.engineVersion),
        Labels: omitEmptyMap(d?.engine?.labels),
        Plugins: omitEmpty(
          (d?.engine?.plugins ?? []).map((p) => ({ Type: omitEmpty(p.type), Name: omitEmpty(p.name) })),
        ),
      },
      TLSInfo: tlsInfo ?? undefined,
    },
    Status: {
      State: nodeStates.format(node.status?.state),
      Message: omitEmpty(node.status?.message),
      Addr: omitEmpty(node.status?.addr),
    },
    ManagerStatus:
      manager && Number(node.role ?? 0) === Number(swarm.v1.NodeSpec.Role.ROLE_MANAGER)
        ? {
            Leader: omitEmpty(manager.leader),
            Reachability: reachabilities.format(manager.reachability),
            Addr: omitEmpty(manager.addr),
          }
        : undefined,
  };
}

/** Converts the NodeSpec body of `POST /nodes/{id}/update`. */
export function nodeSpecIn(o: JsonObject): swarm.v1.NodeSpec.$Properties {
  const spec = {
    annotations: { name: o.string("Name"), labels: o.stringMap("Labels") },
    desiredRole: nodeRoles.parse(o.field("Role"), o.string("Role")),
    availability: nodeAvailabilities.parse(o.field("Availability"), o.string("Availability")),
  };
  o.finish();
  return spec;
}

/** Whether a node passes `GET /nodes` filters (swarm-ts accepts every node it lists: membership "accepted"). */
export function nodeMatches(filters: Filters, node: Node): boolean {
  const id = node.id ?? "";
  const name = nodeName(node);
  if (!matchAny(filterValues(filters, "id"), (v) => id.startsWith(v))) return false;
  if (
    !matchAny(
      filterValues(filters, "name"),
      (v) => name.startsWith(v) || (node.description?.hostname ?? "").startsWith(v),
    )
  )
    return false;
  if (!matchLabels(filterValues(filters, "label"), node.description?.engine?.labels)) return false;
  if (!matchLabels(filterValues(filters, "node.label"), node.spec?.annotations?.labels)) return false;
  if (!matchAny(filterValues(filters, "role"), (v) => v === nodeRoles.format(node.role))) return false;
  for (const v of filterValues(filters, "membership"))
    if (v !== "accepted" && v !== "pending")
      throw new InvalidFieldError("filters.membership", `"${v}" is neither accepted nor pending`);
  if (!matchAny(filterValues(filters, "membership"), (v) => v === "accepted")) return false;
  return true;
}
