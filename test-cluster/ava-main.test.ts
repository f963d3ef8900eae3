// The test command's entry point (ava-main.js) ends a run whose tests left a process holding
// ava's pipes; plain ava waits for that process forever.
import test from "ava";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { waitFor } from "../common/index.js";

const repo = join(import.meta.dirname, "..");

/** A test file that starts a process holding its worker's stderr and never stops it. */
const leakingTest = `import test from "ava";
import { spawn } from "node:child_process";
test("leaks", (t) => {
  spawn("sleep", ["600"], { stdio: ["ignore", "ignore", "inherit"] }).unref();
  t.pass();
});
`;

/** Whether the process runs (a zombie waiting for init to reap it does not). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "latin1"));
  } catch {
    return false;
  }
}

test("a run whose test leaves a process holding ava's pipes ends, names the process and kills it", async (t) => {
  t.timeout(120_000);
  const dir = await mkdtemp(join(tmpdir(), "swarm-ava-main-"));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await writeFile(join(dir, "package.json"), JSON.stringify({ type: "module", ava: { files: ["leak.test.js"] } }));
  await writeFile(join(dir, "leak.test.js"), leakingTest);
  await symlink(join(repo, "node_modules"), join(dir, "node_modules"));

  const child = spawn(process.execPath, [join(repo, "test-cluster", "ava-main.js")], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  // Not a timing assertion: without the entry point's help the run never ends, so any deadline
  // that a loaded machine meets tells the two apart.
  const code = await new Promise<number | null>((resolve, reject) => {
    const deadline = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the run did not end within 100 s:\n${output}`));
    }, 100_000);
    child.on("exit", (exitCode) => {
      clearTimeout(deadline);
      resolve(exitCode);
    });
  });
  t.is(code, 0, output);
  t.regex(output, /1 test passed/);
  const leaked = /outlived them; killing:\n\s+(\d+) sleep 600/.exec(output);
  t.truthy(leaked, output);
  await waitFor("the leaked process to die", () => (alive(Number(leaked![1])) ? undefined : true));
  t.pass();
});
