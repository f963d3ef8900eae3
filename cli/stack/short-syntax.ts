// The short forms of ports, volumes and secret/config references, turned into their long forms
// so that merging and conversion deal with one shape.
import { asText } from "./as-text.js";

/** Why a short form could not be read; the caller adds the file, line and key. */
export class SyntaxProblem extends Error {}

/** Most ports one range in a short port form may expand to. */
export const portRangeSizeMax = 1000;

/** A port in the long syntax, as Compose defines it. */
export interface LongPort {
  target: number | string;
  published?: number | string;
  protocol?: string;
  mode?: string;
  host_ip?: string;
  name?: string;
  app_protocol?: string;
}

function range(text: string): [number, number] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) throw new SyntaxProblem(`invalid port ${JSON.stringify(text)}`);
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  if (end < start) throw new SyntaxProblem(`invalid port range ${JSON.stringify(text)}`);
  if (end - start >= portRangeSizeMax)
    throw new SyntaxProblem(`port range ${JSON.stringify(text)} is larger than ${portRangeSizeMax}`);
  return [start, end];
}

/**
 * Reads "[[IP:]PUBLISHED:]TARGET[/PROTOCOL]" where PUBLISHED and TARGET may be ranges; short-form
 * ports are published through the routing mesh (ingress), as Docker does in a stack.
 */
export function parseShortPort(spec: string | number): LongPort[] {
  const text = asText(spec).trim();
  const slash = text.lastIndexOf("/");
  const protocol = slash >= 0 ? text.slice(slash + 1) : undefined;
  let rest = slash >= 0 ? text.slice(0, slash) : text;
  let hostIp: string | undefined;
  if (rest.startsWith("[")) {
    const close = rest.indexOf("]");
    if (close < 0 || rest[close + 1] !== ":") throw new SyntaxProblem(`invalid port ${JSON.stringify(text)}`);
    hostIp = rest.slice(1, close);
    rest = rest.slice(close + 2);
  }
  const parts = rest.split(":");
  if (parts.length === 3 && hostIp === undefined) hostIp = parts.shift();
  if (parts.length > 2 || parts.length === 0) throw new SyntaxProblem(`invalid port ${JSON.stringify(text)}`);
  const [target, published] =
    parts.length === 2
      ? [range(parts[1]!), parts[0] === "" ? undefined : range(parts[0]!)]
      : [range(parts[0]!), undefined];
  const count = target[1] - target[0] + 1;
  if (published && published[1] - published[0] + 1 !== count)
    throw new SyntaxProblem(`port ranges of ${JSON.stringify(text)} differ in size`);
  const ports: LongPort[] = [];
  for (let i = 0; i < count; i += 1) {
    ports.push({
      target: target[0] + i,
      ...(published ? { published: published[0] + i } : {}),
      ...(protocol !== undefined ? { protocol } : {}),
      mode: "ingress",
      ...(hostIp !== undefined && hostIp !== "" ? { host_ip: hostIp } : {}),
    });
  }
  return ports;
}

/** A mount in the long syntax, as Compose defines it (only the keys this module writes). */
export interface LongVolume {
  type: string;
  source?: string;
  target: string;
  read_only?: boolean;
  bind?: { propagation?: string; selinux?: string };
  volume?: { nocopy?: boolean };
}

const propagations = new Set(["shared", "slave", "private", "rshared", "rslave", "rprivate"]);

/** Reads "[SOURCE:]TARGET[:OPTIONS]"; a source that looks like a path is a bind mount, else a named volume. */
export function parseShortVolume(spec: string): LongVolume {
  const parts = spec.split(":");
  // A Windows drive letter ("C:\data:/data") is not for Linux engines; treat colons literally otherwise.
  if (parts.length > 3 || parts.some((p) => p === ""))
    throw new SyntaxProblem(`invalid volume ${JSON.stringify(spec)}`);
  if (parts.length === 1) return { type: "volume", target: parts[0]! };
  const [source = "", target = "", options] = parts;
  const bind = /^[./~]/.test(source);
  const volume: LongVolume = { type: bind ? "bind" : "volume", source, target };
  for (const option of options === undefined ? [] : options.split(",")) {
    if (option === "ro") volume.read_only = true;
    else if (option === "rw") volume.read_only = false;
    else if (option === "nocopy" && !bind) volume.volume = { nocopy: true };
    else if (propagations.has(option) && bind) volume.bind = { ...volume.bind, propagation: option };
    else if ((option === "z" || option === "Z") && bind) volume.bind = { ...volume.bind, selinux: option };
    else throw new SyntaxProblem(`unknown volume option ${JSON.stringify(option)} in ${JSON.stringify(spec)}`);
  }
  return volume;
}

/**
 * Splits a command written as one string into words as a POSIX shell would, without expansion:
 * quotes group, backslashes escape. Compose does this for `command` and `entrypoint` strings.
 */
export function splitShellWords(text: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === "\\" && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) word += text[++i]!;
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === "\\" && i + 1 < text.length) {
      word += text[++i]!;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new SyntaxProblem(`unterminated ${quote} quote in ${JSON.stringify(text)}`);
  if (inWord) words.push(word);
  return words;
}
