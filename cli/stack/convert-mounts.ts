// Storage and data references of a service: volumes (bind, named volume, tmpfs), the `tmpfs`
// shorthand, and the secrets and configs it is granted, with their file targets.
import { asText } from "./as-text.js";
import { swarm } from "../../proto/index.js";
import { isDict, stringMap, type ConvertContext, type Dict } from "./convert-context.js";
import type { PathStep } from "./stack-file-error.js";
import { parseBoolean, parseBytes, parseFileMode } from "./units.js";

const volumeKeys = new Set(["type", "source", "target", "read_only", "bind", "volume", "tmpfs", "consistency"]);
const refKeys = new Set(["source", "target", "uid", "gid", "mode"]);

/** Default permission bits of secret and config files, as Docker's stack deploy sets them. */
export const dataFileModeDefault = 0o444;

/** The mounts of a service; named volumes must be declared at the top level (`volumeNames`). */
export function convertMounts(
  ctx: ConvertContext,
  service: Dict,
  path: readonly PathStep[],
  volumeNames: ReadonlySet<string>,
): swarm.v1.Mount.$Properties[] {
  const M = swarm.v1.Mount.Type;
  const mounts: swarm.v1.Mount.$Properties[] = [];
  const volumes = Array.isArray(service.volumes) ? service.volumes : [];
  volumes.forEach((item, i) => {
    const at = [...path, "volumes", i];
    const v = isDict(item) ? item : {};
    ctx.warnUnknown(v, at, volumeKeys);
    const type = asText(v.type);
    const target = asText(v.target ?? "");
    if (!target.startsWith("/")) ctx.fail([...at, "target"], `must be an absolute path, got ${JSON.stringify(target)}`);
    const mount: swarm.v1.Mount.$Properties = { target };
    if (v.read_only !== undefined && ctx.read(v.read_only, [...at, "read_only"], parseBoolean)) mount.readOnly = true;
    const source = v.source === undefined ? "" : asText(v.source);
    if (type === "bind") {
      if (source === "") ctx.fail([...at, "source"], "a bind mount needs a source path");
      mount.type = M.TYPE_BIND;
      mount.source = ctx.resolvePath(source);
      const bind = isDict(v.bind) ? v.bind : {};
      ctx.warnUnknown(bind, [...at, "bind"], new Set(["propagation", "create_host_path"]));
      if (bind.propagation !== undefined) mount.bindPropagation = asText(bind.propagation);
    } else if (type === "volume") {
      mount.type = M.TYPE_VOLUME;
      if (source !== "") {
        if (!volumeNames.has(source))
          ctx.fail([...at, "source"], `volume ${JSON.stringify(source)} is not declared in the top-level volumes`);
        mount.source = source;
      }
      const volume = isDict(v.volume) ? v.volume : {};
      ctx.warnUnknown(volume, [...at, "volume"], new Set(["nocopy", "labels"]));
      if (volume.nocopy !== undefined && ctx.read(volume.nocopy, [...at, "volume", "nocopy"], parseBoolean))
        mount.volumeNoCopy = true;
      const labels = stringMap(volume.labels);
      if (Object.keys(labels).length > 0) mount.volumeLabels = labels;
    } else if (type === "tmpfs") {
      if (source !== "") ctx.fail([...at, "source"], "a tmpfs mount has no source");
      mount.type = M.TYPE_TMPFS;
      const tmpfs = isDict(v.tmpfs) ? v.tmpfs : {};
      if (tmpfs.size !== undefined) mount.tmpfsSizeBytes = ctx.read(tmpfs.size, [...at, "tmpfs", "size"], parseBytes);
      if (tmpfs.mode !== undefined) mount.tmpfsMode = ctx.read(tmpfs.mode, [...at, "tmpfs", "mode"], parseFileMode);
    } else {
      ctx.fail([...at, "type"], `${JSON.stringify(type)} mounts are not supported (use bind, volume or tmpfs)`);
    }
    mounts.push(mount);
  });
  const tmpfs = Array.isArray(service.tmpfs) ? service.tmpfs : [];
  tmpfs.forEach((item, i) => {
    // "/run" or "/run:size=64m,mode=1777", as Docker's --tmpfs.
    const [target = "", options = ""] = asText(item).split(/:(.*)/s);
    const at = [...path, "tmpfs", i];
    if (!target.startsWith("/")) ctx.fail(at, `must be an absolute path, got ${JSON.stringify(item)}`);
    const mount: swarm.v1.Mount.$Properties = { type: M.TYPE_TMPFS, target };
    for (const option of options === "" ? [] : options.split(",")) {
      const [key, value = ""] = option.split("=");
      if (key === "size") mount.tmpfsSizeBytes = ctx.read(value, at, parseBytes);
      else if (key === "mode") mount.tmpfsMode = ctx.read(value, at, parseFileMode);
      else ctx.warn(at, `option ${JSON.stringify(option)} is not supported and is ignored`);
    }
    mounts.push(mount);
  });
  return mounts;
}

/** File target of one secret or config reference, with Docker's defaults. */
function fileTarget(
  ctx: ConvertContext,
  ref: Dict,
  at: readonly PathStep[],
  kind: "secrets" | "configs",
): swarm.v1.FileTarget.$Properties {
  const source = asText(ref.source);
  // Secrets land under /run/secrets by name; a config without a target lands at /<name>.
  const name = ref.target !== undefined ? asText(ref.target) : kind === "configs" ? `/${source}` : source;
  return {
    name,
    uid: ref.uid === undefined ? "0" : asText(ref.uid),
    gid: ref.gid === undefined ? "0" : asText(ref.gid),
    mode: ref.mode === undefined ? dataFileModeDefault : ctx.read(ref.mode, [...at, "mode"], parseFileMode),
  };
}

/** The secret (or config) references of a service, by Compose key; every key must be declared. */
export function convertReferences(
  ctx: ConvertContext,
  service: Dict,
  path: readonly PathStep[],
  kind: "secrets" | "configs",
  declared: ReadonlySet<string>,
): { name: string; file: swarm.v1.FileTarget.$Properties }[] {
  const refs = Array.isArray(service[kind]) ? (service[kind] as unknown[]) : [];
  return refs.map((item, i) => {
    const at = [...path, kind, i];
    const ref = isDict(item) ? item : {};
    ctx.warnUnknown(ref, at, refKeys);
    const source = asText(ref.source ?? "");
    if (!declared.has(source))
      ctx.fail(
        [...at, "source"],
        `${kind === "secrets" ? "secret" : "config"} ${JSON.stringify(source)} is not declared in the top-level ${kind}`,
      );
    return { name: source, file: fileTarget(ctx, ref, at, kind) };
  });
}
