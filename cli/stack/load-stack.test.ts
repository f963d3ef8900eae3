// Golden tests of the stack loader: every fixture in test-fixtures/ loads (and is named for the
// stack "demo") exactly as its <name>.golden.json says. UPDATE_GOLDEN=1 rewrites the golden files.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { loadStack, namespaceStack, StackFileError, type LoadedStack } from "./index.js";
import { fixtureStackName, fixturesDir, stackFixtures } from "./test-fixtures/cases.js";

const update = process.env.UPDATE_GOLDEN === "1";

/** The golden form: the named stack (networks included) plus volumes and warnings; bytes as text, the fixture folder as "<fixtures>". */
function goldenText(loaded: LoadedStack): string {
  const named = namespaceStack(fixtureStackName, loaded);
  const golden = {
    services: named.services,
    secrets: named.secrets,
    configs: named.configs,
    networks: named.networks,
    volumes: loaded.volumes,
    warnings: loaded.warnings.map((w) => w.message),
  };
  const dir = fixturesDir.replace(/\/$/, "");
  return `${JSON.stringify(
    golden,
    (_key, value: unknown) => {
      if (value instanceof Uint8Array) return { utf8: Buffer.from(value).toString("utf8") };
      if (typeof value === "string" && value.startsWith(dir)) return `<fixtures>${value.slice(dir.length)}`;
      return value;
    },
    2,
  )}\n`;
}

for (const fixture of stackFixtures) {
  test(`loadStack matches the golden model for ${fixture.name}`, async (t) => {
    const loaded = await loadStack(fixture.files, { env: fixture.env, cwd: fixturesDir });
    const actual = goldenText(loaded);
    const goldenFile = join(fixturesDir, `${fixture.name}.golden.json`);
    if (update) writeFileSync(goldenFile, actual);
    t.is(actual, readFileSync(goldenFile, "utf8"));
  });
}

async function loadError(files: string[], env: Record<string, string> = {}): Promise<StackFileError> {
  const error = await loadStack(files, { env, cwd: fixturesDir }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof StackFileError)) throw new Error(`expected a StackFileError, got ${String(error)}`);
  return error;
}

test("loadStack reports a value of the wrong type with its file, line and key", async (t) => {
  const error = await loadError(["invalid-type.yml"]);
  t.like(error, {
    code: "STACK_FILE_INVALID",
    file: "invalid-type.yml",
    line: 6,
    path: "services.web.deploy.replicas",
  });
  t.is(error.message, "invalid-type.yml:6: services.web.deploy.replicas: must be integer");
});

test("loadStack reports a key the Compose schema does not allow with its line", async (t) => {
  const error = await loadError(["invalid-schema.yml"]);
  t.like(error, { file: "invalid-schema.yml", line: 10, path: "services.web.deploy.replica" });
});

test("loadStack reports a malformed duration with its line", async (t) => {
  const error = await loadError(["invalid-duration.yml"]);
  t.like(error, { file: "invalid-duration.yml", line: 6, path: "services.web.healthcheck.interval" });
});

test("loadStack reports a required variable that is missing, with its message", async (t) => {
  const error = await loadError(["interpolation/required.yml"], { TAG: "1" });
  t.like(error, { file: "interpolation/required.yml", line: 6, path: "services.app.environment.TOKEN" });
  t.regex(error.message, /set API_TOKEN to the service token/);
});

test("loadStack accepts a required variable that is set", async (t) => {
  const loaded = await loadStack(["interpolation/required.yml"], {
    env: { API_TOKEN: "t0k3n", TAG: "1" },
    cwd: fixturesDir,
  });
  t.deepEqual(loaded.services[0]?.spec.task?.container?.env, ["OK=1", "TOKEN=t0k3n"]);
});

test("loadStack names a depends_on cycle", async (t) => {
  const error = await loadError(["cycle.yml"]);
  t.is(error.path, "services.a.depends_on.b");
  t.is(error.line, 4);
  t.regex(error.message, /a -> b -> c -> a/);
});

