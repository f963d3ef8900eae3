// Goal: Compose profiles decide which services a stack holds, and `stack config` prints the merged,
// interpolated files as the deploy reads them.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { parse } from "yaml";
import { loadStack, loadStackTree, stackConfigText } from "./index.js";

function files(t: { teardown: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), "stack-profiles-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, "stack.yml"),
    [
      "services:",
      "  web:",
      "    image: ${WEB_IMAGE:-nginx}",
      "    ports: ['8080:80']",
      "  debug:",
      "    image: busybox",
      "    profiles: [debug]",
      "  metrics:",
      "    image: prom",
      "    profiles: [ops, debug]",
      "",
    ].join("\n"),
  );
  writeFileSync(join(dir, "prod.yml"), "services:\n  web:\n    deploy:\n      replicas: 3\n");
  return dir;
}

test("profiles leave out services whose profiles are all inactive", async (t) => {
  const dir = files(t);
  const names = async (options: { profiles?: string[]; env?: Record<string, string> }): Promise<string[]> =>
    (await loadStack(["stack.yml"], { cwd: dir, env: options.env ?? {}, ...options })).services
      .map((s) => s.spec.annotations?.name ?? "")
      .sort();
  t.deepEqual(await names({}), ["web"]);
  t.deepEqual(await names({ profiles: ["ops"] }), ["metrics", "web"]);
  t.deepEqual(await names({ profiles: ["debug"] }), ["debug", "metrics", "web"]);
  t.deepEqual(await names({ profiles: ["*"] }), ["debug", "metrics", "web"]);
  t.deepEqual(await names({ env: { COMPOSE_PROFILES: "ops,other" } }), ["metrics", "web"]);
});

test("stack config prints the files merged, interpolated and normalised", async (t) => {
  const dir = files(t);
  const { tree } = await loadStackTree(["stack.yml", "prod.yml"], { cwd: dir, env: { WEB_IMAGE: "nginx:1.27" } });
  const printed = parse(stackConfigText(tree)) as { services: Record<string, Record<string, unknown>> };
  t.deepEqual(Object.keys(printed.services), ["web"]);
  t.is(printed.services.web?.image, "nginx:1.27");
  t.deepEqual(printed.services.web?.deploy, { replicas: 3 });
  t.true(Array.isArray(printed.services.web?.ports));
  t.like((printed.services.web?.ports as object[])[0], { target: 80, published: 8080 });
});
