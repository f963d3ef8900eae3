// Goal: the lean bundle's lazily built message classes encode and decode exactly as the generated
// module's, are built only when first used, and a source of another shape fails the build.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import test from "ava";
import { swarm } from "../../proto/index.js";
import { lazyMessages } from "./lazy-messages.js";

const generated = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "proto", "gen", "swarm.js");

test("lazyMessages builds each class on first use, with the generated module's encoding", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "lazy-messages-"));
  try {
    const file = join(dir, "swarm.js");
    // Its imports name the same modules as the generated module's, by absolute URL from the temporary file.
    const runtime = pathToFileURL(createRequire(generated).resolve("protobufjs/minimal.js")).href;
    const longs = pathToFileURL(join(dirname(generated), "..", "protobuf-longs.ts")).href;
    const source = lazyMessages(readFileSync(generated, "utf8"))
      .replace('"protobufjs/minimal.js"', JSON.stringify(runtime))
      .replace('"../protobuf-longs.js"', JSON.stringify(longs));
    writeFileSync(file, source);
    const lazy = ((await import(pathToFileURL(file).href)) as { swarm: typeof swarm }).swarm;
    const described = Object.getOwnPropertyDescriptor(lazy.v1, "ServiceSpec");
    t.is(typeof described?.get, "function", "not built before its first use");
    t.deepEqual(Object.keys(lazy.v1), Object.keys(swarm.v1));
    const request = { filters: { names: ["web"], labels: { tier: "front" }, modes: ["global"] } };
    const bytes = lazy.v1.ListServicesRequest.encode(request).finish();
    t.deepEqual(Buffer.from(bytes), Buffer.from(swarm.v1.ListServicesRequest.encode(request).finish()));
    const service = { id: "s1", spec: { annotations: { name: "web" }, task: { container: { image: "nginx" } } } };
    const encoded = swarm.v1.ListServicesResponse.encode({ services: [service] }).finish();
    t.deepEqual(
      lazy.v1.ListServicesResponse.toObject(lazy.v1.ListServicesResponse.decode(encoded)),
      swarm.v1.ListServicesResponse.toObject(swarm.v1.ListServicesResponse.decode(encoded)),
    );
    t.true("value" in (Object.getOwnPropertyDescriptor(lazy.v1, "ServiceSpec") ?? {}), "built once used");
    t.is(lazy.v1.TaskState.TASK_STATE_RUNNING, swarm.v1.TaskState.TASK_STATE_RUNNING);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("lazyMessages refuses a source that is not pbjs's static output", (t) => {
  t.throws(() => lazyMessages("export const x = 1;\n"), { message: /not pbjs's static output/ });
});