test("loadStack warns about each unsupported key with its line", async (t) => {
  const loaded = await loadStack(["unsupported.yml"], { env: {}, cwd: fixturesDir });
  const byPath = new Map(loaded.warnings.map((w) => [w.path, w.line]));
  t.deepEqual(Object.fromEntries(byPath), {
    "services.web.build": 5,
    "services.web.links": 6,
    "services.web.network_mode": 8,
    "services.web.devices": 9,
    "services.web.privileged": 11,
    "services.web.container_name": 12,
    "services.web.cgroup_parent": 13,
    "services.web.userns_mode": 14,
    "services.web.ports[0].host_ip": 17,
    "services.web.deploy.resources.reservations.devices": 21,
  });
  t.true(
    loaded.warnings.some((w) => w.message === "unsupported.yml:5: services.web.build is not supported and is ignored"),
  );
});

test("loadStack refuses a service network that is not declared, naming its line", async (t) => {
  const error = await loadError(["networks-undeclared.yml"]);
  t.is(error.path, "services.web.networks[0]");
  t.is(error.line, 5);
  t.regex(error.message, /network "back" is not declared in the top-level networks/);
});

test("loadStack refuses a missing file and a secret file that does not exist", async (t) => {
  t.like(await loadError(["no-such-stack.yml"]), { file: "no-such-stack.yml" });
  const error = await loadError(["secrets/stack.yml"]);
  t.like(error, { file: "secrets/stack.yml", path: "secrets.api_key.environment", line: 22 });
});

test("loadStack points at the override file when a merged value is bad", async (t) => {
  const error = await loadError(["merge/base.yml", "merge/bad-override.yml"]);
  t.like(error, { file: "merge/bad-override.yml", line: 6, path: "services.web.deploy.replicas" });
});

test("loadStack names the file, line and key of a bad routing-mesh extension", async (t) => {
  const error = await loadError(["invalid-extension.yml"]);
  t.like(error, { file: "invalid-extension.yml", line: 6, path: "services.web.ports[0].x-proxy-protocol" });
  t.regex(error.message, /must be "v1", "v2" or "none", got "v3"/);
});

test("loadStack refuses two services publishing the same port, naming both lines", async (t) => {
  const error = await loadError(["ports-conflict.yml"]);
  t.like(error, { file: "ports-conflict.yml", line: 12, path: "services.api.ports[1]" });
  t.regex(error.message, /port 8080\/tcp is already published by service web \(ports-conflict\.yml:6\)/);
});

test("loadStack refuses network settings a cluster network cannot have, naming the key", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "stack-networks-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const attempt = async (yaml: string): Promise<StackFileError> => {
    writeFileSync(join(dir, "stack.yml"), yaml);
    const error = await loadStack(["stack.yml"], { env: {}, cwd: dir }).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof StackFileError)) throw new Error(`expected a StackFileError, got ${String(error)}`);
    return error;
  };
  const bridge = await attempt(
    "services:\n  web:\n    image: x\n    networks: [n]\nnetworks:\n  n:\n    driver: bridge\n",
  );
  t.is(bridge.path, "networks.n.driver");
  const both = await attempt(
    "services:\n  web:\n    image: x\n    network_mode: host\n    networks: [n]\nnetworks:\n  n: {}\n",
  );
  t.is(both.path, "services.web.network_mode");
  const subnets = await attempt(
    "services:\n  web:\n    image: x\nnetworks:\n  n:\n    ipam:\n      config:\n        - subnet: 10.1.0.0/24\n        - subnet: 10.2.0.0/24\n",
  );
  t.is(subnets.path, "networks.n.ipam.config");
});

test("loadStack refuses container settings Linux nodes cannot have and drivers for external volumes, naming the key", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "stack-settings-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const attempt = async (yaml: string): Promise<StackFileError> => {
    writeFileSync(join(dir, "stack.yml"), yaml);
    const error = await loadStack(["stack.yml"], { env: {}, cwd: dir }).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof StackFileError)) throw new Error(`expected a StackFileError, got ${String(error)}`);
    return error;
  };
  const isolation = await attempt("services:\n  web:\n    image: x\n    isolation: hyperv\n");
  t.is(isolation.path, "services.web.isolation");
  t.regex(isolation.message, /Windows only/);
  const oom = await attempt("services:\n  web:\n    image: x\n    oom_score_adj: 1001\n");
  t.is(oom.path, "services.web.oom_score_adj");
  const ulimit = await attempt("services:\n  web:\n    image: x\n    ulimits:\n      nofile:\n        soft: 1\n");
  t.is(ulimit.path, "services.web.ulimits.nofile");
  const external = await attempt(
    "services:\n  web:\n    image: x\n    volumes: [v:/v]\nvolumes:\n  v:\n    external: true\n    driver: local\n",
  );
  t.is(external.path, "volumes.v");
});
