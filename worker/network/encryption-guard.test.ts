// The encrypted networks' guard, pure parts and the chain's upkeep on a fake iptables: its rules,
// reading it back from iptables-save (mangle only), putting its jump first, widening and removing.
import test from "ava";
import type { CommandRunner } from "./command-runner.js";
import { EncryptionGuard, guardRules, parseGuard, renderGuard, unionRules } from "./encryption-guard.js";

test("guardRules keeps the tunnel pool on the tunnel and each encrypted subnet on its bridge", (t) => {
  t.deepEqual(
    guardRules({
      tunnel: "swarm-wg",
      pools: ["169.254.128.9/17", "169.254.130.1/17"],
      networks: [{ subnet: "10.0.1.7/24", bridge: "sw-aaaaaaaaaa" }],
    }),
    [
      "-o lo -j RETURN",
      "-d 10.0.1.0/24 ! -o sw-aaaaaaaaaa -j DROP",
      "-d 169.254.128.0/17 ! -o swarm-wg -j DROP",
      "-s 169.254.128.0/17 ! -o swarm-wg -j DROP",
    ],
  );
  t.deepEqual(guardRules({ tunnel: "swarm-wg", pools: [], networks: [] }), []);
  t.deepEqual(
    unionRules(
      ["-o lo -j RETURN", "-d 10.0.2.0/24 ! -o sw-b -j DROP"],
      ["-o lo -j RETURN", "-d 10.0.1.0/24 ! -o sw-a -j DROP"],
    ),
    ["-o lo -j RETURN", "-d 10.0.1.0/24 ! -o sw-a -j DROP", "-d 10.0.2.0/24 ! -o sw-b -j DROP"],
  );
});

const save = (postrouting: readonly string[], rules: readonly string[]): string =>
  [
    "*nat",
    ":POSTROUTING ACCEPT [0:0]",
    "-A POSTROUTING -j SWARM-NET-POST",
    "COMMIT",
    "*mangle",
    ":POSTROUTING ACCEPT [0:0]",
    ...(rules.length > 0 ? [":SWARM-ENC-GUARD - [0:0]"] : []),
    ...postrouting.map((r) => `-A POSTROUTING ${r}`),
    ...rules.map((r) => `-A SWARM-ENC-GUARD ${r}`),
    "COMMIT",
    "",
  ].join("\n");

test("parseGuard reads the chain and its jumps from the mangle table only", (t) => {
  const rules = ["-o lo -j RETURN", "-d 10.0.1.0/24 ! -o sw-a -j DROP"];
  t.deepEqual(parseGuard(save(["-j SWARM-ENC-GUARD"], rules), "SWARM-ENC-GUARD"), {
    rules,
    exists: true,
    jumps: 1,
    jumpFirst: true,
  });
  t.like(parseGuard(save(["-j OTHER", "-j SWARM-ENC-GUARD"], rules), "SWARM-ENC-GUARD"), {
    jumps: 1,
    jumpFirst: false,
  });
  t.deepEqual(parseGuard(save([], []), "SWARM-ENC-GUARD"), { rules: [], exists: false, jumps: 0, jumpFirst: false });
});

test("renderGuard fills the chain in one commit, moves its jump first, and removes it", (t) => {
  t.is(
    renderGuard("G", ["-o lo -j RETURN"], 1, false),
    "*mangle\n:G - [0:0]\n-D POSTROUTING -j G\n-I POSTROUTING 1 -j G\n-A G -o lo -j RETURN\nCOMMIT\n",
  );
  t.is(renderGuard("G", ["-o lo -j RETURN"], 1, true), "*mangle\n:G - [0:0]\n-A G -o lo -j RETURN\nCOMMIT\n");
  t.is(renderGuard("G", [], 2, true), "*mangle\n:G - [0:0]\n-D POSTROUTING -j G\n-D POSTROUTING -j G\n-X G\nCOMMIT\n");
});

test("EncryptionGuard keeps a chain an earlier run left until it is told to narrow, and runs nothing while nothing changes", async (t) => {
  const left = ["-o lo -j RETURN", "-d 10.0.9.0/24 ! -o sw-old -j DROP"];
  const calls: string[] = [];
  const run: CommandRunner = (program, args, input) => {
    calls.push([program, ...args].join(" ") + (input === undefined ? "" : `\n${input}`));
    return Promise.resolve(program === "iptables-save" ? save(["-j SWARM-ENC-GUARD"], left) : "");
  };
  const guard = new EncryptionGuard(run, "SWARM-ENC-GUARD");
  const wanted = ["-o lo -j RETURN", "-d 10.0.1.0/24 ! -o sw-new -j DROP"];
  const wide = await guard.widened(wanted);
  t.deepEqual(wide, ["-o lo -j RETURN", "-d 10.0.1.0/24 ! -o sw-new -j DROP", "-d 10.0.9.0/24 ! -o sw-old -j DROP"]);
  await guard.hold(wide);
  t.is(calls.length, 2);
  t.is(calls[1], `iptables-restore -w 5 --noflush\n${renderGuard("SWARM-ENC-GUARD", wide, 1, true)}`);
  await guard.hold(wide);
  t.is(calls.length, 2, "no change, no process");
  await guard.hold(wanted);
  t.is(calls[2], `iptables-restore -w 5 --noflush\n${renderGuard("SWARM-ENC-GUARD", wanted, 1, true)}`);
  t.deepEqual(guard.rules(), wanted);
});
