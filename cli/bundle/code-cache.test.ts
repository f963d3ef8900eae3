// Goal: the bundled swarmctl's code cache only ever saves time: a run writes it, a later run of another
// command extends it, and a cache of another bundle, another Node or corrupt bytes is never trusted.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import test from "ava";
import { codeCacheFile, codeCacheHeader, readCodeCache, writeCodeCache } from "./code-cache.js";
import { commandWordsOf } from "../commands/command-words.js";
import { runBundle } from "./run-bundle.js";

/**
 * A bundle as build-swarmctl.ts writes one: the header line, then CommonJS exporting swarmctlMain and
 * commandWordsOf (here: the words of lower-case letters).
 */
function fakeBundle(dir: string, body: string): string {
  const path = join(dir, "swarmctl-bundle.cjs");
  writeFileSync(path, `//swarmctl-bundle sha256=${"ab".repeat(32)}\n${body}`);
  return path;
}

const mainBody =
  "exports.swarmctlMain = async (argv) => argv.length + (typeof __swarmctlImport === 'function' ? 40 : 0);" +
  "exports.commandWordsOf = (argv) => argv.filter((w) => /^[a-z]+$/.test(w)).join(' ');";

test.serial("runBundle runs the bundle's main and records each command its code cache was made by", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "swarmctl-code-cache-"));
  process.env["XDG_CACHE_HOME"] = dir;
  try {
    const bundle = fakeBundle(dir, mainBody);
    t.is(await runBundle(bundle, ["service", "ls"]), 42);
    const file = codeCacheFile(join(dir, "swarm-ts"), bundle);
    const header = `${codeCacheHeader("ab".repeat(32))}size ${readFileSync(bundle).length}\n`;
    t.deepEqual(readCodeCache(file, header)?.commands, ["service ls"]);
    t.is(await runBundle(bundle, ["-H", "unix:///x.sock", "node", "ls", "-q"]), 45);
    t.deepEqual(readCodeCache(file, header)?.commands, ["service ls", "node ls"]);
    t.true((readCodeCache(file, header)?.data.length ?? 0) > 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.serial("runBundle runs over a corrupt code cache and replaces it", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "swarmctl-code-cache-"));
  process.env["XDG_CACHE_HOME"] = dir;
  try {
    const bundle = fakeBundle(dir, mainBody);
    const file = codeCacheFile(join(dir, "swarm-ts"), bundle);
    const header = `${codeCacheHeader("ab".repeat(32))}size ${readFileSync(bundle).length}\n`;
    const garbage = Buffer.alloc(4096, 7);
    writeCodeCache(file, header, ["service ls"], garbage);
    t.is(await runBundle(bundle, ["service", "ls"]), 42);
    const rewritten = readCodeCache(file, header);
    t.deepEqual(rewritten?.commands, ["service ls"]);
    t.false(rewritten?.data.equals(garbage));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("readCodeCache refuses a cache made for another bundle or a cache without its commands line", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "swarmctl-code-cache-"));
  try {
    const file = join(dir, "c.v8cache");
    writeCodeCache(file, codeCacheHeader("ab".repeat(32)), ["x"], Buffer.from("data"));
    t.is(readCodeCache(file, codeCacheHeader("cd".repeat(32))), undefined);
    t.deepEqual(readCodeCache(file, codeCacheHeader("ab".repeat(32)))?.data, Buffer.from("data"));
    writeFileSync(file, `${codeCacheHeader("ab".repeat(32))}data`);
    t.is(readCodeCache(file, codeCacheHeader("ab".repeat(32))), undefined);
    t.is(readCodeCache(join(dir, "absent"), codeCacheHeader("ab".repeat(32))), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("commandWordsOf names the command after the global flags, without its flags or arguments", (t) => {
  t.is(commandWordsOf(["service", "ls", "--quiet"]), "service ls");
  t.is(commandWordsOf(["-H", "unix:///s.sock", "node", "ls"]), "node ls");
  t.is(
    commandWordsOf(["--host=10.0.0.2:4242", "cluster", "ca", "issue-client", "--name", "ops"]),
    "cluster ca issue-client",
  );
  t.is(commandWordsOf(["service", "inspect", "web"]), "service inspect");
  t.is(commandWordsOf(["service", "lss"]), "");
  t.is(commandWordsOf(["--version"]), "");
  t.is(commandWordsOf(["-H"]), "");
});

test("swarmctl's loader imports only Node built-ins and its own files, never a module the bundle holds", (t) => {
  // Anything else is loaded beside the bundle on every start: importing the command-word parser
  // from cli/commands/ once made Node load common/ and grpc-js as some 100 separate modules.
  const here = dirname(fileURLToPath(import.meta.url));
  const loaderFiles = [join(here, "..", "swarmctl.ts"), join(here, "run-bundle.ts"), join(here, "code-cache.ts")];
  const allowed = new Set(["./bundle/lean-bundle.js", "./bundle/run-bundle.js", "./code-cache.js"]);
  for (const file of loaderFiles) {
    const specifiers = [...readFileSync(file, "utf8").matchAll(/^import\b[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1]!);
    t.true(specifiers.length > 0, file);
    t.deepEqual(
      specifiers.filter((s) => !s.startsWith("node:") && !allowed.has(s)),
      [],
      file,
    );
  }
});
