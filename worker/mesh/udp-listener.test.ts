// The UDP data path: datagrams reach an endpoint and replies come back from the published port.
import test from "ava";
import { createSocket, type Socket } from "node:dgram";
import { waitFor } from "../../common/index.js";
import { IngressMesh } from "./ingress-mesh.js";
import { endpointOf, freePort, serviceOf, testTargetPort, udpEchoServer } from "./mesh-test-kit.js";

/** Sends `text` from the client and resolves with the reply and the address it came from. */
function ask(client: Socket, port: number, text: string): Promise<{ reply: string; from: number }> {
  return new Promise((resolve) => {
    client.once("message", (msg, rinfo) => resolve({ reply: msg.toString(), from: rinfo.port }));
    client.send(text, port, "127.0.0.1");
  });
}

test("IngressMesh relays UDP flows to endpoints and expires idle ones", async (t) => {
  const servers = await Promise.all(["a", "b"].map((n) => udpEchoServer(n)));
  const port = await freePort();
  const mesh = new IngressMesh({ bindAddr: "127.0.0.1", udpFlowIdleMs: 100, log: () => {} });
  const service = serviceOf(port, [endpointOf("a", servers[0]!.port), endpointOf("b", servers[1]!.port)]);
  await mesh.update([{ ...service, ports: [{ protocol: "udp", publishedPort: port, targetPort: testTargetPort }] }]);
  const clients = [createSocket("udp4"), createSocket("udp4")];
  const first = await ask(clients[0]!, port, "ping");
  const again = await ask(clients[0]!, port, "pong");
  const second = await ask(clients[1]!, port, "ping");
  t.is(first.from, port);
  // One flow per client: the same endpoint for both of its datagrams; the next client gets the other.
  t.is(again.reply.split(":")[0], first.reply.split(":")[0]);
  t.true(first.reply.endsWith(":ping") && again.reply.endsWith(":pong"));
  t.not(second.reply.split(":")[0], first.reply.split(":")[0]);
  t.is(mesh.stats().listeners[0]?.flows, 2);
  await waitFor("flows expire", () => (mesh.stats().listeners[0]?.flows === 0 ? true : undefined), { timeoutMs: 3000 });
  for (const c of clients) c.close();
  await mesh.close();
  for (const s of servers) s.close();
});
