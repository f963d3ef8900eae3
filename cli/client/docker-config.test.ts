import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import { decodeRegistryAuth } from "../../common/index.js";
import { registryAuthFor, registryCredentialsFor } from "./docker-config.js";

function withConfig(config: unknown): { env: NodeJS.ProcessEnv; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "swarmctl-docker-config-"));
  writeFileSync(join(dir, "config.json"), JSON.stringify(config));
  return { env: { DOCKER_CONFIG: dir }, done: () => rmSync(dir, { recursive: true, force: true }) };
}

test("registryCredentialsFor reads auths as Docker does: host keys with or without scheme, Docker Hub's key, identity tokens", async (t) => {
  const basic = Buffer.from("alice:pa:ss").toString("base64");
  const { env, done } = withConfig({
    auths: {
      "https://index.docker.io/v1/": { auth: Buffer.from("hub:hubpw").toString("base64") },
      "127.0.0.1:5000": { auth: basic },
      "https://registry.example.com": { identitytoken: "tok" },
    },
  });
  try {
    t.deepEqual(await registryCredentialsFor("127.0.0.1:5000/app:1", env), {
      username: "alice",
      password: "pa:ss",
      serveraddress: "127.0.0.1:5000",
    });
    t.deepEqual(await registryCredentialsFor("redis:7", env), {
      username: "hub",
      password: "hubpw",
      serveraddress: "https://index.docker.io/v1/",
    });
    t.deepEqual(await registryCredentialsFor("registry.example.com/team/app", env), {
      identitytoken: "tok",
      serveraddress: "registry.example.com",
    });
    t.is(await registryCredentialsFor("other.example.com/app", env), undefined);
  } finally {
    done();
  }
});

test("registryCredentialsFor refuses a registry served by a credential helper, naming it", async (t) => {
  const { env, done } = withConfig({ credsStore: "desktop", auths: { "127.0.0.1:5000": {} } });
  try {
    const error = await t.throwsAsync(registryCredentialsFor("127.0.0.1:5000/app", env));
    t.regex(error?.message ?? "", /docker-credential-desktop .* which swarmctl does not run/);
  } finally {
    done();
  }
});

test("registryAuthFor encodes X-Registry-Auth as Docker's CLI does, padded, and warns when the file has nothing", async (t) => {
  const saved = process.env["DOCKER_CONFIG"];
  const { env, done } = withConfig({ auths: { "127.0.0.1:5000": { auth: Buffer.from("u:p").toString("base64") } } });
  process.env["DOCKER_CONFIG"] = env["DOCKER_CONFIG"];
  try {
    const warnings: string[] = [];
    const encoded = await registryAuthFor("127.0.0.1:5000/app", (w) => warnings.push(w));
    t.deepEqual(decodeRegistryAuth(encoded, "x"), { username: "u", password: "p", serveraddress: "127.0.0.1:5000" });
    t.is(Buffer.from(encoded, "base64").length > 0 && encoded.length % 4, 0, "padded to a multiple of 4");
    t.is(await registryAuthFor("10.1.1.1:5000/app", (w) => warnings.push(w)), "");
    t.regex(warnings[0] ?? "", /no credentials for 10\.1\.1\.1:5000/);
  } finally {
    if (saved === undefined) delete process.env["DOCKER_CONFIG"];
    else process.env["DOCKER_CONFIG"] = saved;
    done();
  }
});
