// Bundles swarmctl (`npm run build` runs it after tsc): the compiled dist/cli/commands/swarmctl-main.js and
// everything it reaches, @oclif/core, grpc-js and protobufjs included, become one CommonJS file,
// dist/cli/swarmctl-bundle.cjs, which dist/cli/swarmctl.js runs (see run-bundle.ts). Node resolves, reads
// and compiles some 300 files to start the unbundled CLI; one file, compiled once into a V8 code cache, is
// what makes `swarmctl service ls` answer as fast as an operator expects. It bundles the compiled
// JavaScript rather than the sources, so every module's import.meta.url can still name its own file in
// dist/ (the Compose schema, the dashboard's page and the swarmd entry are found next to them).
import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";
import { bundleImportName } from "./run-bundle.js";

/** The bundle may not exceed this many bytes: a heavy dependency must not slip into every start. */
export const swarmctlBundleBytesMax = 6 * 1024 * 1024;

/** The bundle's file name, beside dist/cli/swarmctl.js. */
export const swarmctlBundleFile = "swarmctl-bundle.cjs";

/** The bundle's first line is this prefix and the SHA-256 of the rest: the code cache's key. */
export const bundleHeaderPrefix = "//swarmctl-bundle sha256=";

/**
 * Folders of dist/ the CLI reaches only through a dynamic import in a rarely used command (`cluster ca
 * issue-client` imports node/ for its key and CSR): they stay files of their own, loaded when that
 * command runs, instead of putting the manager, the worker and dockerode into every start.
 */
export const unbundledDistFolders = ["node", "manager", "worker", "raft", "engineapi"];

/**
 * Packages never loaded by a swarmctl command: oclif reads tsconfig files with typescript only when it
 * transpiles sources (swarmctl turns that off), grpc-js loads proto-loader only for channelz and ORCA.
 */
export const unbundledPackages = ["typescript", "ts-node", "@grpc/proto-loader"];

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const dist = join(root, "dist");
const outDir = join(dist, "cli");

/**
 * An import( that is not a method call (x.import() and "import()" in a message stay as they are), with
 * its specifier when that is a string literal.
 */
const dynamicImportPattern = /(?<![\w$.])import\((?!\))(\s*(["'])([^"'`]+)\2\s*\))?/g;

/** The unbundled dist/ folder a relative specifier from a file in fromDir names, if it names one. */
function unbundledFolderOf(fromDir: string, specifier: string): string | undefined {
  const target = resolve(fromDir, specifier);
  const folder = relative(dist, target).split(sep)[0] ?? "";
  return target.startsWith(dist + sep) && unbundledDistFolders.includes(folder) ? folder : undefined;
}

/** A relative specifier for Node of a file in dist/, from the bundle's directory. */
function fromBundle(fromDir: string, specifier: string): string {
  return `./${relative(outDir, resolve(fromDir, specifier)).split(sep).join("/")}`;
}

/** Refuses any static import of an unbundled dist/ folder: swarmctl would load it on every start. */
const noStaticImportOfUnbundled: Plugin = {
  name: "no-static-import-of-unbundled",
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      const folder = unbundledFolderOf(args.resolveDir, args.path);
      if (folder === undefined) return undefined;
      return {
        errors: [{ text: `${args.importer} imports ${args.path}: swarmctl would load ${folder}/ on every start` }],
      };
    });
  },
};

/**
 * Rewrites the dynamic imports esbuild cannot bundle (a computed specifier, as oclif's module loader
 * has, or a file of an unbundled dist/ folder) into calls of {@link bundleImportName}; the ones of
 * bundled files stay import() for esbuild to resolve.
 */
function leftToNode(contents: string, fromDir: string): string {
  return contents.replace(dynamicImportPattern, (match, literal?: string, _quote?: string, specifier?: string) => {
    if (literal === undefined || specifier === undefined) return `${bundleImportName}(`;
    if (!specifier.startsWith(".") || unbundledFolderOf(fromDir, specifier) === undefined) return match;
    return `${bundleImportName}(${JSON.stringify(fromBundle(fromDir, specifier))})`;
  });
}

/**
 * Gives every compiled module its own import.meta.url, .dirname and .filename (its file in dist/),
 * computed from the bundle's own directory at run time, so the bundle still works when dist/ moves.
 */
const importMetaOfOwnFile: Plugin = {
  name: "import-meta-of-own-file",
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(dist + sep))
        return { contents: leftToNode(readFileSync(args.path, "utf8"), dirname(args.path)), loader: "js" };
      const rel = relative(outDir, args.path).split(sep).join("/");
      const file = `require("node:path").join(__dirname, ${JSON.stringify(rel)})`;
      const contents = leftToNode(readFileSync(args.path, "utf8"), dirname(args.path))
        .replaceAll("import.meta.url", `require("node:url").pathToFileURL(${file}).href`)
        .replaceAll("import.meta.dirname", `require("node:path").dirname(${file})`)
        .replaceAll("import.meta.filename", file);
      return { contents, loader: "js", resolveDir: dirname(args.path) };
    });
  },
};

const result = await build({
  entryPoints: [join(outDir, "commands", "swarmctl-main.js")],
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  // No identifiers renamed: class and error names stay what the sources say.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "none",
  external: unbundledPackages,
  plugins: [noStaticImportOfUnbundled, importMetaOfOwnFile],
  write: false,
  outfile: join(outDir, swarmctlBundleFile),
  logLevel: "warning",
});
const code = result.outputFiles[0]?.text;
if (code === undefined) throw new Error("build-swarmctl: esbuild wrote no bundle");
const leftImports = [...code.matchAll(/(?<![\w$.])import\((?!\)).{0,60}/g)].map((m) => m[0]);
if (leftImports.length > 0) {
  process.stderr.write(
    `build-swarmctl: import() left in the bundle (see bundleImportName):\n  ${leftImports.join("\n  ")}\n`,
  );
  process.exit(1);
}
const bytes = Buffer.byteLength(code);
if (bytes > swarmctlBundleBytesMax) {
  process.stderr.write(`build-swarmctl: the bundle is ${bytes} bytes, over the budget of ${swarmctlBundleBytesMax}\n`);
  process.exit(1);
}
const sha256 = createHash("sha256").update(code).digest("hex");
// Renamed into place, so a swarmctl starting during a build reads the old bundle or the new one, whole.
const temporary = join(outDir, `${swarmctlBundleFile}.${process.pid}.tmp`);
writeFileSync(temporary, `${bundleHeaderPrefix}${sha256}\n${code}`);
renameSync(temporary, join(outDir, swarmctlBundleFile));
