// `npm run cluster -- …` without rebuilding what is already built. `status` and `down` only read
// cluster.json files and stop processes: they run the built command as it is (building only when
// there is none). `up` and `hollow` start swarmd, which must be current: they build first, but
// only when a source file is newer than the build. Plain JavaScript, because it runs before
// anything is built.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const root = join(import.meta.dirname, "..", "..");
const builtMain = join(root, "dist", "test-cluster", "cluster", "cluster-main.js");
/** Folders whose sources the build compiles (or copies). */
const sourceDirs = ["proto", "raft", "manager", "worker", "node", "cli", "common", "test-cluster", "examples"];
/** Files outside them that change the build. */
const buildFiles = ["package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json"];
/** Most files looked at, so a stray huge folder cannot stall the command. */
const filesMax = 100_000;

/** Whether `name` is a file the build reads: sources, the generated proto code, the Compose schema. */
function isBuildInput(name) {
  if (name.endsWith(".test.ts")) return false;
  return (
    name.endsWith(".ts") || name.endsWith(".json") || (name.endsWith(".js") && !name.endsWith("cluster-launch.js"))
  );
}

/** The newest modification time (ms) of the build's inputs. */
function newestInputMs() {
  let newest = 0;
  let seen = 0;
  for (const file of buildFiles)
    if (existsSync(join(root, file))) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  const stack = sourceDirs.map((d) => join(root, d)).filter((d) => existsSync(d));
  while (stack.length > 0 && seen < filesMax) {
    const dir = stack.pop();
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      seen += 1;
      if (entry.name === "node_modules" || entry.name === "test-fixtures" || entry.name.startsWith(".")) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (isBuildInput(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

const verb = process.argv[2];
const readOnly = verb === "status" || verb === "down";
const needsBuild = !existsSync(builtMain) || (!readOnly && newestInputMs() > statSync(builtMain).mtimeMs);
if (needsBuild) {
  process.stderr.write("cluster: building (sources changed since the last build) …\n");
  const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
await import(pathToFileURL(builtMain).href);
