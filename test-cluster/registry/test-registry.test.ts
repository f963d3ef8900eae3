// Goal: the registry client the managers pin with, against real registries (plain HTTP, htpasswd,
// TLS with a CA from certs.d): it answers the digest the engine's push reported, asks for
// credentials by name, says when they are wrong, and names a missing tag.
import test from "ava";
import Docker from "dockerode";
import { claimLoopbackBlock, inspectDistribution, RegistryError } from "../../common/index.js";
import { ensureEngine, testImage } from "../../worker/index.js";
import { dockerCertsDir, pushImage, startRegistry } from "./test-registry.js";

test("inspectDistribution answers the pushed digest from plain, htpasswd and TLS registries, and names what is wrong", async (t) => {
  t.timeout(180_000);
  await ensureEngine();
  const docker = new Docker();
  const block = await claimLoopbackBlock("registry client test");
  const repository = `swreg${process.pid}/client`;
  try {
    for (const mode of ["plain", "auth", "tls"] as const) {
      const registry = await startRegistry({ mode, block, host: 240 });
      try {
        const digest = await pushImage(docker, registry, testImage, repository, "v1");
        const image = `${registry.host}/${repository}:v1`;
        const credentials = registry.credentials
          ? { username: registry.credentials.username, password: registry.credentials.password }
          : undefined;
        const info = await inspectDistribution(image, {
          ...(credentials ? { credentials } : {}),
          ...(mode === "tls" ? { certsDir: dockerCertsDir } : {}),
        });
        t.is(info.digest, digest, mode);
        t.is(info.mediaType, "application/vnd.docker.distribution.manifest.v2+json", mode);
        const missing = await t.throwsAsync(
          inspectDistribution(`${registry.host}/${repository}:nope`, credentials ? { credentials } : {}),
          { instanceOf: RegistryError },
        );
        t.is(missing?.code, "IMAGE_NOT_FOUND", mode);
        if (mode === "auth") {
          const bare = await t.throwsAsync(inspectDistribution(image), { instanceOf: RegistryError });
          t.is(bare?.code, "REGISTRY_UNAUTHORIZED");
          t.regex(bare?.message ?? "", /asks for credentials and none were given.*--with-registry-auth/);
          const wrong = await t.throwsAsync(
            inspectDistribution(image, { credentials: { username: "swarm-ts-user", password: "wrong" } }),
            { instanceOf: RegistryError },
          );
          t.regex(wrong?.message ?? "", /refused the credentials \(HTTP 401\)/);
        }
        await docker
          .getImage(image)
          .remove()
          .catch(() => undefined);
      } finally {
        await registry.stop();
      }
    }
  } finally {
    block.release();
  }
});
