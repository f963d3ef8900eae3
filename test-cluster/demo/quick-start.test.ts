// Goal: the Quick start's two commands set the machine up themselves: npm runs .ci/needs before
// `npm run demo` and `npm test` (and .ci/run runs it too), which is silent when everything is
// installed and otherwise names the Debian packages it installs through apt-get. The README keeps
// exactly two Quick start commands, one for the demo and one for the tests.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import test from "ava";

const root = resolve(import.meta.dirname, "..", "..");

test("npm run demo and npm test install what they need first, as .ci/run does", (t) => {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
  t.is(pkg.scripts.predemo, "bash .ci/needs demo");
  t.is(pkg.scripts.pretest, "bash .ci/needs test");
  const ci = readFileSync(join(root, ".ci", "run"), "utf8");
  t.regex(ci, /^bash \.ci\/needs test$/m);
  t.regex(ci, /^npm test$/m);
  t.is(spawnSync("shellcheck", ["--severity=style", join(root, ".ci", "needs"), join(root, ".ci", "run")]).status, 0);
});

test(".ci/needs is silent when everything is there and names what it would install otherwise", (t) => {
  // CI has every package: nothing to say, nothing to do.
  for (const purpose of ["demo", "test"]) {
    t.is(execFileSync("bash", [join(root, ".ci", "needs"), purpose, "--dry-run"], { encoding: "utf8" }), "", purpose);
  }
  // A PATH holding nothing but bash: Redis (in /usr/bin) is missing, and the script says what it would install.
  const bin = mkdtempSync(join(tmpdir(), "swarm-needs-"));
  t.teardown(() => rmSync(bin, { recursive: true, force: true }));
  symlinkSync(execFileSync("bash", ["-c", "command -v bash"], { encoding: "utf8" }).trim(), join(bin, "bash"));
  const out = execFileSync(join(bin, "bash"), [join(root, ".ci", "needs"), "demo", "--dry-run"], {
    encoding: "utf8",
    env: { PATH: bin },
  });
  t.regex(out, /the demo needs these Debian packages, which are missing: redis-server redis-tools\n/);
  t.regex(
    out,
    /would run: apt-get update && apt-get install -y -qq --no-install-recommends redis-server redis-tools\n/,
  );
  t.is(spawnSync("bash", [join(root, ".ci", "needs"), "frobnicate"]).status, 2);
});

test("the README's Quick start is two commands: the demo and the tests", (t) => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const block = /## Quick start\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
  const commands = block
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim())
    .filter((l) => l !== "");
  t.deepEqual(commands, ["npm ci && npm run demo", "npm ci && npm test"]);
});
