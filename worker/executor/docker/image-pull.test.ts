import { Readable } from "node:stream";
import test from "ava";
import type Docker from "dockerode";
import { ImageUnavailableError } from "../errors.js";
import { LayerCount, pullFailure, pullImage, pullProgressReportMs, pullTarget } from "./image-pull.js";

const digest = `sha256:${"c".repeat(64)}`;

test("pullTarget pulls a pinned image by its digest and a tagged one by its tag", (t) => {
  t.deepEqual(pullTarget(`127.0.0.1:5000/team/app:1.0@${digest}`), { fromImage: `127.0.0.1:5000/team/app@${digest}` });
  t.deepEqual(pullTarget(`redis@${digest}`), { fromImage: `redis@${digest}` });
  t.deepEqual(pullTarget("127.0.0.1:5000/app:2"), { fromImage: "127.0.0.1:5000/app", tag: "2" });
  t.deepEqual(pullTarget("127.0.0.1:5000/app"), { fromImage: "127.0.0.1:5000/app", tag: "latest" });
});

test("LayerCount counts the layers a pull reports and those done", (t) => {
  const count = new LayerCount();
  for (const id of ["aaaaaaaaaaaa", "bbbbbbbbbbbb", "cccccccccccc"]) count.add({ status: "Pulling fs layer", id });
  count.add({ status: "Pulling from team/app", id: "1.0" });
  count.add({ status: "Already exists", id: "aaaaaaaaaaaa" });
  count.add({ status: "Downloading", id: "bbbbbbbbbbbb" });
  count.add({ status: "Pull complete", id: "bbbbbbbbbbbb" });
  t.is(String(count), "2/3 layers");
});

/** A docker whose createImage answers with these progress lines and records its options. */
function fakeDocker(lines: readonly object[], seen: unknown[]): Docker {
  return {
    createImage: (options: unknown) => {
      seen.push(options);
      return Promise.resolve(Readable.from(lines.map((l) => `${JSON.stringify(l)}\n`)));
    },
  } as unknown as Docker;
}

test("pullImage reports layer progress at most once a period and sends the credentials to the engine only", async (t) => {
  const lines = [
    { status: "Pulling fs layer", id: "aaaaaaaaaaaa" },
    { status: "Pulling fs layer", id: "bbbbbbbbbbbb" },
    { status: "Pull complete", id: "aaaaaaaaaaaa" },
    { status: "Pull complete", id: "bbbbbbbbbbbb" },
    { status: `Digest: ${digest}` },
  ];
  const seen: unknown[] = [];
  const reports: string[] = [];
  let now = 0;
  await pullImage(fakeDocker(lines, seen), "r.example.com/app:1", {
    signal: new AbortController().signal,
    registryAuth: "eyJ1c2VybmFtZSI6InUifQ==",
    progress: (m) => reports.push(m),
    // Each progress line comes half a period after the last.
    nowMs: () => (now += pullProgressReportMs / 2),
  });
  t.deepEqual(reports, [
    "pulling r.example.com/app:1: 0/1 layers",
    "pulling r.example.com/app:1: 1/2 layers",
    "pulling r.example.com/app:1: 2/2 layers",
  ]);
  t.like(seen[0], { fromImage: "r.example.com/app", tag: "1", authconfig: { base64: "eyJ1c2VybmFtZSI6InUifQ==" } });
});

test("pullImage turns the engine's refusals into messages the operator can act on", async (t) => {
  const refused = fakeDocker(
    [
      {
        error: "unauthorized: authentication required",
        errorDetail: { message: "unauthorized: authentication required" },
      },
    ],
    [],
  );
  const error = await t.throwsAsync(
    pullImage(refused, "r.example.com/app:1", { signal: new AbortController().signal }),
    {
      instanceOf: ImageUnavailableError,
    },
  );
  t.is(
    error?.message,
    "image r.example.com/app:1: the registry asks for credentials and the service has none (unauthorized: authentication required): log in (docker login) and create or update the service with --with-registry-auth",
  );
  t.regex(
    pullFailure("unauthorized: authentication required", 500, true),
    /refused the service's credentials.*log in again/,
  );
  t.regex(
    pullFailure("manifest unknown: manifest unknown", 404, false),
    /^not found in its registry .*check the image's name, tag and registry$/,
  );
  t.regex(pullFailure("invalid reference format", 400, false), /^not a valid image reference/);
  t.regex(
    pullFailure("dial tcp 10.0.0.1:5000: connect: connection refused", 500, false),
    /the pull failed .*reaches the registry/,
  );
});
