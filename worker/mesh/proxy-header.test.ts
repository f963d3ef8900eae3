// PROXY protocol headers, byte for byte, and as a task receives them through the mesh.
import test from "ava";
import { connect, type Socket } from "node:net";
import { IngressMesh } from "./ingress-mesh.js";
import { endpointOf, freePort, namedServer, serviceOf } from "./mesh-test-kit.js";
import { proxyV1Header, proxyV2Header, proxyV2Signature } from "./proxy-header.js";

const v4 = { sourceAddr: "192.0.2.1", sourcePort: 51000, destAddr: "198.51.100.2", destPort: 80 };

test("proxyV1Header writes the text form for TCP4, TCP6 and mixed families", (t) => {
  t.is(proxyV1Header(v4).toString("latin1"), "PROXY TCP4 192.0.2.1 198.51.100.2 51000 80\r\n");
  t.is(
    proxyV1Header({ ...v4, sourceAddr: "::ffff:192.0.2.1" }).toString("latin1"),
    "PROXY TCP4 192.0.2.1 198.51.100.2 51000 80\r\n",
  );
  t.is(
    proxyV1Header({ sourceAddr: "2001:db8::1", sourcePort: 1, destAddr: "::1", destPort: 2 }).toString("latin1"),
    "PROXY TCP6 2001:db8::1 ::1 1 2\r\n",
  );
  t.is(proxyV1Header({ ...v4, destAddr: "::1" }).toString("latin1"), "PROXY UNKNOWN\r\n");
});

test("proxyV2Header writes the binary form for TCP4 and TCP6", (t) => {
  const sig = "0d0a0d0a000d0a515549540a";
  t.is(proxyV2Signature.toString("hex"), sig);
  t.is(proxyV2Header(v4).toString("hex"), `${sig}2111000c` + "c0000201" + "c6336402" + "c738" + "0050");
  // An IPv4-mapped address counts as IPv4, so IPv6 to it is a mix: the LOCAL form without addresses.
  t.is(
    proxyV2Header({ sourceAddr: "2001:db8::1", sourcePort: 1, destAddr: "::ffff:1.2.3.4", destPort: 2 }).toString(
      "hex",
    ),
    `${sig}20000000`,
  );
  const both6 = proxyV2Header({ sourceAddr: "2001:db8::1", sourcePort: 1, destAddr: "fe80::a:b", destPort: 2 });
  const src = ["2001", "0db8", "0000", "0000", "0000", "0000", "0000", "0001"].join("");
  const dst = ["fe80", "0000", "0000", "0000", "0000", "0000", "000a", "000b"].join("");
  t.is(both6.toString("hex"), `${sig}21210024${src}${dst}00010002`);
});

for (const version of ["v1", "v2"] as const) {
  test(`IngressMesh sends a PROXY ${version} header before the client's bytes`, async (t) => {
    const server = await namedServer("a", { greet: false });
    const port = await freePort();
    const mesh = new IngressMesh({ bindAddr: "127.0.0.1", log: () => {} });
    await mesh.update([serviceOf(port, [endpointOf("a", server.port)], { port: { proxyProtocol: version } })]);
    const client = connect({ host: "127.0.0.1", port });
    await new Promise((resolve) => client.once("connect", resolve));
    const addresses = { sourceAddr: "127.0.0.1", sourcePort: client.localPort!, destAddr: "127.0.0.1", destPort: port };
    const header = version === "v1" ? proxyV1Header(addresses) : proxyV2Header(addresses);
    const payload = Buffer.from("hello");
    // The task echoes what it receives: the header, then the client's bytes.
    const echoed = await readBytes(client, header.length + payload.length, () => client.write(payload));
    t.deepEqual(echoed, Buffer.concat([header, payload]));
    t.deepEqual(server.firstBytes[0]?.subarray(0, header.length), header);
    client.destroy();
    await mesh.close();
    await server.close();
  });
}

/** Calls `start`, then resolves with the first `count` bytes the socket receives. */
function readBytes(socket: Socket, count: number, start: () => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      length += chunk.length;
      if (length < count) return;
      socket.off("data", onData);
      resolve(Buffer.concat(chunks).subarray(0, count));
    };
    socket.on("data", onData);
    socket.once("error", reject);
    start();
  });
}
