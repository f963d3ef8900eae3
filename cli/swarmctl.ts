#!/usr/bin/env node
// Entry point of `swarmctl`. The command set lands with the CLI issue; until then it says so and
// exits non-zero, so no script mistakes it for a working binary.
process.stderr.write("swarmctl: not yet — see the README for what works today\n");
process.exitCode = 1;
