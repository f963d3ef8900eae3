// Goal: prove that the architecture rules in eslint.layers.js (the same ones `npm run lint` applies)
// actually fire. Each case writes a small source tree to a temporary directory and lints it.
import test from "ava";
import { ESLint } from "eslint";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { layerConfig } from "../eslint.layers.js";

type Tree = Record<string, string>;

/** Lints a tree of files; returns "file: rule" for every problem found. */
async function lintTree(tree: Tree): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), "swarm-lint-"));
  try {
    const files: Tree = {
      "tsconfig.json": JSON.stringify({
        compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true },
      }),
      ...tree,
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: layerConfig({ root }),
    });
    const results = await eslint.lintFiles(["**/*.ts"]);
    return results
      .flatMap((r) => r.messages.map((m) => `${r.filePath.slice(root.length + 1)}: ${m.ruleId ?? m.message}`))
      .sort();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test("layer rules report a worker importing the manager", async (t) => {
  const problems = await lintTree({
    "manager/index.ts": "export const manager = 1;\n",
    "worker/index.ts": 'import { manager } from "../manager/index.js";\nexport const worker = manager;\n',
  });
  t.deepEqual(problems, ["worker/index.ts: import-x/no-restricted-paths"]);
});

test("layer rules report raft importing anything but proto and common", async (t) => {
  const problems = await lintTree({
    "manager/index.ts": "export const manager = 1;\n",
    "common/index.ts": "export const common = 1;\n",
    "raft/index.ts":
      'import { manager } from "../manager/index.js";\nimport { common } from "../common/index.js";\nexport const raft = manager + common;\n',
  });
  t.deepEqual(problems, ["raft/index.ts: import-x/no-restricted-paths"]);
});

test("layer rules report any import of test-cluster", async (t) => {
  const problems = await lintTree({
    "test-cluster/index.ts": "export const cluster = 1;\n",
    "cli/main.ts": 'import { cluster } from "../test-cluster/index.js";\nexport const main = cluster;\n',
  });
  t.deepEqual(problems, ["cli/main.ts: import-x/no-restricted-paths"]);
});

test("layer rules allow a folder's face and report reaching past it", async (t) => {
  const problems = await lintTree({
    "raft/index.ts": 'export { inner } from "./core/inner.js";\n',
    "raft/core/inner.ts": "export const inner = 1;\n",
    "manager/face.ts": 'import { inner } from "../raft/index.js";\nexport const viaFace = inner;\n',
    "manager/deep.ts": 'import { inner } from "../raft/core/inner.js";\nexport const deep = inner;\n',
  });
  t.deepEqual(problems, ["manager/deep.ts: import-x/no-restricted-paths"]);
});

test("layer rules report import cycles", async (t) => {
  const problems = await lintTree({
    "common/a.ts": 'import { b } from "./b.js";\nexport const a = (): number => b() + 1;\n',
    "common/b.ts": 'import { a } from "./a.js";\nexport const b = (): number => a() - 1;\n',
  });
  t.deepEqual(problems, ["common/a.ts: import-x/no-cycle", "common/b.ts: import-x/no-cycle"]);
});

test("layer rules report clocks, randomness, timers and built-ins in deterministic code", async (t) => {
  const impure = [
    'import { readFileSync } from "node:fs";',
    "export const now = (): number => Date.now();",
    "export const roll = (): number => Math.random();",
    "export const later = (f: () => void): unknown => setTimeout(f, 1);",
    "export const read = (): string => readFileSync('x', 'utf8');",
    "",
  ].join("\n");
  const problems = await lintTree({ "raft/core/impure.ts": impure, "worker/impure.ts": impure });
  t.deepEqual(problems, [
    "raft/core/impure.ts: no-restricted-globals",
    "raft/core/impure.ts: no-restricted-globals",
    "raft/core/impure.ts: no-restricted-imports",
    "raft/core/impure.ts: no-restricted-properties",
  ]);
});

test("layer rules report default exports", async (t) => {
  const problems = await lintTree({ "common/thing.ts": "const thing = 1;\nexport default thing;\n" });
  t.deepEqual(problems, ["common/thing.ts: import-x/no-default-export"]);
});

test("layer rules keep the dashboard's page to itself, its shared view models and preact", async (t) => {
  const problems = await lintTree({
    "cli/client/connection.ts": "export const connection = 1;\n",
    "cli/dashboard/shared/view.ts": "export const view = 1;\n",
    "cli/dashboard/shared/leaky.ts":
      'import { connection } from "../../client/connection.js";\nexport const leaky = connection;\n',
    "cli/dashboard/web/fine.ts": 'import { view } from "../shared/view.js";\nexport const fine = view;\n',
    "cli/dashboard/web/server-side.ts":
      'import { connection } from "../../client/connection.js";\nexport const serverSide = connection;\n',
    "cli/dashboard/web/built-in.ts": 'import { readFileSync } from "node:fs";\nexport const read = readFileSync;\n',
  });
  t.deepEqual(problems, [
    "cli/dashboard/shared/leaky.ts: import-x/no-restricted-paths",
    "cli/dashboard/web/built-in.ts: no-restricted-imports",
    "cli/dashboard/web/server-side.ts: import-x/no-restricted-paths",
  ]);
});
