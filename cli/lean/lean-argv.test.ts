// Goal: the lean path takes only the plain spellings of the list commands' flags and hands every other
// command line back to oclif, so it never answers one differently from the full path.
import test from "ava";
import { leanCommandWords, mayRunLean, noLeanEnv } from "../bundle/lean-bundle.js";
import { leanCommands, leanInvocationOf } from "./lean-argv.js";

test("leanInvocationOf reads the list commands' flags in their plain spellings", (t) => {
  t.deepEqual(leanInvocationOf(["service", "ls"]), { command: "service ls", flags: {}, global: {} });
  t.deepEqual(
    leanInvocationOf([
      "-H",
      "unix:///s.sock",
      "node",
      "ls",
      "-q",
      "--filter",
      "role=manager",
      "-f",
      "name=a",
      "--filter=label=x=y",
      "--format={{.ID}}",
      "--no-trunc",
      "--tlscacert",
      "ca.pem",
    ]),
    {
      command: "node ls",
      flags: {
        quiet: true,
        filter: ["role=manager", "name=a", "label=x=y"],
        format: "{{.ID}}",
        "no-trunc": true,
        tlscacert: "ca.pem",
      },
      global: { host: "unix:///s.sock" },
    },
  );
});

test("leanInvocationOf hands back help, aliases, other commands, arguments and unusual spellings", (t) => {
  for (const argv of [
    ["service", "ls", "--help"],
    ["service", "ls", "-h"],
    ["service", "list"],
    ["service", "ps", "web"],
    ["service", "ls", "extra"],
    ["service", "ls", "-q", "-q"],
    ["service", "ls", "--format", "a", "--format", "b"],
    ["service", "ls", "--format"],
    ["service", "ls", "--format", ""],
    ["service", "ls", "--format", "-q"],
    ["service", "ls", "-qf", "name=a"],
    ["service", "ls", "--quiet=true"],
    ["service", "ls", "--forma", "x"],
    ["service", "ls", "--", "x"],
    ["-H"],
    ["--version"],
    [],
  ])
    t.is(leanInvocationOf(argv), null, argv.join(" "));
});

test("the loader loads the lean bundle only for argv holding a lean command's words", (t) => {
  t.deepEqual(
    leanCommandWords.map((w) => w.join(" ")),
    [...leanCommands],
  );
  t.true(mayRunLean(["-H", "x:1", "service", "ls", "-q"], {}));
  t.true(mayRunLean(["node", "ls"], {}));
  t.false(mayRunLean(["service", "create", "--name", "ls", "nginx"], {}));
  t.false(mayRunLean(["service", "ls"], { [noLeanEnv]: "1" }));
  t.true(mayRunLean(["service", "ls"], { [noLeanEnv]: "0" }));
});
