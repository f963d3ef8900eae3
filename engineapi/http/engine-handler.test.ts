// Goal: the request handler's own rules, with a stand-in for the manager's gRPC services: `/_ping`
// headers, version prefixes, Docker's error bodies and exact content type, 501 for engine routes,
// the manager-only guard on workers, and a locked manager told apart from other refusals.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import test from "ava";
import type { ClusterApi } from "../backend/cluster-client.js";
import type { HostFacts } from "../convert/system.js";
import type { EventHub } from "../events/event-hub.js";
import type { LocalRole } from "../routes/route.js";
import { createEngineHandler } from "./engine-handler.js";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const host: HostFacts = {
  hostname: "h",
  kernelVersion: "6.1",
  operatingSystem: "Linux",
  osVersion: "",
  architecture: "x86_64",
  arch: "amd64",
  cpus: 2,
  memoryBytes: 1,
  version: "0.1.0",
  runtimeVersion: "node-v20",
  stateDir: "/s",
  now: new Date(0),
};

function lockedError(): Error {
  return Object.assign(new Error("locked"), {
    code: 9,
    details: "this manager is locked",
    metadata: { get: (key: string) => (key === "swarm-error-code" ? ["MANAGER_LOCKED"] : []) },
  });
}

/** The `message` of a Docker error body. */
function messageOf(text: string): string {
  return (JSON.parse(text) as { message: string }).message;
}

/** Serves the handler on a unix socket with a fake cluster; `answer(method)` gives each Control method's result. */
async function serve(
  role: LocalRole,
  answer: (method: string) => unknown,
): Promise<{ get: (method: string, path: string) => Promise<Answer>; close: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), "engine-handler-"));
  const socketPath = join(dir, "s.sock");
  const cluster = {
    control: (method: string) => {
      const result = answer(method);
      return result instanceof Error ? Promise.reject(result) : Promise.resolve(result);
    },
  } as unknown as ClusterApi;
  const handler = createEngineHandler({
    deps: {
      cluster,
      local: {
        nodeId: () => "node1",
        role: () => role,
        advertiseAddr: () => "10.0.0.1:4242",
        managers: () => ["10.0.0.2:4242"],
      },
      host: () => host,
      events: {} as EventHub,
      membership: null,
    },
    serverName: "swarm-ts/test",
  });
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  const get = (method: string, path: string): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const req = request({ socketPath, method, path }, (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      });
      req.on("error", reject);
      req.end();
    });
  return {
    get,
    close: () => {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

test("engine handler answers ping with Docker's headers, on every version prefix", async (t) => {
  const api = await serve("manager", () => ({}));
  t.teardown(api.close);
  const ping = await api.get("HEAD", "/_ping");
  t.is(ping.status, 200);
  t.is(ping.headers["api-version"], "1.44");
  t.is(ping.headers.ostype, "linux");
  t.is(ping.headers.swarm, "active/manager");
  t.is(ping.headers["cache-control"], "no-cache, no-store, must-revalidate");
  t.is((await api.get("GET", "/v1.41/_ping")).text, "OK");
  const old = await api.get("GET", "/v1.24/version");
  t.is(old.status, 400);
  t.is(old.headers["content-type"], "application/json");
  t.regex(messageOf(old.text), /too old/);
});

test("engine handler refuses engine routes with 501 and unknown ones with 404, as JSON", async (t) => {
  const api = await serve("manager", () => ({}));
  t.teardown(api.close);
  const ps = await api.get("GET", "/v1.44/containers/json");
  t.is(ps.status, 501);
  t.is(ps.headers["content-type"], "application/json");
  t.regex(messageOf(ps.text), /swarm routes of the Docker Engine API only/);
  t.deepEqual(JSON.parse((await api.get("GET", "/nope")).text), { message: "page not found" });
});

test("engine handler on a worker serves info and refuses swarm routes with 503", async (t) => {
  const api = await serve("worker", () => {
    throw new Error("a worker has no control socket");
  });
  t.teardown(api.close);
  const info = JSON.parse((await api.get("GET", "/v1.44/info")).text) as {
    Swarm: { ControlAvailable: boolean; LocalNodeState: string };
  };
  t.false(info.Swarm.ControlAvailable);
  t.is(info.Swarm.LocalNodeState, "active");
  const nodes = await api.get("GET", "/v1.44/nodes");
  t.is(nodes.status, 503);
  t.regex(messageOf(nodes.text), /This node is not a swarm manager/);
  t.is((await api.get("HEAD", "/_ping")).headers.swarm, "active/worker");
});

test("engine handler reports a locked manager as Docker does, in info, errors and ping", async (t) => {
  const api = await serve("manager", () => lockedError());
  t.teardown(api.close);
  const info = JSON.parse((await api.get("GET", "/v1.44/info")).text) as { Swarm: { LocalNodeState: string } };
  t.is(info.Swarm.LocalNodeState, "locked");
  const services = await api.get("GET", "/v1.44/services");
  t.is(services.status, 503);
  t.regex(messageOf(services.text), /^Swarm is encrypted and needs to be unlocked/);
  t.is((await api.get("HEAD", "/_ping")).headers.swarm, "locked");
});
