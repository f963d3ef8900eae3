// Builds the dashboard's page (`npm run build` runs it after tsc): bundles cli/dashboard/web/ with
// esbuild (Preact included, minified) and copies the page into dist/cli/dashboard/assets/, where
// `swarmctl dashboard` serves it from. It fetches nothing: everything comes from node_modules.
// It refuses a bundle over the size budget, so a heavy dependency never slips in unnoticed.
import { copyFileSync, mkdirSync, readFileSync, rmSync } from "node:fs";
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

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { app: join(web, "main.tsx") },
  bundle: true,
  minify: true,
  format: "esm",
  target: ["es2022", "chrome110", "firefox110", "safari16"],
  jsx: "automatic",
  jsxImportSource: "preact",
  outdir: out,
  legalComments: "none",
  logLevel: "warning",
  tsconfig: join(web, "tsconfig.json"),
});
copyFileSync(join(web, "index.html"), join(out, "index.html"));
const gzipped = gzipSync(readFileSync(join(out, "app.js")), { level: 9 }).length;
if (gzipped > pageScriptGzipBytesMax) {
  process.stderr.write(`build-web: app.js is ${gzipped} bytes gzipped, over the budget of ${pageScriptGzipBytesMax}\n`);
  process.exit(1);
}
