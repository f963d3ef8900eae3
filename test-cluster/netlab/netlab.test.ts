// The lab cleans up after itself, after a failure too, and sweeps what a crashed run left: its
// namespaces, /etc/netns files, and the links, chains and addresses of an agent it ran in the
// host's own namespace. Needs root; CI runs as root, and there a missing root fails.
import test from "ava";
import type { ExecutionContext } from "ava";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { childScriptArgs } from "../../common/index.js";
import { canBuildNetlab, labExec, Netlab, sweepNetlabs } from "./netlab.js";

function needsRoot(t: ExecutionContext): boolean {
  if (canBuildNetlab()) return true;
  if (process.env.CI !== undefined) t.fail("the network lab needs root, and CI runs as root");
  else t.log("the network lab needs root: not run");
  t.pass();
  return false;
}

/** Namespaces and /etc/netns entries whose name starts with `prefix`. */
function leftovers(prefix: string): string[] {
  return ["/run/netns", "/etc/netns"].flatMap((dir) =>
    existsSync(dir) ? readdirSync(dir).filter((n) => n.startsWith(prefix)) : [],
  );
}

test("Netlab removes every namespace it made when the body fails", async (t) => {
  if (!needsRoot(t)) return;
  const lab = await Netlab.create(2);
  const id = lab.id;
  await t.throwsAsync(async () => {
    try {
      await labExec("ip", ["netns", "add", lab.name("t0-task")]);
      t.is(leftovers(id).length, 4);
      throw new Error("the test body failed");
    } finally {
      await lab.destroy();
    }
  });
  t.deepEqual(leftovers(id), []);
});

test("sweepNetlabs removes what a crashed run left, host-namespace agent included", async (t) => {
  if (!needsRoot(t)) return;
  t.timeout(120_000);
  const routes = await labExec("ip", ["-4", "route", "show"]);
  let third = 0;
  do third = 100 + (randomBytes(1)[0]! % 150);
  while (routes.includes(`198.19.${third}.`));
  const prefix = `y${(randomBytes(1)[0]! % 36).toString(36)}`;
  const out = await new Promise<string>((resolve) => {
    execFile(
      process.execPath,
      [...childScriptArgs(import.meta.url, "crash-lab-main"), prefix, String(third)],
      (_error, stdout) => resolve(stdout),
    );
  });
  const { id } = JSON.parse(out.trim().split("\n").pop() ?? "{}") as { id: string };
  t.true(id.startsWith("swlab-"));
  t.true(leftovers(id).length >= 3, "the crashed run left its namespaces and files");
  t.true((await labExec("ip", ["-o", "link", "show"])).includes(`${prefix}vx-`));
  t.true((await labExec("iptables-save", ["-t", "nat"])).includes(`SWARM-NET-${prefix.toUpperCase()}`));
  const swept = await sweepNetlabs();
  t.true(swept.includes(id));
  t.deepEqual(leftovers(id), []);
  t.false((await labExec("ip", ["-o", "link", "show"])).includes(`${prefix}sw-`));
  t.false((await labExec("ip", ["-o", "link", "show"])).includes(`${prefix}vx-`));
  const save = await labExec("iptables-save", []);
  t.false(save.includes(`-${prefix.toUpperCase()}`));
  t.false((await labExec("ip", ["-4", "route", "show"])).includes(`198.19.${third}.`));
});
