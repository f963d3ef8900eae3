// The page's files, built by `npm run build` (cli/dashboard/build-web.ts) into
// dist/cli/dashboard/assets/ (one self-contained index.html) and served from memory: read once at
// start, gzipped once, with an ETag so a reload costs a 304. Nothing is fetched from anywhere
// else, at build or at run time.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, extname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { SwarmError } from "../../../common/index.js";

const here = dirname(fileURLToPath(import.meta.url));

/** Where the built assets are: beside the built server, or in dist/ when this file runs from source. */
export const assetsDir = here.includes(`${sep}dist${sep}`)
  ? join(here, "..", "assets")
  : join(here, "..", "..", "..", "dist", "cli", "dashboard", "assets");

/** The page's entry file. */
export const indexFile = "index.html";

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".map": "application/json",
};

/** One file, ready to send. */
export interface Asset {
  readonly body: Buffer;
  readonly gzipped: Buffer;
  readonly contentType: string;
  readonly etag: string;
  /** The Content-Security-Policy of a page: its own inline script and styles, by hash, and nothing else. */
  readonly policy?: string;
}

/**
 * The policy of a page whose script and styles are inline (as build-web.ts writes it): only
 * those, named by their SHA-256, may run or apply; the page may connect only to this server.
 */
export function pagePolicy(html: string): string {
  const hash = (text: string): string => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
  const scripts = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map((m) => hash(m[1]!));
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => hash(m[1]!));
  return [
    "default-src 'none'",
    `script-src ${scripts.join(" ") || "'none'"}`,
    `style-src ${styles.join(" ") || "'none'"}`,
    "img-src data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/** The built assets are missing: swarmctl was not built with its dashboard. */
export class AssetsMissingError extends SwarmError {
  constructor(dir: string) {
    super("DASHBOARD_NOT_BUILT", `the dashboard's files are missing from ${dir}: run \`npm run build\``, {
      context: { dir },
    });
  }
}

/** Reads every asset of `dir` by its URL path ("/app.js"); "/" is the index. */
export function loadAssets(dir = assetsDir): Map<string, Asset> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => contentTypes[extname(n)] && !n.endsWith(".map"));
  } catch {
    throw new AssetsMissingError(dir);
  }
  if (!names.includes(indexFile)) throw new AssetsMissingError(dir);
  const assets = new Map<string, Asset>();
  for (const name of names) {
    const body = readFileSync(join(dir, name));
    assets.set(`/${name}`, {
      body,
      gzipped: gzipSync(body, { level: 9 }),
      contentType: contentTypes[extname(name)]!,
      etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`,
      ...(extname(name) === ".html" ? { policy: pagePolicy(body.toString("utf8")) } : {}),
    });
  }
  assets.set("/", assets.get(`/${indexFile}`)!);
  return assets;
}
