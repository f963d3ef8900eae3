// Goal: the connection flags before the command, in every spelling Docker accepts, come off argv;
// the first other word ends them, so the same spellings after the command stay the command's.
import test from "ava";
import { UsageError } from "../client/usage-error.js";
import { splitGlobalFlags } from "./global-flags.js";

test("splitGlobalFlags takes -H and --host before the command in every spelling", (t) => {
  for (const argv of [
    ["-H", "10.0.0.2:4242", "service", "ls"],
    ["-H=10.0.0.2:4242", "service", "ls"],
    ["-H10.0.0.2:4242", "service", "ls"],
    ["--host", "10.0.0.2:4242", "service", "ls"],
    ["--host=10.0.0.2:4242", "service", "ls"],
  ])
    t.deepEqual(splitGlobalFlags(argv), { global: { host: "10.0.0.2:4242" }, rest: ["service", "ls"] }, argv.join(" "));
});

test("splitGlobalFlags takes the operator's certificate files too, the last spelling winning", (t) => {
  t.deepEqual(
    splitGlobalFlags([
      "--tlscacert",
      "ca.pem",
      "--tlscert=cert.pem",
      "--tlskey",
      "key.pem",
      "-H",
      "a:1",
      "-H",
      "b:2",
      "node",
      "ls",
    ]),
    { global: { tlsCaCert: "ca.pem", tlsCert: "cert.pem", tlsKey: "key.pem", host: "b:2" }, rest: ["node", "ls"] },
  );
});

test("splitGlobalFlags leaves flags after the command to the command", (t) => {
  const argv = ["service", "create", "--host", "db:10.0.0.9", "-H", "x", "busybox"];
  t.deepEqual(splitGlobalFlags(argv), { global: {}, rest: argv });
  t.deepEqual(splitGlobalFlags(["--help"]), { global: {}, rest: ["--help"] });
  t.deepEqual(splitGlobalFlags(["-H", "a:1", "--help"]), { global: { host: "a:1" }, rest: ["--help"] });
});

test("splitGlobalFlags refuses a global flag without a value", (t) => {
  t.throws(() => splitGlobalFlags(["-H"]), { instanceOf: UsageError, message: /-H: needs a value/ });
  t.throws(() => splitGlobalFlags(["--host="]), { instanceOf: UsageError });
});
