// Bundles swarmctl (`npm run build` runs it after tsc): the compiled dist/cli/commands/swarmctl-main.js and
// everything it reaches, @oclif/core, grpc-js and protobufjs included, become one CommonJS file,
// dist/cli/swarmctl-bundle.cjs, which dist/cli/swarmctl.js runs (see run-bundle.ts). Node resolves, reads
// and compiles some 300 files to start the unbundled CLI; one file, compiled once into a V8 code cache, is
// what makes `swarmctl service ls` answer as fast as an operator expects. It bundles the compiled
// JavaScript rather than the sources, so every module's import.meta.url can still name its own file in
// dist/ (the Compose schema, the dashboard's page and the swarmd entry are found next to them). A second,
// much smaller bundle, dist/cli/swarmctl-lean.cjs, holds only the lean list path (cli/lean/): no oclif,
// no grpc-js, and the build fails if either slips into it.
import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";
import { lazyMessages } from "./lazy-messages.js";
import { leanBundleFile } from "./lean-bundle.js";
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

/**
 * Marks every compiled module of the project free of side effects for the lean bundle, so esbuild keeps
 * only the modules whose exports the lean path uses: common/index.ts and proto/index.ts re-export
 * modules that load grpc-js, and the lean bundle must not hold them. The one module imported for its
 * side effect (the generated messages' Long setting) stays.
 */
const onlyWhatIsUsed: Plugin = {
  name: "only-what-is-used",
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      const path = resolve(args.resolveDir, args.path);
      if (!path.startsWith(dist + sep) || path.endsWith(`${sep}protobuf-longs.js`)) return undefined;
      return { path, sideEffects: false };
    });
  },
};

/** Builds the generated message classes on first use in the lean bundle (see lazy-messages.ts). */
const lazyGeneratedMessages: Plugin = {
  name: "lazy-generated-messages",
  setup(b) {
    const generated = join(dist, "proto", "gen", "swarm.js");
    b.onLoad({ filter: /[\\/]swarm\.js$/ }, (args) =>
      args.path === generated
        ? { contents: lazyMessages(readFileSync(args.path, "utf8")), loader: "js", resolveDir: dirname(args.path) }
        : undefined,
    );
  },
};

/** Packages the lean bundle may not hold: loading them is what the lean path saves. */
export const notInLeanBundle = ["@grpc/grpc-js", "@oclif/core"];

/** Bundles entry into dist/cli/file (header line, then the CommonJS); returns the files it holds code of. */
async function writeBundle(entry: string, file: string, plugins: readonly Plugin[]): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    // No identifiers renamed: class and error names stay what the sources say.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: "none",
    external: unbundledPackages,
    plugins: [...plugins, noStaticImportOfUnbundled, importMetaOfOwnFile],
    metafile: true,
    write: false,
    outfile: join(outDir, file),
    logLevel: "warning",
  });
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error(`build-swarmctl: esbuild wrote no ${file}`);
  const leftImports = [...code.matchAll(/(?<![\w$.])import\((?!\)).{0,60}/g)].map((m) => m[0]);
  if (leftImports.length > 0) {
    process.stderr.write(
      `build-swarmctl: import() left in ${file} (see bundleImportName):\n  ${leftImports.join("\n  ")}\n`,
    );
    process.exit(1);
  }
  const bytes = Buffer.byteLength(code);
  if (bytes > swarmctlBundleBytesMax) {
    process.stderr.write(`build-swarmctl: ${file} is ${bytes} bytes, over the budget of ${swarmctlBundleBytesMax}\n`);
    process.exit(1);
  }
  const sha256 = createHash("sha256").update(code).digest("hex");
  // Renamed into place, so a swarmctl starting during a build reads the old bundle or the new one, whole.
  const temporary = join(outDir, `${file}.${process.pid}.tmp`);
  writeFileSync(temporary, `${bundleHeaderPrefix}${sha256}\n${code}`);
  renameSync(temporary, join(outDir, file));
  // The files that put code into the bundle (esbuild lists the ones it dropped as inputs too).
  const inputs = Object.values(result.metafile?.outputs ?? {})[0]?.inputs ?? {};
  return Object.entries(inputs)
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path);
}

await writeBundle(join(outDir, "commands", "swarmctl-main.js"), swarmctlBundleFile, []);
const leanInputs = await writeBundle(join(outDir, "lean", "lean-main.js"), leanBundleFile, [
  onlyWhatIsUsed,
  lazyGeneratedMessages,
]);
const heavy = leanInputs.filter((input) => notInLeanBundle.some((p) => input.includes(`node_modules/${p}/`)));
if (heavy.length > 0) {
  process.stderr.write(`build-swarmctl: the lean bundle holds ${heavy.slice(0, 5).join(", ")}…\n`);
  process.exit(1);
}
