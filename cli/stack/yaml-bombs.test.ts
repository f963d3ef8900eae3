// Goal: stack files built to exhaust the loader — a wide anchor used thousands of times, a merge
// key repeated thousands of times, deep nesting in flow and block style, deeply nested variable
// defaults — are each refused with one StackFileError naming the file and the line, quickly and
// without running out of memory or stack. The files are generated here; each stays under the
// alias limit, so only the bounds on expanded size and depth can stop it. The time bound asserted
// is generous (a loaded CI machine); the measured time is logged. The tests run one at a time, as
// each refusal is synchronous work that would otherwise be timed with its neighbours.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { loadStack, StackFileError } from "./index.js";

const dir = mkdtempSync(join(tmpdir(), "stack-bombs-"));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

/** Far above the refusal times measured (0.2–1 s alone), for a loaded 2-core machine running other tests. */
const refusalMsMax = 20_000;

/** Writes `text` as `name` in the test folder and loads it; returns the refusal and how long it took. */
async function refusalOf(name: string, text: string): Promise<{ error: StackFileError; ms: number }> {
  writeFileSync(join(dir, name), text);
  const started = performance.now();
  const outcome = await loadStack([name], { env: {}, cwd: dir }).then(
    () => undefined,
    (e: unknown) => e,
  );
  const ms = performance.now() - started;
  if (!(outcome instanceof StackFileError)) throw new Error(`expected a StackFileError, got ${String(outcome)}`);
  return { error: outcome, ms };
}

/** The 1-based line of the first occurrence of `needle` in `text`. */
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  return text.slice(0, at).split("\n").length;
}

/** A service that makes the rest of a bomb file a valid stack. */
const service = "services:\n  web:\n    image: process://sleep\n";

test.serial("loadStack refuses a wide anchor used 9,999 times, naming the file and line", async (t) => {
  t.timeout(60_000);
  const wide = Array.from({ length: 1_000 }, (_, i) => `v${i}`).join(", ");
  const uses = Array.from({ length: 9_999 }, (_, i) => `  k${i}: *wide\n`).join("");
  const text = `x-wide: &wide [${wide}]\nx-uses:\n${uses}${service}`;
  const { error, ms } = await refusalOf("wide.yml", text);
  t.log(`${text.length} bytes refused in ${ms.toFixed(0)} ms: ${error.message}`);
  t.is(error.file, "wide.yml");
  t.true(error.line > lineOf(text, "k0:") && error.line < lineOf(text, "services:"), error.message);
  t.regex(error.message, /^wide\.yml:\d+: .*expands to more than/);
  t.true(ms < refusalMsMax);
});

test.serial("loadStack refuses a merge key repeated thousands of times, naming the file and line", async (t) => {
  t.timeout(60_000);
  const keys = Array.from({ length: 5_000 }, (_, i) => `k${i}: v`).join(", ");
  const merges = Array.from({ length: 9_000 }, () => "  <<: *big\n").join("");
  const text = `x-big: &big {${keys}}\nx-merged:\n${merges}${service}`;
  const { error, ms } = await refusalOf("merge.yml", text);
  t.log(`${text.length} bytes refused in ${ms.toFixed(0)} ms: ${error.message}`);
  t.is(error.file, "merge.yml");
  t.true(error.line > lineOf(text, "x-merged:") && error.line < lineOf(text, "services:"), error.message);
  t.regex(error.message, /^merge\.yml:\d+: .*expands to more than/);
  t.true(ms < refusalMsMax);
});

test.serial("loadStack refuses a merge list naming one anchor thousands of times", async (t) => {
  t.timeout(60_000);
  const keys = Array.from({ length: 5_000 }, (_, i) => `k${i}: v`).join(", ");
  const text = `x-big: &big {${keys}}\nx-merged:\n  <<: [${Array(9_000).fill("*big").join(", ")}]\n${service}`;
  const { error, ms } = await refusalOf("merge-list.yml", text);
  t.log(`${text.length} bytes refused in ${ms.toFixed(0)} ms: ${error.message}`);
  t.is(error.line, lineOf(text, "<<:"));
  t.regex(error.message, /^merge-list\.yml:3: .*expands to more than/);
  t.true(ms < refusalMsMax);
});

