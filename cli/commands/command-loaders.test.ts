// Goal: the lazy loaders name exactly the commands of the full map, each loading the same command,
// and argv picks the one it names (or none, so oclif gets the full map for help and suggestions).
import test from "ava";
import { commandIdOf, commandLoaders, commandsFor } from "./command-loaders.js";
import { COMMANDS } from "./index.js";

test("commandLoaders name every command of the full map and load the same class", async (t) => {
  t.deepEqual(Object.keys(commandLoaders).sort(), Object.keys(COMMANDS).sort());
  for (const [id, load] of Object.entries(commandLoaders)) {
    const loaded = await load();
    // Secret and config commands are classes built per kind on each call: compare what oclif reads.
    t.is(loaded.summary, COMMANDS[id]?.summary, id);
    t.deepEqual(Object.keys(loaded.flags ?? {}), Object.keys(COMMANDS[id]?.flags ?? {}), id);
  }
});

test("commandIdOf takes the longest run of leading words that names a command", (t) => {
  t.is(commandIdOf(["service", "ls", "--quiet"]), "service:ls");
  t.is(commandIdOf(["cluster", "ca", "issue-client", "--name", "ops"]), "cluster:ca:issue-client");
  t.is(commandIdOf(["cluster", "inspect"]), "cluster:inspect");
  t.is(commandIdOf(["version", "--format", "json"]), "version");
  t.is(commandIdOf(["service", "--help"]), undefined);
  t.is(commandIdOf(["--help"]), undefined);
  t.is(commandIdOf(["service", "lss"]), undefined);
  t.is(commandIdOf([]), undefined);
});

test("commandsFor gives oclif one command when argv names one, else all", async (t) => {
  t.deepEqual(Object.keys(await commandsFor(["task", "ls"])), ["task:ls"]);
  t.is(Object.keys(await commandsFor(["help"])).length, Object.keys(COMMANDS).length);
});
