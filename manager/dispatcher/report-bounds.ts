// Bounds of what nodes report. A node's description and its tasks' statuses go into the store,
// hence into the raft log, so a buggy or compromised node must not be able to make them large: a
// description over its bounds refuses the session (INVALID_ARGUMENT naming the field), and a
// status's free text is cut (the state change it carries still counts, and the agent would
// otherwise retry the same report for ever).
import {
  checkInteger,
  checkList,
  checkString,
  checkStringList,
  checkStringMap,
  hostnameBytesMax,
  labelsBytesMax,
  labelValueBytesMax,
} from "../controlapi/index.js";
import { InvalidArgumentError } from "../../common/index.js";
import type { swarm } from "../../proto/index.js";

/** Longest status message or error text kept of a task's status report. */
export const statusTextBytesMax = 4096;
/** Most host-mode ports a task's status may list. */
export const statusPortsMax = 1024;
/** Most engine plugins a node may report. */
export const pluginsMax = 256;
/** Longest plugin type or name, engine version, platform field, container id or WireGuard key. */
export const reportFieldBytesMax = 256;
/** Most subnets of a node's own interfaces it may report (the agent reports at most as many). */
export const localSubnetsMax = 1024;
/** Longest subnet a node reports (IPv4 CIDR; a little room over its 18 characters). */
export const localSubnetBytesMax = 64;
/** Highest UDP port. */
const portMax = 65_535;

/** Checks a node's description; throws InvalidArgumentError naming the field. */
export function checkDescription(description: swarm.v1.NodeDescription.$Properties | null | undefined): void {
  if (!description) return;
  checkString("description.hostname", description.hostname, hostnameBytesMax);
  checkString("description.platform.os", description.platform?.os, reportFieldBytesMax);
  checkString("description.platform.architecture", description.platform?.architecture, reportFieldBytesMax);
  checkInteger("description.resources.nanoCpus", description.resources?.nanoCpus, Number.MAX_SAFE_INTEGER);
  checkInteger("description.resources.memoryBytes", description.resources?.memoryBytes, Number.MAX_SAFE_INTEGER);
  checkList("description.resources.generic", description.resources?.generic, pluginsMax);
  for (const [i, g] of (description.resources?.generic ?? []).entries()) {
    checkString(`description.resources.generic[${i}].kind`, g.kind, reportFieldBytesMax);
    checkString(`description.resources.generic[${i}].value`, g.value, reportFieldBytesMax);
  }
  const engine = description.engine;
  checkString("description.engine.engineVersion", engine?.engineVersion, reportFieldBytesMax);
  checkStringMap("description.engine.labels", engine?.labels, {
    valueBytesMax: labelValueBytesMax,
    bytesMax: labelsBytesMax,
  });
  for (const [i, p] of checkList("description.engine.plugins", engine?.plugins, pluginsMax).entries()) {
    checkString(`description.engine.plugins[${i}].type`, p.type, reportFieldBytesMax);
    checkString(`description.engine.plugins[${i}].name`, p.name, reportFieldBytesMax);
  }
  checkInteger("description.dataPathPort", description.dataPathPort, portMax);
  checkStringList("description.localSubnets", description.localSubnets, localSubnetsMax, localSubnetBytesMax);
  checkString("description.wireguardPublicKey", description.wireguardPublicKey, reportFieldBytesMax);
  checkInteger("description.wireguardPort", description.wireguardPort, portMax);
  checkString(
    "description.networkCapabilities.encryptedUnavailable",
    description.networkCapabilities?.encryptedUnavailable,
    reportFieldBytesMax,
  );
  checkTlsInfo("description.tlsInfo", description.tlsInfo);
}

/** Bytes of the roots a node reports it trusts (a few PEM certificates). */
export const trustRootBytesMax = 16 * 1024;
/** Bytes of a DER subject name or public key a node reports. */
export const issuerFieldBytesMax = 1024;

/** Checks the certificate facts a node reports; errors name the field under `field`. */
export function checkTlsInfo(field: string, info: swarm.v1.INodeTlsInfo | null | undefined): void {
  if (!info) return;
  const limits: [keyof swarm.v1.INodeTlsInfo, number][] = [
    ["trustRootPem", trustRootBytesMax],
    ["certIssuerSubject", issuerFieldBytesMax],
    ["certIssuerPublicKey", issuerFieldBytesMax],
  ];
  for (const [name, max] of limits) {
    const value = info[name] as Uint8Array | null | undefined;
    if ((value?.length ?? 0) > max) throw new InvalidArgumentError(`${field}.${name}`, `at most ${max} bytes`);
  }
}

/** Cuts a text to at most `bytesMax` UTF-8 bytes (on a character boundary); null when it fits. */
function cut(text: string | null | undefined, bytesMax: number): string | null {
  if (text == null || Buffer.byteLength(text, "utf8") <= bytesMax) return null;
  const bytes = Buffer.from(text, "utf8").subarray(0, bytesMax - 3);
  // A cut inside a multi-byte character decodes as U+FFFD; drop it.
  return `${bytes.toString("utf8").replace(/\uFFFD+$/, "")}...`;
}

/** A task's status as stored: its texts cut to statusTextBytesMax, its ports to statusPortsMax. */
export function boundedStatus(status: swarm.v1.TaskStatus.$Properties): swarm.v1.TaskStatus.$Properties {
  const bounded = { ...status };
  const message = cut(status.message, statusTextBytesMax);
  if (message !== null) bounded.message = message;
  const err = cut(status.err, statusTextBytesMax);
  if (err !== null) bounded.err = err;
  const containerId = cut(status.container?.containerId, reportFieldBytesMax);
  if (containerId !== null) bounded.container = { ...status.container, containerId };
  const ports = status.portStatus?.ports ?? [];
  if (ports.length > statusPortsMax) bounded.portStatus = { ports: ports.slice(0, statusPortsMax) };
  return bounded;
}
