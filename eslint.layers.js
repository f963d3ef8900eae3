// The architecture rules (docs/architecture.md § Rules that lint enforces), kept apart from the
// style rules so that a test can apply exactly these rules to fixture trees and prove that they fire.
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

/** Which top-level folders each folder may import from (besides itself). */
export const allowedImports = {
  proto: [],
  common: ["proto"],
  raft: ["proto", "common"],
  manager: ["raft", "proto", "common"],
  worker: ["proto", "common"],
  node: ["manager", "worker", "raft", "proto", "common"],
  // The Docker Engine API front end speaks to a manager over gRPC only, like any operator's client.
  engineapi: ["proto", "common"],
  cli: ["node", "engineapi", "proto", "common"],
  "test-cluster": ["proto", "common", "raft", "manager", "worker", "node", "engineapi", "cli"],
  // Example workloads stand alone: they are what users write, not parts of swarm-ts.
  examples: [],
};

/** Folders whose code must be pure: no clock, no randomness, no timers, no Node built-ins. */
export const deterministicFolders = ["raft/core", "manager/store/apply", "manager/planner", "cli/dashboard/model"];

/**
 * Folders bundled into the dashboard's page, which runs in a browser: the page's own code may
 * import only itself, the shared view models and Preact; the shared folder only itself. Neither may
 * import Node built-ins or the rest of the project (the Node side would end up in the bundle).
 */
export const browserFolders = { page: "cli/dashboard/web", shared: "cli/dashboard/shared" };

/** Folders whose only face to other folders is their `index.ts`. */
const facedFolders = ["proto", "raft", "manager", "worker", "node", "engineapi"];

/**
 * Builds the layer zones for import-x/no-restricted-paths: for each folder, every other top-level
 * folder that is not in its allow list is forbidden, and faced folders may be entered only via index.ts.
 */
export function layerZones() {
  const folders = Object.keys(allowedImports);
  const zones = [];
  for (const [target, allowed] of Object.entries(allowedImports)) {
    const forbidden = folders.filter((f) => f !== target && !allowed.includes(f));
    for (const from of forbidden) {
      zones.push({
        target: `./${target}`,
        from: `./${from}`,
        message: `${target}/ may import only ${allowed.length ? allowed.join(", ") : "nothing"} (docs/architecture.md § Rules that lint enforces).`,
      });
    }
    for (const from of allowed.filter((f) => facedFolders.includes(f))) {
      zones.push({
        target: `./${target}`,
        from: `./${from}`,
        except: ["./index.ts"],
        message: `import ${from}/ only through its index.ts face (docs/architecture.md § Rules that lint enforces).`,
      });
    }
  }
  return zones;
}

const bannedGlobals = [
  ["Date", "inject a Clock"],
  ["setTimeout", "inject a Clock"],
  ["setInterval", "inject a Clock"],
  ["setImmediate", "inject a Clock"],
  ["clearTimeout", "inject a Clock"],
  ["clearInterval", "inject a Clock"],
  ["queueMicrotask", "deterministic code does not schedule work"],
  ["performance", "inject a Clock"],
  ["process", "take configuration through options"],
  ["crypto", "inject a Random"],
].map(([name, why]) => ({
  name,
  message: `${name} is banned in deterministic code: ${why} (docs/architecture.md § Time and randomness).`,
}));

/**
 * The layer, cycle and determinism rules. `root` is the directory the zones are relative to.
 * @param {{ root: string, tsconfig?: string }} options
 */
export function layerConfig({ root, tsconfig = "tsconfig.json" }) {
  return [
    {
      files: ["**/*.ts", "**/*.tsx"],
      plugins: { "import-x": importX },
      languageOptions: { parser: tseslint.parser },
      settings: {
        // no-cycle parses each imported file to follow its imports; it needs to know the parser.
        "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
        "import-x/extensions": [".ts", ".tsx", ".js"],
        "import-x/resolver-next": [createTypeScriptImportResolver({ project: `${root}/${tsconfig}` })],
      },
      rules: {
        "import-x/no-cycle": ["error", { ignoreExternal: true }],
        "import-x/no-default-export": "error",
        "import-x/no-restricted-paths": ["error", { basePath: root, zones: layerZones() }],
      },
    },
    {
      files: [`${browserFolders.page}/**/*.{ts,tsx}`, `${browserFolders.shared}/**/*.ts`],
      ignores: ["**/*.test.ts", "**/*.test.tsx"],
      rules: {
        "import-x/no-restricted-paths": [
          "error",
          {
            basePath: root,
            zones: [
              {
                target: `./${browserFolders.page}`,
                from: "./",
                except: [`./${browserFolders.page}`, `./${browserFolders.shared}`, "./node_modules/preact"],
                message: "the dashboard's page imports only itself, cli/dashboard/shared and preact.",
              },
              {
                target: `./${browserFolders.shared}`,
                from: "./",
                except: [`./${browserFolders.shared}`],
                message: "cli/dashboard/shared is bundled into the page: it imports only itself.",
              },
            ],
          },
        ],
        "no-restricted-imports": [
          "error",
          {
            patterns: [
              {
                regex: "^(?!preact(/|$)|\\.)",
                message:
                  "browser code imports only preact and relative modules (no Node built-ins, no other packages).",
              },
            ],
          },
        ],
      },
    },
    {
      files: deterministicFolders.map((f) => `${f}/**/*.ts`),
      ignores: ["**/*.test.ts"],
      rules: {
        "no-restricted-globals": ["error", ...bannedGlobals],
        "no-restricted-properties": [
          "error",
          {
            object: "Math",
            property: "random",
            message: "inject a Random (docs/architecture.md § Time and randomness).",
          },
        ],
        "no-restricted-imports": [
          "error",
          {
            patterns: [
              {
                regex: "^node:",
                message:
                  "Node built-ins are banned in deterministic code (docs/architecture.md § Time and randomness).",
              },
              {
                regex:
                  "^(fs|path|os|net|dgram|child_process|crypto|timers|worker_threads|http2?|tls|events|stream)(/.*)?$",
                message:
                  "Node built-ins are banned in deterministic code (docs/architecture.md § Time and randomness).",
              },
            ],
          },
        ],
      },
    },
  ];
}
