// Parsers of the structured flag values `docker service create` accepts: `--publish` (short
// "8080:80/udp" and long "published=8080,target=80"), `--mount`, `--secret`/`--config`
// references, `--placement-pref`, and KEY=VALUE lists. Each throws UsageError naming the flag.
import { swarm } from "../../proto/index.js";
import { UsageError } from "../client/usage-error.js";
import { parseBytes } from "./units.js";

/**
 * Splits one CSV record as Docker reads `--mount` and `--publish` (Go's encoding/csv): fields
 * separated by commas, a field in double quotes may hold commas, and "" inside quotes is one quote.
 * So `"volume-opt=o=addr=10.0.0.9,rw"` is one field.
 */
export function csvFields(flag: string, text: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && field.trim() === "") {
      field = "";
      quoted = true;
    } else if (ch === ",") {
      fields.push(field);
      field = "";
    } else field += ch;
  }
  if (quoted) throw new UsageError(flag, `unterminated quote in ${JSON.stringify(text)}`);
  fields.push(field);
  return fields;
}

/** "k=v,k2=v2" → pairs; a bare word is a key with value "true" (as Docker reads "readonly"). */
function csvPairs(flag: string, text: string): [string, string][] {
  return csvFields(flag, text).map((field) => {
    const at = field.indexOf("=");
    const key = (at === -1 ? field : field.slice(0, at)).trim().toLowerCase();
    if (!key) throw new UsageError(flag, `empty field in "${text}"`);
    return [key, at === -1 ? "true" : field.slice(at + 1).trim()];
  });
}

function bool(flag: string, key: string, value: string): boolean {
  if (["true", "1", "yes"].includes(value.toLowerCase())) return true;
  if (["false", "0", "no"].includes(value.toLowerCase())) return false;
  throw new UsageError(flag, `${key}=${value}: expected true or false`);
}

function port(flag: string, what: string, text: string): number {
  const n = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 0 && n <= 65535)) throw new UsageError(flag, `${what} "${text}" is not a port number`);
  return n;
}

/** `--publish`: "8080:80", "8080:80/udp", "80" or "published=8080,target=80,protocol=udp,mode=host". */
export function parsePublish(text: string): swarm.v1.PortConfig.$Properties {
  const flag = "--publish";
  const P = swarm.v1.PortConfig;
  if (text.includes("=")) {
    const out: swarm.v1.PortConfig.$Properties = {};
    for (const [key, value] of csvPairs(flag, text)) {
      if (key === "published") out.publishedPort = port(flag, "published", value);
      else if (key === "target") out.targetPort = port(flag, "target", value);
      else if (key === "protocol") out.protocol = protocolOf(flag, value);
      else if (key === "mode") {
        if (value !== "ingress" && value !== "host")
          throw new UsageError(flag, `mode=${value}: expected ingress or host`);
        out.publishMode = value === "host" ? P.PublishMode.PUBLISH_MODE_HOST : P.PublishMode.PUBLISH_MODE_INGRESS;
      } else if (key === "name") out.name = value;
      else if (key === "proxy-protocol") out.proxyProtocol = proxyProtocolOf(flag, value);
      else throw new UsageError(flag, `unknown field "${key}" (published, target, protocol, mode, proxy-protocol)`);
    }
    if (!out.targetPort) throw new UsageError(flag, `"${text}" needs target=PORT`);
    return out;
  }
  const m = /^(?:(\d+):)?(\d+)(?:\/(\w+))?$/.exec(text.trim());
  if (!m) throw new UsageError(flag, `"${text}" is not PUBLISHED:TARGET[/PROTOCOL] or published=…,target=…`);
  return {
    ...(m[1] ? { publishedPort: port(flag, "published", m[1]) } : {}),
    targetPort: port(flag, "target", m[2]!),
    ...(m[3] ? { protocol: protocolOf(flag, m[3]) } : {}),
  };
}

/** `proxy-protocol=v1|v2|none`: the header the routing mesh sends to the task first (Compose `x-proxy-protocol`). */
export function proxyProtocolOf(flag: string, value: string): swarm.v1.PortConfig.ProxyProtocol {
  const P = swarm.v1.PortConfig.ProxyProtocol;
  if (value === "v1") return P.PROXY_PROTOCOL_V1;
  if (value === "v2") return P.PROXY_PROTOCOL_V2;
  if (value === "none") return P.PROXY_PROTOCOL_NONE;
  throw new UsageError(flag, `proxy-protocol "${value}": expected v1, v2 or none`);
}

