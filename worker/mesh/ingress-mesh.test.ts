// The TCP data path over real loopback sockets: balancing, failover, draining, removal, updates.
import test from "ava";
import { connect, createServer } from "node:net";
import { waitFor } from "../../common/index.js";
import { IngressMesh } from "./ingress-mesh.js";
import {
  closed,
  dialLine,
  endpointOf,
  freePort,
  namedServer,
  roundTrip,
  serviceOf,
  type NamedServer,
} from "./mesh-test-kit.js";

const host = "127.0.0.1";
const quiet = (): void => {};

/** Three named servers, a mesh on a free port in front of them, and a cleanup. */
async function setup(
  options: { balancing?: "round-robin" | "least-connections"; removedEndpointGraceMs?: number } = {},
): Promise<{ servers: NamedServer[]; mesh: IngressMesh; port: number; done: () => Promise<void> }> {
  const servers = await Promise.all(["a", "b", "c"].map((n) => namedServer(n)));
  const port = await freePort();
  const mesh = new IngressMesh({
    bindAddr: host,
    log: quiet,
    ...(options.removedEndpointGraceMs === undefined ? {} : { removedEndpointGraceMs: options.removedEndpointGraceMs }),
  });
  await mesh.update([
    serviceOf(
      port,
      servers.map((s) => endpointOf(s.name, s.port)),
      { balancing: options.balancing ?? "round-robin" },
    ),
  ]);
  return {
    servers,
    mesh,
    port,
    done: async () => {
      await mesh.close();
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}

test("IngressMesh spreads connections round robin and relays both ways", async (t) => {
  const { mesh, port, done } = await setup();
  const seen: string[] = [];
  for (let i = 0; i < 6; i++) {
    const { socket, line } = await dialLine(host, port);
    seen.push(line);
    t.is(await roundTrip(socket, `hello ${i}`), `hello ${i}`);
    socket.end();
  }
  t.deepEqual([...seen].sort(), ["a", "a", "b", "b", "c", "c"]);
  t.deepEqual(seen.slice(3), seen.slice(0, 3));
  t.is(mesh.stats().listeners[0]?.bound, true);
  await done();
});

test("IngressMesh passes a half-close through and still relays the answer", async (t) => {
  // The task answers only after the client has finished sending (like a request ended by EOF).
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    let got = "";
    socket.on("data", (chunk: Buffer) => (got += chunk.toString()));
    socket.on("end", () => socket.end(`got ${got}`));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = await freePort();
  const mesh = new IngressMesh({ bindAddr: host, log: quiet });
  await mesh.update([serviceOf(port, [endpointOf("a", (server.address() as { port: number }).port)])]);
  const client = connect({ host, port, allowHalfOpen: true });
  let answer = "";
  client.on("data", (chunk: Buffer) => (answer += chunk.toString()));
  const ended = new Promise((resolve) => client.once("end", resolve));
  client.end("question");
  await ended;
  t.is(answer, "got question");
  client.destroy();
  await mesh.close();
  await new Promise((resolve) => server.close(resolve));
});

test("IngressMesh with least-connections sends new connections to the idlest endpoint", async (t) => {
  const { servers, mesh, port, done } = await setup({ balancing: "least-connections" });
  await mesh.update([
    serviceOf(
      port,
      servers.slice(0, 2).map((s) => endpointOf(s.name, s.port)),
      { balancing: "least-connections" },
    ),
  ]);
  const held = await dialLine(host, port);
  const other = held.line === "a" ? "b" : "a";
  for (let i = 0; i < 3; i++) {
    const { socket, line } = await dialLine(host, port);
    t.is(line, other);
    socket.end();
    await closed(socket);
    await waitFor("released", () =>
      mesh.stats().endpoints.svc1?.find((e) => e.taskId === other)?.open === 0 ? true : undefined,
    );
  }
  held.socket.destroy();
  await done();
});

test("IngressMesh fails over from a refusing endpoint without the client noticing", async (t) => {
  const { servers, mesh, port, done } = await setup();
  const dead = await freePort();
  await mesh.update([serviceOf(port, [endpointOf("dead", dead), endpointOf("a", servers[0]!.port)])]);
  for (let i = 0; i < 4; i++) {
    const { socket, line } = await dialLine(host, port);
    t.is(line, "a");
    socket.end();
  }
  const stats = mesh.stats().endpoints.svc1 ?? [];
  t.is(stats.find((e) => e.taskId === "dead")?.total, 0);
  await done();
});

test("IngressMesh resets the client when no endpoint can take it and counts it", async (t) => {
  const port = await freePort();
  const mesh = new IngressMesh({ bindAddr: host, log: quiet });
  await mesh.update([serviceOf(port, [endpointOf("dead", await freePort())])]);
  const dial = await dialLine(host, port).then(
    () => "line",
    (error: NodeJS.ErrnoException) => error.code ?? error.message,
  );
  t.true(dial === "ECONNRESET" || dial === "closed before a line", dial);
  t.is(mesh.stats().listeners[0]?.refused, 1);
  await mesh.close();
});

test("IngressMesh gives a draining endpoint no new connections while its open one keeps working", async (t) => {
  const { servers, mesh, port, done } = await setup();
  const first = await dialLine(host, port);
  const eps = servers.map((s) => endpointOf(s.name, s.port, s.name === first.line));
  await mesh.update([serviceOf(port, eps)]);
  for (let i = 0; i < 4; i++) {
    const { socket, line } = await dialLine(host, port);
    t.not(line, first.line);
    socket.end();
  }
  t.is(await roundTrip(first.socket, "still here"), "still here");
  first.socket.end();
  await done();
});

test("IngressMesh closes a removed endpoint's connections after the grace", async (t) => {
  const { servers, mesh, port, done } = await setup({ removedEndpointGraceMs: 100 });
  const first = await dialLine(host, port);
  await mesh.update([
    serviceOf(
      port,
      servers.filter((s) => s.name !== first.line).map((s) => endpointOf(s.name, s.port)),
    ),
  ]);
  t.is(await roundTrip(first.socket, "in grace"), "in grace");
  t.true(mesh.stats().endpoints.svc1?.find((e) => e.taskId === first.line)?.removed);
  await closed(first.socket);
  const { socket, line } = await dialLine(host, port);
  t.not(line, first.line);
  socket.end();
  t.is(
    mesh.stats().endpoints.svc1?.find((e) => e.taskId === first.line),
    undefined,
  );
  await done();
});

test("IngressMesh update opens new published ports and closes unpublished ones", async (t) => {
  const { servers, mesh, port, done } = await setup();
  const second = await freePort();
  const eps = servers.map((s) => endpointOf(s.name, s.port));
  await mesh.update([serviceOf(port, eps), serviceOf(second, eps, { serviceId: "svc2" })]);
  t.is(mesh.stats().listeners.length, 2);
  const { socket } = await dialLine(host, second);
  socket.end();
  await mesh.update([serviceOf(second, eps, { serviceId: "svc2" })]);
  t.deepEqual(
    mesh.stats().listeners.map((l) => l.publishedPort),
    [second],
  );
  const refused = await dialLine(host, port).then(
    () => "",
    (error: NodeJS.ErrnoException) => error.code ?? "",
  );
  t.is(refused, "ECONNREFUSED");
  await done();
});

test("IngressMesh reports a published port in use and binds it once it is free", async (t) => {
  const port = await freePort();
  const squatter = createServer();
  await new Promise<void>((resolve) => squatter.listen(port, host, resolve));
  const events: { event: string; fields: Record<string, unknown> }[] = [];
  const mesh = new IngressMesh({
    bindAddr: host,
    bindRetryMs: 50,
    log: (event, fields) => events.push({ event, fields }),
  });
  const server = await namedServer("a");
  await mesh.update([serviceOf(port, [endpointOf("a", server.port)])]);
  const failed = events.find((e) => e.event === "mesh.bind-failed");
  t.is(failed?.fields.port, port);
  t.is(failed?.fields.service, "web");
  t.is(mesh.stats().listeners[0]?.bound, false);
  await new Promise((resolve) => squatter.close(resolve));
  await waitFor("bound", () => (mesh.stats().listeners[0]?.bound === true ? true : undefined), { timeoutMs: 3000 });
  const { socket, line } = await dialLine(host, port);
  t.is(line, "a");
  socket.end();
  await mesh.close();
  await server.close();
});

test("IngressMesh close ends open connections instead of waiting for them", async (t) => {
  // A database client keeps its connection open for good: a node stopping must not wait for it.
  const { mesh, port, done } = await setup();
  const { socket } = await dialLine(host, port);
  const ended = closed(socket);
  await mesh.close();
  await ended;
  t.true(socket.destroyed);
  await done();
});
