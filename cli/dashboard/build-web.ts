// Builds the dashboard's page (`npm run build` runs it after tsc): bundles cli/dashboard/web/ with
// esbuild (Preact included, minified) and writes one self-contained page, its script and styles
// inline, to dist/cli/dashboard/assets/index.html, which `swarmctl dashboard` serves (its
// Content-Security-Policy names the inline script and styles by their hashes). One file means
// one request before the page can open its live stream. It fetches nothing: everything comes
// from node_modules. It refuses a script over the size budget, so a heavy dependency never slips
// in unnoticed.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/** The page's JavaScript, gzipped, may not exceed this. */
export const pageScriptGzipBytesMax = 150 * 1024;

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const web = join(here, "web");
const out = join(root, "dist", "cli", "dashboard", "assets");

const result = await build({
  entryPoints: { app: join(web, "main.tsx") },
  bundle: true,
  minify: true,
  format: "esm",
  target: ["es2022", "chrome110", "firefox110", "safari16"],
  jsx: "automatic",
  jsxImportSource: "preact",
  outdir: out,
  write: false,
  legalComments: "none",
  logLevel: "warning",
  tsconfig: join(web, "tsconfig.json"),
});
const output = (ext: string): string => {
  const file = result.outputFiles.find((f) => f.path.endsWith(ext));
  if (!file) throw new Error(`build-web: esbuild wrote no ${ext}`);
  return file.text;
};
const script = output(".js").trim();
const styles = output(".css").trim();
// An inline script ends at the first "</script" in it, wherever that is.
if (/<\/script/i.test(script) || /<\/style/i.test(styles)) throw new Error("build-web: the bundle holds a closing tag");
const template = readFileSync(join(web, "index.html"), "utf8");
const page = template
  .replace('<link rel="stylesheet" href="/app.css" />', () => `<style>${styles}</style>`)
  .replace('<script type="module" src="/app.js"></script>', () => `<script type="module">${script}</script>`);
if (page === template) throw new Error("build-web: index.html lost its script or stylesheet tag");

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "index.html"), page);
const gzipped = gzipSync(script, { level: 9 }).length;
if (gzipped > pageScriptGzipBytesMax) {
  process.stderr.write(
    `build-web: the page's script is ${gzipped} bytes gzipped, over the budget of ${pageScriptGzipBytesMax}\n`,
  );
  process.exit(1);
}
