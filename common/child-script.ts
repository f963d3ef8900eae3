// How a program starts one of its sibling scripts as a child process. `npm run bench` runs the
// compiled benchmarks from dist/ (what operators run, without tsx's on-the-fly compilation and
// its name-keeping wrappers in the hot paths), so a child is the compiled sibling; under tsx (a
// developer running a .ts file directly) it is the TypeScript sibling loaded through tsx.
import { fileURLToPath } from "node:url";

/** Node arguments that run the sibling script `name` (no extension) of the module at `from`. */
export function childScriptArgs(from: string, name: string): string[] {
  if (from.endsWith(".ts")) return ["--import", "tsx", fileURLToPath(new URL(`./${name}.ts`, from))];
  return [fileURLToPath(new URL(`./${name}.js`, from))];
}
