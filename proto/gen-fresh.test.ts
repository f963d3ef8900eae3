// Goal: the committed proto/gen/ is exactly what `npm run gen` produces from the .proto sources,
// so nobody edits generated code by hand or forgets to regenerate after changing the API.
import test from "ava";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generate } from "./tools/gen.js";

const committedDir = join(import.meta.dirname, "gen");

test("generated code matches a fresh run of npm run gen", (t) => {
  t.timeout(120_000);
  const freshDir = mkdtempSync(join(tmpdir(), "swarm-gen-"));
  try {
    generate(freshDir);
    const fresh = readdirSync(freshDir).sort();
    t.deepEqual(readdirSync(committedDir).sort(), fresh, "proto/gen/ holds other files than the generator writes");
    for (const file of fresh) {
      const same = readFileSync(join(freshDir, file)).equals(readFileSync(join(committedDir, file)));
      t.true(same, `proto/gen/${file} is stale: run npm run gen`);
    }
  } finally {
    rmSync(freshDir, { recursive: true, force: true });
  }
});
