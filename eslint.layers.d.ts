// Types of eslint.layers.js for the TypeScript test that exercises the rules.
import type { Linter } from "eslint";

/** Which top-level folders each folder may import from (besides itself). */
export declare const allowedImports: Readonly<Record<string, readonly string[]>>;
/** Folders whose code must be pure. */
export declare const deterministicFolders: readonly string[];
/** Zones for import-x/no-restricted-paths. */
export declare function layerZones(): { target: string; from: string; except?: string[]; message: string }[];
/** The layer, cycle and determinism rules, with zones relative to `root`. */
export declare function layerConfig(options: { root: string; tsconfig?: string }): Linter.Config[];