function protocolOf(flag: string, value: string): swarm.v1.PortConfig.Protocol {
  if (value === "tcp") return swarm.v1.PortConfig.Protocol.PROTOCOL_TCP;
  if (value === "udp") return swarm.v1.PortConfig.Protocol.PROTOCOL_UDP;
  throw new UsageError(flag, `protocol "${value}": expected tcp or udp`);
}

/** The key `--publish-rm` matches a port by: "80", "80/udp" (target port) or a full --publish value. */
export function publishKey(p: swarm.v1.PortConfig.$Properties): string {
  return `${p.targetPort ?? 0}/${Number(p.protocol ?? 0) === Number(swarm.v1.PortConfig.Protocol.PROTOCOL_UDP) ? "udp" : "tcp"}`;
}

/** `--mount`: "type=bind,source=/a,target=/b,readonly", "type=volume,src=data,dst=/data", "type=tmpfs,target=/tmp,tmpfs-size=64M". */
export function parseMount(text: string): swarm.v1.Mount.$Properties {
  const flag = "--mount";
  const T = swarm.v1.Mount.Type;
  const out: swarm.v1.Mount.$Properties = { type: T.TYPE_VOLUME };
  for (const [key, value] of csvPairs(flag, text)) {
    if (key === "type") {
      const type = { bind: T.TYPE_BIND, volume: T.TYPE_VOLUME, tmpfs: T.TYPE_TMPFS }[value];
      if (type === undefined) throw new UsageError(flag, `type=${value}: expected bind, volume or tmpfs`);
      out.type = type;
    } else if (key === "source" || key === "src") out.source = value;
    else if (key === "target" || key === "destination" || key === "dst") out.target = value;
    else if (key === "readonly" || key === "ro") out.readOnly = bool(flag, key, value);
    else if (key === "tmpfs-size") out.tmpfsSizeBytes = parseBytes(flag, value);
    else if (key === "tmpfs-mode") out.tmpfsMode = fileMode(flag, value);
    else if (key === "bind-propagation") out.bindPropagation = value;
    else if (key === "volume-nocopy") out.volumeNoCopy = bool(flag, key, value);
    else if (key === "volume-label") {
      const [k, v] = keyValue(flag, "volume-label", value);
      out.volumeLabels = { ...out.volumeLabels, [k]: v };
    } else if (key === "volume-driver") out.volumeDriver = value;
    else if (key === "volume-opt") {
      // Repeated, one option each: volume-opt=type=nfs,volume-opt=device=:/export,"volume-opt=o=addr=…,rw".
      const [k, v] = keyValue(flag, "volume-opt", value);
      out.volumeDriverOptions = { ...out.volumeDriverOptions, [k]: v };
    } else
      throw new UsageError(
        flag,
        `unknown field "${key}" (type, source, target, readonly, tmpfs-size, tmpfs-mode, bind-propagation, volume-nocopy, volume-label, volume-driver, volume-opt)`,
      );
  }
  if (!out.target) throw new UsageError(flag, `"${text}" needs target=PATH`);
  if (out.type !== T.TYPE_VOLUME) {
    const volumeOnly = (
      [
        ["volume-driver", out.volumeDriver],
        ["volume-opt", out.volumeDriverOptions],
        ["volume-label", out.volumeLabels],
        ["volume-nocopy", out.volumeNoCopy],
      ] as const
    ).find(([, v]) => v !== undefined);
    if (volumeOnly) throw new UsageError(flag, `${volumeOnly[0]} applies to type=volume only`);
  }
  return out;
}

/** "KEY=VALUE" inside a mount field; the value may itself hold "=" (volume-opt=o=addr=10.0.0.9). */
function keyValue(flag: string, field: string, text: string): [string, string] {
  const at = text.indexOf("=");
  if (at <= 0) throw new UsageError(flag, `${field}=${text}: expected ${field}=KEY=VALUE`);
  return [text.slice(0, at), text.slice(at + 1)];
}

/** `--host`: "HOST:IP" (Docker's form; the first colon separates, so IPv6 addresses work) or "HOST=IP", as an /etc/hosts line "IP HOST". */
export function parseExtraHost(flag: string, text: string): string {
  const eq = text.indexOf("=");
  const at = eq !== -1 ? eq : text.indexOf(":");
  const host = at === -1 ? "" : text.slice(0, at).trim();
  const ip = at === -1 ? "" : text.slice(at + 1).trim();
  if (host === "" || ip === "" || /\s/.test(host) || /\s/.test(ip))
    throw new UsageError(flag, `"${text}" is not HOST:IP (e.g. db:10.0.0.5)`);
  return `${ip.replace(/^\[(.*)\]$/, "$1")} ${host}`;
}

