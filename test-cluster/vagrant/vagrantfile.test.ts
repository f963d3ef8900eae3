// Goal: the Vagrantfile cannot run here (no hypervisor), so check what can be checked: Ruby parses
// it, it defines the five nodes with their addresses, and every provisioning script passes `bash -n`
// and shellcheck.
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import test from "ava";

const run = promisify(execFile);
const root = join(import.meta.dirname, "..", "..");
const scripts = readdirSync(join(root, "vagrant"))
  .filter((f) => f.endsWith(".sh"))
  .map((f) => join(root, "vagrant", f));

test("Vagrantfile parses as Ruby and defines three managers and two workers", async (t) => {
  const { stdout } = await run("ruby", ["-c", join(root, "Vagrantfile")]);
  t.regex(stdout, /Syntax OK/);
  const text = readFileSync(join(root, "Vagrantfile"), "utf8");
  for (const [name, role] of [
    ["mgr1", "manager"],
    ["mgr2", "manager"],
    ["mgr3", "manager"],
    ["wkr1", "worker"],
    ["wkr2", "worker"],
  ] as const) {
    t.regex(text, new RegExp(`"${name}" => \\["${role}", \\d+\\]`));
  }
  // Every script the Vagrantfile names exists.
  for (const [, path] of text.matchAll(/(vagrant\/[\w-]+\.sh)/g)) t.true(scripts.includes(join(root, path!)), path);
});

test("Vagrant provisioning scripts pass bash -n and shellcheck", async (t) => {
  t.true(scripts.length >= 4);
  for (const script of scripts) {
    await run("bash", ["-n", script]);
    const { stdout } = await run("shellcheck", ["--severity=style", script]);
    t.is(stdout, "", script);
  }
});
