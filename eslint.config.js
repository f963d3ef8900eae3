import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { layerConfig } from "./eslint.layers.js";

const root = import.meta.dirname;

const clockMessage = "inject a Clock (common/clock.ts) through the options object; realClock is the default.";
const randomMessage = "inject a Random (common/random.ts) through the options object; realRandom is the default.";
const clockGlobals = [
  "setTimeout",
  "setInterval",
  "setImmediate",
  "clearTimeout",
  "clearInterval",
  "clearImmediate",
].map((name) => ({ name, message: clockMessage }));
const clockSyntax = [
  { selector: "MemberExpression[object.name='Date'][property.name='now']", message: clockMessage },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: clockMessage },
  { selector: "CallExpression[callee.name='Date']", message: clockMessage },
  { selector: "MemberExpression[object.name='performance'][property.name='now']", message: clockMessage },
  { selector: "MemberExpression[object.name='Math'][property.name='random']", message: randomMessage },
];

// A flat config must be the module's default export; this file is the one exception to our
// no-default-exports rule, which applies to TypeScript sources only.
export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "proto/gen/**", "**/test-fixtures/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ["**/*.ts", "**/*.cts", "**/*.tsx"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: root },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/explicit-module-boundary-types": "error",
      eqeqeq: ["error", "always", { null: "ignore" }],
    },
  },
  { files: ["**/*.js"], ...tseslint.configs.disableTypeChecked },
  {
    files: ["**/*.js"],
    languageOptions: { globals: { console: "readonly", process: "readonly" } },
  },
  // One clock and one source of randomness: time, timers and Math.random come from an injected
  // Clock and Random (common/clock.ts, common/random.ts), so the simulator can run any component on
  // simulated time and replay a seed. Exempt: the real clock itself, process entry points (cli/,
  // *-main.ts, benchmark and harness mains under test-cluster/), examples (users' programs) and tests.
  {
    files: ["**/*.ts", "**/*.tsx"],
    ignores: [
      "common/clock.ts",
      "common/random.ts",
      "cli/**",
      "test-cluster/**",
      "examples/**",
      "**/*-main.ts",
      "**/main.ts",
      "**/*.test.ts",
      "**/*.test.tsx",
      "**/test-*.ts",
      "**/*-test-kit.ts",
      "**/testing/**",
      "**/test-fixtures/**",
    ],
    rules: {
      "no-restricted-globals": ["error", ...clockGlobals],
      "no-restricted-syntax": ["error", ...clockSyntax],
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "node:timers", message: clockMessage },
            { name: "node:timers/promises", message: clockMessage },
          ],
        },
      ],
    },
  },
  ...layerConfig({ root }),
);