/** Whether an /etc/hosts line "IP HOST…" is removed by a `--host-rm` value: "HOST" (any address) or "HOST:IP". */
export function hostLineMatches(line: string, removal: string): boolean {
  const [ip = "", ...names] = line.trim().split(/\s+/);
  const at = removal.search(/[:=]/);
  const host = at === -1 ? removal : removal.slice(0, at);
  const address = at === -1 ? undefined : removal.slice(at + 1).replace(/^\[(.*)\]$/, "$1");
  return names.includes(host) && (address === undefined || address === ip);
}

/** `--ulimit`: "NAME=SOFT[:HARD]" as Docker's (a single number sets both; -1 is unlimited). */
export function parseUlimit(flag: string, text: string): swarm.v1.Ulimit.$Properties {
  const m = /^([a-z]+)=(-?\d+)(?::(-?\d+))?$/.exec(text.trim());
  if (!m) throw new UsageError(flag, `"${text}" is not NAME=SOFT[:HARD] (e.g. nofile=1024:2048)`);
  const soft = Number(m[2]);
  const hard = m[3] === undefined ? soft : Number(m[3]);
  if (!Number.isSafeInteger(soft) || !Number.isSafeInteger(hard))
    throw new UsageError(flag, `"${text}": a limit is too large`);
  return { name: m[1]!, soft, hard };
}

function fileMode(flag: string, text: string): number {
  if (!/^[0-7]{1,4}$/.test(text)) throw new UsageError(flag, `mode "${text}" is not an octal file mode such as 0444`);
  return parseInt(text, 8);
}

/** A `--secret`/`--config` reference before its name is resolved to an id. */
export interface FileReference {
  /** Name (or id) of the secret or config. */
  readonly source: string;
  /** Where it appears. */
  readonly file: swarm.v1.FileTarget.$Properties;
}

/** `--secret`/`--config`: a bare name, or "source=NAME,target=PATH,uid=0,gid=0,mode=0400". */
export function parseFileReference(
  flag: string,
  text: string,
  defaults: { modeDefault: number; targetOf: (source: string) => string },
): FileReference {
  let source = "";
  const file: swarm.v1.FileTarget.$Properties = { uid: "0", gid: "0", mode: defaults.modeDefault };
  if (!text.includes("=")) source = text.trim();
  else {
    for (const [key, value] of csvPairs(flag, text)) {
      if (key === "source" || key === "src") source = value;
      else if (key === "target") file.name = value;
      else if (key === "uid") file.uid = value;
      else if (key === "gid") file.gid = value;
      else if (key === "mode") file.mode = fileMode(flag, value);
      else throw new UsageError(flag, `unknown field "${key}" (source, target, uid, gid, mode)`);
    }
  }
  if (!source) throw new UsageError(flag, `"${text}" names no source`);
  file.name ||= defaults.targetOf(source);
  return { source, file };
}

/** `--placement-pref`: "spread=node.labels.zone". */
export function parsePlacementPref(text: string): swarm.v1.PlacementPreference.$Properties {
  const m = /^spread=(.+)$/.exec(text.trim());
  if (!m) throw new UsageError("--placement-pref", `"${text}" is not spread=DESCRIPTOR (e.g. spread=node.labels.zone)`);
  return { spreadDescriptor: m[1]! };
}

/** KEY=VALUE (or KEY, meaning an empty value) for labels. */
export function parseLabel(flag: string, text: string): [string, string] {
  const at = text.indexOf("=");
  const key = at === -1 ? text : text.slice(0, at);
  if (!key) throw new UsageError(flag, `"${text}" has no key`);
  return [key, at === -1 ? "" : text.slice(at + 1)];
}

/** `--env`: KEY=VALUE, or KEY alone to take the value from swarmctl's own environment (dropped when unset, as Docker does). */
export function parseEnv(text: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (text.startsWith("=") || text === "") throw new UsageError("--env", `"${text}" is not KEY=VALUE`);
  if (text.includes("=")) return text;
  const value = env[text];
  return value === undefined ? null : `${text}=${value}`;
}
