// The demo's container images, built from this machine's own programs: no registry is needed (the
// machines we run on reach none). Each image is a root filesystem holding a few host binaries with
// the shared libraries `ldd` names, imported into the engine as `docker import` does. An image is
// rebuilt only when what goes into it changed: its tag's label records a digest of the inputs.
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type Docker from "dockerode";

/** Label on a demo image recording the digest of its inputs. */
export const inputsLabel = "io.swarm-ts.demo.inputs";

// Both are named on the registry `localhost`, so that pinning them (which asks the image's
// registry for its digest) stays on this machine instead of asking Docker Hub.
/** The web image: Node.js, the built counter app and the npm packages it imports. */
export const webImage = "localhost/swarm-ts/counter-web:demo";
/** The Redis image: redis-server, redis-cli and a shell with grep for the healthcheck. */
export const redisImage = "localhost/swarm-ts/counter-redis:demo";

/** Where the web app sits inside its image. */
export const webAppInImage = "/app/web.js";

/** One image to build: host files copied to the same path, and files written into the image. */
interface ImagePlan {
  readonly image: string;
  /** Host programs, copied with every shared library they load. */
  readonly programs: readonly string[];
  /** Host files copied under another name too: [host path, path in the image]. */
  readonly extra: readonly (readonly [string, string])[];
  /** Host directories copied whole: [host path, path in the image]. */
  readonly trees: readonly (readonly [string, string])[];
  /** Files written into the image: [path in the image, contents]. */
  readonly files: readonly (readonly [string, string])[];
}

/** The absolute path of a program on PATH, or undefined. */
export function findProgram(name: string): string | undefined {
  try {
    return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The shared libraries (and the dynamic loader) a program loads, as `ldd` lists them. */
export function sharedLibraries(program: string): string[] {
  const out = execFileSync("ldd", [program], { encoding: "utf8" });
  const libraries: string[] = [];
  for (const line of out.split("\n")) {
    // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x…)" or "/lib64/ld-linux-x86-64.so.2 (0x…)"
    const m = /(?:=>\s*)?(\/\S+)\s+\(0x/.exec(line);
    if (m?.[1] !== undefined) libraries.push(m[1]);
  }
  return libraries;
}

/** The directories of `pkg` and of every package it depends on, found as Node would under `nodeModules`. */
export function packageClosure(pkg: string, nodeModules: string): string[] {
  const found = new Map<string, string>();
  const visit = (name: string, base: string): void => {
    // Node looks in the dependent's own node_modules first, then up to the top-level one.
    const candidates = [join(base, "node_modules", name), join(nodeModules, name)];
    const dir = candidates.find((c) => statSync(join(c, "package.json"), { throwIfNoEntry: false }) !== undefined);
    if (dir === undefined) throw new Error(`package ${name} is not installed in ${nodeModules} (run npm ci)`);
    if (found.has(dir)) return;
    found.set(dir, name);
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
      dependencies?: Record<string, string>;
    };
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, dir);
  };
  visit(pkg, nodeModules);
  return [...found.keys()];
}

/** What the two demo images hold, from the built web app and the host's programs. */
export function demoImagePlans(
  webApp: string,
  nodeModules: string,
  programs: { node: string; redisServer: string; redisCli: string; sh: string; grep: string },
): ImagePlan[] {
  const packages = packageClosure("ioredis", nodeModules);
  return [
    {
      image: webImage,
      programs: [programs.node],
      extra: [],
      // Each package keeps its place relative to the top-level node_modules, so nested copies resolve too.
      trees: packages.map((dir) => [dir, join("/app/node_modules", dir.slice(nodeModules.length))] as const),
      files: [
        [webAppInImage, readFileSync(webApp, "utf8")],
        // web.js is an ES module.
        ["/app/package.json", '{ "type": "module" }\n'],
      ],
    },
    // The engine runs CMD-SHELL healthchecks with /bin/sh, wherever the host keeps its shell.
    {
      image: redisImage,
      programs: [programs.redisServer, programs.redisCli, programs.sh, programs.grep],
      extra: [[programs.sh, "/bin/sh"]],
      trees: [],
      files: [],
    },
  ];
}

/** A digest of everything that goes into an image: paths, sizes and modification times of the host files, and the written files. */
function inputsDigest(plan: ImagePlan): string {
  const hash = createHash("sha256");
  const stamp = (path: string): void => {
    const s = statSync(path);
    hash.update(`${path}\0${s.size}\0${s.mtimeMs}\0`);
  };
  for (const program of plan.programs) for (const path of [program, ...sharedLibraries(program)]) stamp(path);
  for (const [host, inImage] of plan.extra) hash.update(`${host}\0${inImage}\0`);
  for (const [host] of plan.trees) stamp(join(host, "package.json"));
  for (const [path, contents] of plan.files) hash.update(`${path}\0${contents}\0`);
  return hash.digest("hex").slice(0, 32);
}

/** Writes the image's root filesystem into `root`. */
function assemble(plan: ImagePlan, root: string): void {
  const place = (hostPath: string, imagePath = hostPath): void => {
    mkdirSync(dirname(join(root, imagePath)), { recursive: true });
    // Follows symlinks (e.g. /bin/sh → dash): the image gets the file itself under the linked name.
    copyFileSync(hostPath, join(root, imagePath));
  };
  for (const program of plan.programs) {
    place(program);
    for (const library of sharedLibraries(program)) place(library);
  }
  for (const [host, inImage] of plan.extra) place(host, inImage);
  for (const [host, inImage] of plan.trees) cpSync(host, join(root, inImage), { recursive: true, dereference: true });
  for (const [path, contents] of plan.files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), contents);
  }
  // A /tmp for whoever needs one (the images have nothing else of a system).
  mkdirSync(join(root, "tmp"), { recursive: true, mode: 0o1777 });
}

/** Imports a directory as an image (`docker import`), labelled with its inputs' digest. */
async function importTree(docker: Docker, root: string, image: string, digest: string): Promise<void> {
  const [repo, tag] = image.split(":") as [string, string];
  const tar = spawn("tar", ["-C", root, "-c", "."], { stdio: ["ignore", "pipe", "inherit"] });
  const done = new Promise<void>((resolve, reject) =>
    tar.once("close", (code) => (code === 0 ? resolve() : reject(new Error(`tar exited with ${code}`)))),
  );
  const stream = await docker.importImage(tar.stdout, {
    repo,
    tag,
    changes: [`LABEL ${inputsLabel}=${digest}`, "ENV PATH=/usr/local/bin:/usr/bin:/bin"],
  } as object);
  let output = "";
  for await (const chunk of stream) output += String(chunk);
  await done;
  const error = /"error"\s*:\s*"([^"]*)"/.exec(output)?.[1];
  if (error !== undefined) throw new Error(`importing ${image}: ${error}`);
}

/** Builds each image whose inputs changed since it was last built; returns the images built. */
export async function ensureDemoImages(docker: Docker, plans: readonly ImagePlan[]): Promise<string[]> {
  const built: string[] = [];
  for (const plan of plans) {
    const digest = inputsDigest(plan);
    const current = await docker
      .getImage(plan.image)
      .inspect()
      .then(
        (info) => info.Config.Labels?.[inputsLabel],
        () => undefined,
      );
    if (current === digest) continue;
    const root = mkdtempSync(join(tmpdir(), "swarm-demo-image-"));
    try {
      assemble(plan, root);
      await importTree(docker, root, plan.image, digest);
      built.push(plan.image);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  return built;
}