test.serial("loadStack refuses 100,000 nested flow sequences at the line they start on", async (t) => {
  t.timeout(60_000);
  const depth = 100_000;
  const text = `${service}x-deep:\n  - ${"[".repeat(depth)}${"]".repeat(depth)}\n`;
  const { error, ms } = await refusalOf("deep-flow.yml", text);
  t.log(`${text.length} bytes refused in ${ms.toFixed(0)} ms: ${error.message}`);
  t.is(error.line, lineOf(text, "[["));
  t.regex(error.message, /^deep-flow\.yml:5: .*nested deeper than \d+ levels/);
  t.true(ms < refusalMsMax);
});

test.serial("loadStack refuses deeply nested block mappings at the first line too deep", async (t) => {
  t.timeout(60_000);
  const depth = 2_500;
  const lines = Array.from({ length: depth }, (_, i) => `${" ".repeat(i + 1)}k${i}:`).join("\n");
  const text = `${service}x-deep:\n${lines} end\n`;
  const { error, ms } = await refusalOf("deep-block.yml", text);
  t.log(`${text.length} bytes refused in ${ms.toFixed(0)} ms: ${error.message}`);
  t.regex(error.message, /^deep-block\.yml:\d+: .*nested deeper than (\d+) levels/);
  const limit = Number(/deeper than (\d+)/.exec(error.message)?.[1]);
  // The first line too deep: the key at depth `limit` (x-deep is depth 1, k0 depth 2, …).
  t.true(Math.abs(error.line - lineOf(text, ` k${limit - 1}:`)) <= 2, error.message);
  t.true(ms < refusalMsMax);
});

test.serial("loadStack refuses deeply nested aliases of nested anchors", async (t) => {
  t.timeout(60_000);
  // Each anchor nests the one before it two levels down: depth grows through aliases only.
  const anchors = ["x-a0: &a0 [end]"];
  for (let i = 1; i < 200; i += 1) anchors.push(`x-a${i}: &a${i} [[*a${i - 1}]]`);
  const text = `${anchors.join("\n")}\n${service}`;
  const { error, ms } = await refusalOf("deep-alias.yml", text);
  t.log(`${text.length} bytes refused in ${ms.toFixed(0)} ms: ${error.message}`);
  t.regex(error.message, /^deep-alias\.yml:\d+: .*nested deeper than \d+ levels/);
  t.true(error.line > 1 && error.line <= 200, error.message);
  t.true(ms < refusalMsMax);
});

test.serial("loadStack refuses deeply nested variable defaults, naming the file, line and key", async (t) => {
  t.timeout(60_000);
  const depth = 20_000;
  const text = `${service}    environment:\n      DEEP: "${"${X:-".repeat(depth)}x${"}".repeat(depth)}"\n`;
  const { error, ms } = await refusalOf("deep-vars.yml", text);
  t.log(`${text.length} bytes refused in ${ms.toFixed(0)} ms: ${error.message}`);
  t.like(error, { file: "deep-vars.yml", line: 5, path: "services.web.environment.DEEP" });
  t.regex(error.message, /nested deeper than \d+ levels/);
  t.true(ms < refusalMsMax);
});

test.serial("loadStack still reads anchors, aliases and merge keys used within bounds", async (t) => {
  t.timeout(30_000);
  const text = [
    "x-env: &env {A: '1', B: '2'}",
    "x-deploy: &deploy",
    "  replicas: 2",
    "services:",
    "  web:",
    "    image: process://sleep",
    "    environment: *env",
    "    deploy:",
    "      <<: *deploy",
    "      labels: {tier: '${TIER:-${FALLBACK:-front}}'}",
    "  api:",
    "    image: process://sleep",
    "    environment:",
    "      <<: *env",
    "      B: '3'",
  ].join("\n");
  writeFileSync(join(dir, "fine.yml"), text);
  const loaded = await loadStack(["fine.yml"], { env: {}, cwd: dir });
  const byName = new Map(loaded.services.map((s) => [s.name, s.spec]));
  t.deepEqual(byName.get("web")?.task?.container?.env, ["A=1", "B=2"]);
  t.is(byName.get("web")?.replicated?.replicas, 2);
  t.deepEqual(byName.get("web")?.annotations?.labels, { tier: "front" });
  t.deepEqual(byName.get("api")?.task?.container?.env, ["A=1", "B=3"]);
});

test.serial("loadStack refuses a key written twice in one mapping, naming both lines", async (t) => {
  const text = `${service}    hostname: a\n    hostname: b\n`;
  const { error } = await refusalOf("duplicate.yml", text);
  t.is(error.line, 5);
  t.regex(error.message, /^duplicate\.yml:5: .*hostname.*line 4/);
});
