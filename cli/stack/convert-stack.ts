// The merged tree → LoadedStack: top-level secrets, configs, volumes and networks, then every service.
import { asText } from "./as-text.js";
import { isDict, stringMap, type ConvertContext } from "./convert-context.js";
import { convertNetworks } from "./convert-networks.js";
import { convertService } from "./convert-service.js";
import { DependencyCycle, dependencyWaves } from "./dependency-order.js";
import type { LoadedStack, StackDataObject, StackVolume } from "./model.js";
import { external } from "./external.js";
import { checkStackPorts } from "./published-ports.js";

/** Largest secret read from a file, in bytes (the Control API's limit). */
export const secretBytesMax = 500 * 1024;
/** Largest config read from a file, in bytes (the Control API's limit). */
export const configBytesMax = 1000 * 1024;

const topKeys = new Set(["version", "name", "services", "secrets", "configs", "volumes", "networks"]);
const dataKeys = {
  secrets: new Set(["name", "file", "environment", "external", "labels"]),
  configs: new Set(["name", "file", "environment", "content", "external", "labels"]),
};

/** Converts the whole merged tree. */
export function convertStack(ctx: ConvertContext): LoadedStack {
  const root = ctx.root;
  ctx.warnUnknown(root, [], topKeys);
  const secrets = convertData(ctx, "secrets");
  const configs = convertData(ctx, "configs");
  const volumes = convertVolumes(ctx);
  const networks = convertNetworks(ctx);
  const services = isDict(root.services) ? root.services : {};
  const declared = {
    services: new Set(Object.keys(services)),
    secrets: new Set(secrets.map((s) => s.name)),
    configs: new Set(configs.map((c) => c.name)),
    volumes: new Set(volumes.map((v) => v.name)),
    networks: new Map(networks.map((n) => [n.key, n])),
  };
  const converted = Object.entries(services).map(([name, service]) =>
    convertService(ctx, name, isDict(service) ? service : {}, declared),
  );
  checkStackPorts(ctx, converted);
  try {
    dependencyWaves(converted);
  } catch (error) {
    if (error instanceof DependencyCycle)
      ctx.fail(["services", error.cycle[0]!, "depends_on", error.cycle[1]!], error.message);
    throw error;
  }
  // Warnings read best in file order, then line order, whichever step found them.
  const fileOrder = [...new Set(ctx.warnings.map((w) => w.file))];
  const warnings = [...ctx.warnings].sort(
    (a, b) => fileOrder.indexOf(a.file) - fileOrder.indexOf(b.file) || a.line - b.line,
  );
  return { services: converted, secrets, configs, volumes, networks, warnings };
}

function convertData(ctx: ConvertContext, kind: "secrets" | "configs"): StackDataObject[] {
  const section = ctx.root[kind];
  const objects = isDict(section) ? section : {};
  return Object.entries(objects).map(([name, raw]) => {
    const path = [kind, name];
    const object = isDict(raw) ? raw : {};
    ctx.warnUnknown(object, path, dataKeys[kind]);
    const ext = external(ctx, object.external, [...path, "external"]);
    const fixedName = object.name !== undefined ? asText(object.name) : (ext.name ?? (ext.external ? name : undefined));
    const base = {
      name,
      ...(fixedName !== undefined ? { objectName: fixedName } : {}),
      external: ext.external,
      labels: stringMap(object.labels),
    };
    if (ext.external) return base;
    let data: Uint8Array;
    if (object.file !== undefined)
      data = ctx.readNamedFile(
        asText(object.file),
        [...path, "file"],
        kind === "secrets" ? secretBytesMax : configBytesMax,
      );
    else if (object.environment !== undefined) {
      const value = ctx.lookup(asText(object.environment));
      if (value === undefined) ctx.fail([...path, "environment"], `variable ${asText(object.environment)} is not set`);
      data = Buffer.from(value, "utf8");
    } else if (kind === "configs" && object.content !== undefined) data = Buffer.from(asText(object.content), "utf8");
    else return ctx.fail(path, `needs one of file, environment${kind === "configs" ? ", content" : ""} or external`);
    if (data.length === 0) ctx.fail(path, "is empty; the cluster refuses empty secrets and configs");
    return { ...base, data: new Uint8Array(data) };
  });
}

function convertVolumes(ctx: ConvertContext): StackVolume[] {
  const volumes = isDict(ctx.root.volumes) ? ctx.root.volumes : {};
  return Object.entries(volumes).map(([name, raw]) => {
    const path = ["volumes", name];
    const volume = isDict(raw) ? raw : {};
    ctx.warnUnknown(volume, path, new Set(["name", "external", "labels", "driver", "driver_opts"]));
    const ext = external(ctx, volume.external, [...path, "external"]);
    const fixedName = volume.name !== undefined ? asText(volume.name) : (ext.name ?? (ext.external ? name : undefined));
    const driver = volume.driver === undefined ? "" : asText(volume.driver);
    const driverOptions = stringMap(volume.driver_opts);
    // An external volume is made by someone else: how to make it is not the stack's to say.
    if (ext.external && (driver !== "" || Object.keys(driverOptions).length > 0))
      ctx.fail(path, "an external volume takes no driver or driver_opts");
    return {
      name,
      ...(fixedName !== undefined ? { objectName: fixedName } : {}),
      external: ext.external,
      labels: stringMap(volume.labels),
      ...(driver !== "" ? { driver } : {}),
      ...(Object.keys(driverOptions).length > 0 ? { driverOptions } : {}),
    };
  });
}
