// Goal: the node's WireGuard keys are what `wg` makes (same public key for the same private key),
// kept in a 0600 file across restarts; the UAPI is spoken and read as wireguard-go does; and the
// tunnel plan sends exactly what differs, removing peers no view names.
import test from "ava";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { desiredTunnel, planTunnel } from "./tunnel-plan.js";
import type { OverlayNetwork } from "./view.js";
import { generateKeys, isWireGuardKey, keyToHex, loadOrCreateKeys, publicKeyOf } from "./wireguard-keys.js";
import { parseUapiGet, uapiExchange, UapiError } from "./wireguard-uapi.js";

/** A pair made by `wg genkey | tee /dev/stderr | wg pubkey` (wireguard-tools 1.0.20210914). */
const wgPrivate = "kNG/3RNmFvOfTayr+Hf8q9a8sJWmocx+cvqop6uN5W4=";
const wgPublic = "tnH5wVdSisfOiRTrih8yg91yedsnrWo4AW8Xjyenhl0=";

test("publicKeyOf derives the public key wg pubkey derives, and new keys are clamped Curve25519 keys", (t) => {
  t.is(publicKeyOf(wgPrivate), wgPublic);
  const keys = generateKeys();
  t.true(isWireGuardKey(keys.privateKey) && isWireGuardKey(keys.publicKey));
  const raw = Buffer.from(keys.privateKey, "base64");
  t.is(raw[0]! & 7, 0);
  t.is(raw[31]! & 0xc0, 0x40);
  t.false(isWireGuardKey("not a key"));
});

test("loadOrCreateKeys makes the key file once (mode 0600) and reads the same pair after", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "swarm-wg-keys-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, "worker", "wireguard.key");
  const first = loadOrCreateKeys(path);
  t.is(statSync(path).mode & 0o777, 0o600);
  t.is(readFileSync(path, "utf8").trim(), first.privateKey);
  t.deepEqual(loadOrCreateKeys(path), first);
});

const peerA = { publicKey: wgPublic, endpoint: "198.18.0.2:51820", addr: "169.254.128.2" };
const peerB = { publicKey: generateKeys().publicKey, endpoint: "198.18.0.3:51820", addr: "169.254.128.3" };

function encrypted(id: string, peers: (typeof peerA)[]): OverlayNetwork {
  return {
    id,
    name: id,
    subnet: "10.0.1.0/24",
    vni: 4097,
    mtu: 0,
    internal: false,
    encrypted: true,
    self: { addr: "10.0.1.250" },
    peers: [],
    services: [],
    tasks: [],
    tunnel: { addr: "169.254.128.1/17", peers },
  };
}

test("desiredTunnel is one tunnel for all encrypted networks, their peers merged by key", (t) => {
  const tunnel = desiredTunnel([encrypted("a", [peerA]), encrypted("b", [peerA, peerB])], wgPrivate, 51820);
  t.is(tunnel?.addr, "169.254.128.1/17");
  t.deepEqual(tunnel?.peers.map((p) => p.addr).sort(), ["169.254.128.2", "169.254.128.3"]);
  t.is(desiredTunnel([{ ...encrypted("c", []), encrypted: false }], wgPrivate, 51820), undefined);
});

test("planTunnel sets what differs, removes peers no view names, and sends nothing when all matches", (t) => {
  const desired = desiredTunnel([encrypted("a", [peerA])], wgPrivate, 51820)!;
  const hexA = keyToHex(peerA.publicKey);
  const hexB = keyToHex(peerB.publicKey);
  const fresh = planTunnel(desired, { listenPort: 40000, peers: [] });
  t.is(
    fresh,
    `set=1\nprivate_key=${keyToHex(wgPrivate)}\nlisten_port=51820\npublic_key=${hexA}\nendpoint=198.18.0.2:51820\nreplace_allowed_ips=true\nallowed_ip=169.254.128.2/32\n`,
  );
  const peer = {
    publicKey: hexA,
    endpoint: "198.18.0.2:51820",
    allowedIps: ["169.254.128.2/32"],
    lastHandshakeS: 0,
    rxBytes: 0,
    txBytes: 0,
  };
  const same = { privateKey: keyToHex(wgPrivate), listenPort: 51820, peers: [peer] };
  t.is(planTunnel(desired, same), "");
  const stale = {
    ...same,
    peers: [
      { ...peer, endpoint: "198.18.0.9:51820" },
      { ...peer, publicKey: hexB },
    ],
  };
  t.is(
    planTunnel(desired, stale),
    `set=1\npublic_key=${hexB}\nremove=true\npublic_key=${hexA}\nendpoint=198.18.0.2:51820\nreplace_allowed_ips=true\nallowed_ip=169.254.128.2/32\n`,
  );
});

test("parseUapiGet reads the device and its peers from wireguard-go's get answer", (t) => {
  const hexA = keyToHex(peerA.publicKey);
  t.deepEqual(
    parseUapiGet(
      `private_key=${keyToHex(wgPrivate)}\nlisten_port=51820\npublic_key=${hexA}\nendpoint=198.18.0.2:51820\nlast_handshake_time_sec=1700000000\nrx_bytes=10\ntx_bytes=20\nallowed_ip=169.254.128.2/32\n`,
    ),
    {
      privateKey: keyToHex(wgPrivate),
      listenPort: 51820,
      peers: [
        {
          publicKey: hexA,
          endpoint: "198.18.0.2:51820",
          allowedIps: ["169.254.128.2/32"],
          lastHandshakeS: 1700000000,
          rxBytes: 10,
          txBytes: 20,
        },
      ],
    },
  );
});

test("uapiExchange sends a request ended by an empty line and fails on a non-zero errno", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "swarm-wg-uapi-"));
  const path = join(dir, "wg.sock");
  const got: string[] = [];
  const server = createServer((socket) => {
    let text = "";
    socket.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (!text.endsWith("\n\n")) return;
      got.push(text);
      socket.end(text.startsWith("get=1") ? "listen_port=51820\nerrno=0\n\n" : "errno=-22\n\n");
    });
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  t.teardown(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  t.is(await uapiExchange(path, "get=1\n"), "listen_port=51820\n");
  t.is(got[0], "get=1\n\n");
  await t.throwsAsync(uapiExchange(path, "set=1\nlisten_port=x\n"), { instanceOf: UapiError, message: /errno -22/ });
});
