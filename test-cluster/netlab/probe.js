// Small network probes the lab runs inside task namespaces (`ip netns exec NS node probe.js …`).
// Plain JavaScript with Node built-ins only, so each start costs a bare Node's startup.
//   serve-http PORT NAME         answers every request with "NAME CLIENT_ADDRESS" (NAME "$VAR": that variable)
//   serve-udp PORT NAME          answers every datagram with "NAME BYTES"
//   serve-dns-echo PORT          answers every DNS query with itself, its answer count set to 1: the
//                                least a server in a Node process can do, the floor of dns-latency
//   http-count URL N             N sequential requests, each on a new connection; prints JSON counts
//   http-keep URL N PAUSE_MS     N requests on ONE keep-alive connection; prints the answers as JSON
//   udp-ask HOST PORT N SRCPORT  N datagrams from one source port; prints the answers as JSON
//   lookup NAME                  dns.lookup (all) and dns.resolve4; prints JSON
//   http-load URL SECONDS CONNS  closed-loop keep-alive load; prints requests/s and latency percentiles
//   dns-latency SERVER NAME N [PORT]  N sequential A queries over UDP after 100 unmeasured ones; prints latency percentiles
//   watch-gone SERVER NAME ADDR MS  when ADDR left SERVER's answer to NAME and this namespace's DNAT rules
import { execFile } from "node:child_process";
import { createSocket } from "node:dgram";
import { lookup, resolve4 } from "node:dns/promises";
import { Agent, createServer, get } from "node:http";
import { clearTimeout, setTimeout } from "node:timers";
import { Buffer } from "node:buffer";
import { performance } from "node:perf_hooks";

const [mode, ...args] = process.argv.slice(2);

/**
 * Pauses of watch-gone between two looks at the DNS answer and at the rules, in ms: fine enough
 * against a 500 ms target, and the three watchers of a round do not load the machine they measure
 * (an iptables-save in a loop with no pause kept a core busy).
 */
const watchDnsPauseMs = 5;
const watchRulesPauseMs = 10;

/** Longest one probe request may take, in ms. */
const requestTimeoutMs = 3000;

/** p50 and p99 of latencies in ms. */
function percentiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50Ms: at(0.5), p99Ms: at(0.99) };
}

/** Whether a DNS answer holds an A record of the address `octets` (names compressed or not). */
function hasAddress(message, octets) {
  const skipName = (at) => {
    for (;;) {
      const length = message[at];
      if (length === undefined) return message.length;
      if ((length & 0xc0) === 0xc0) return at + 2;
      if (length === 0) return at + 1;
      at += length + 1;
    }
  };
  let at = skipName(12) + 4;
  for (let i = 0; i < message.readUInt16BE(6) && at < message.length; i++) {
    at = skipName(at);
    const type = message.readUInt16BE(at);
    const length = message.readUInt16BE(at + 8);
    const data = at + 10;
    if (type === 1 && length === 4 && octets.every((o, k) => message[data + k] === o)) return true;
    at = data + length;
  }
  return false;
}

/** A DNS query for the A record of `name` with recursion desired. */
function dnsQuery(id, name) {
  const labels = name.split(".").filter((l) => l !== "");
  const question = Buffer.concat([
    ...labels.map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)])),
    Buffer.from([0, 0, 1, 0, 1]),
  ]);
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(0x0100, 2);
  header.writeUInt16BE(1, 4);
  return Buffer.concat([header, question]);
}

function request(url, agent) {
  return new Promise((resolve) => {
    const req = get(url, { agent, timeout: requestTimeoutMs }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ ok: true, body: body.trim() }));
      res.on("error", (error) => resolve({ ok: false, error: error.code ?? String(error) }));
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (error) => resolve({ ok: false, error: error.code ?? error.message }));
  });
}

if (mode === "serve-http") {
  const [port, given = ""] = args;
  // A service's tasks share their arguments; each tells itself apart by a templated variable.
  const name = given.startsWith("$") ? (process.env[given.slice(1)] ?? given) : given;
  createServer((req, res) => res.end(`${name} ${req.socket.remoteAddress}\n`)).listen(Number(port), "0.0.0.0", () =>
    process.stdout.write("ready\n"),
  );
} else if (mode === "serve-udp") {
  const [port, name] = args;
  const socket = createSocket("udp4");
  socket.on("message", (message, from) => socket.send(`${name} ${message.length}`, from.port, from.address));
  socket.bind(Number(port), "0.0.0.0", () => process.stdout.write("ready\n"));
} else if (mode === "serve-dns-echo") {
  const [port] = args;
  const socket = createSocket("udp4");
  socket.on("message", (message, from) => {
    if (message.length < 12) return;
    message.writeUInt16BE(1, 6);
    socket.send(message, from.port, from.address);
  });
  socket.bind(Number(port), "0.0.0.0", () => process.stdout.write("ready\n"));
} else if (mode === "http-count") {
  const [url, n] = args;
  const counts = {};
  const clients = new Set();
  const errors = [];
  for (let i = 0; i < Number(n); i++) {
    const r = await request(url, false);
    if (!r.ok) {
      errors.push(r.error);
      continue;
    }
    const [name, client] = r.body.split(" ");
    counts[name] = (counts[name] ?? 0) + 1;
    clients.add(client);
  }
  process.stdout.write(`${JSON.stringify({ counts, clients: [...clients], errors })}\n`);
} else if (mode === "http-keep") {
  const [url, n, pauseMs] = args;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const answers = [];
  for (let i = 0; i < Number(n); i++) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, Number(pauseMs)));
    const r = await request(url, agent);
    answers.push(r.ok ? r.body.split(" ")[0] : `error:${r.error}`);
    // Tell the test where the connection went, so it can change the view meanwhile.
    process.stdout.write(`${JSON.stringify({ i, answer: answers[i] })}\n`);
  }
  agent.destroy();
} else if (mode === "udp-ask") {
  const [host, port, n, sourcePort] = args;
  const socket = createSocket("udp4");
  await new Promise((resolve) => socket.bind(Number(sourcePort), "0.0.0.0", resolve));
  const answers = [];
  for (let i = 0; i < Number(n); i++) {
    const answer = await new Promise((resolve) => {
      const timer = setTimeout(() => {
        socket.removeAllListeners("message");
        resolve("timeout");
      }, 1000);
      socket.once("message", (message) => {
        clearTimeout(timer);
        resolve(message.toString());
      });
      socket.send("ping", Number(port), host);
    });
    answers.push(answer);
  }
  socket.close();
  process.stdout.write(`${JSON.stringify(answers)}\n`);
} else if (mode === "lookup") {
  const [name] = args;
  const all = await lookup(name, { all: true, family: 4 }).then(
    (list) => list.map((a) => a.address),
    (error) => `error:${error.code}`,
  );
  const resolved = await resolve4(name).catch((error) => `error:${error.code}`);
  process.stdout.write(`${JSON.stringify({ lookup: all, resolve4: resolved })}\n`);
} else if (mode === "http-load") {
  const [url, seconds, connections] = args;
  const agent = new Agent({ keepAlive: true, maxSockets: Number(connections) });
  const latencies = [];
  let errors = 0;
  const end = performance.now() + Number(seconds) * 1000;
  await Promise.all(
    Array.from({ length: Number(connections) }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const r = await request(url, agent);
        if (r.ok) latencies.push(performance.now() - t0);
        else errors += 1;
      }
    }),
  );
  agent.destroy();
  process.stdout.write(
    `${JSON.stringify({ rps: latencies.length / Number(seconds), ...percentiles(latencies), errors })}\n`,
  );
} else if (mode === "dns-latency") {
  const [server, name, n, port = "53"] = args;
  const socket = createSocket("udp4");
  await new Promise((resolve) => socket.bind(0, "0.0.0.0", resolve));
  const latencies = [];
  let failures = 0;
  // The first queries pay for this process's JIT and the first ARP exchange, not for the server:
  // a task that resolves names all day sees the steady state, which is what is measured.
  const warmup = 100;
  for (let i = -warmup; i < Number(n); i++) {
    const id = (i + warmup) % 65536;
    const t0 = performance.now();
    const answered = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), 1000);
      const onMessage = (message) => {
        if (message.readUInt16BE(0) !== id) return;
        clearTimeout(timer);
        socket.off("message", onMessage);
        // No error and at least one answer.
        resolve((message.readUInt16BE(2) & 0xf) === 0 && message.readUInt16BE(6) > 0);
      };
      socket.on("message", onMessage);
      socket.send(dnsQuery(id, name), Number(port), server);
    });
    if (i < 0) continue;
    if (answered) latencies.push(performance.now() - t0);
    else failures += 1;
  }
  socket.close();
  process.stdout.write(`${JSON.stringify({ queries: Number(n), failures, ...percentiles(latencies) })}\n`);
} else if (mode === "watch-gone") {
  // Until ADDR is gone both from SERVER's answer to NAME and from this namespace's DNAT rules:
  // prints "watching" once both still have it, then the times (ms since the epoch) each lost it.
  const [server, name, addr, timeoutMs] = args;
  const end = Date.now() + Number(timeoutMs);
  const socket = createSocket("udp4");
  await new Promise((resolve) => socket.bind(0, "0.0.0.0", resolve));
  const wanted = addr.split(".").map(Number);
  const now = () => performance.timeOrigin + performance.now();
  let id = 0;
  const inDns = () =>
    new Promise((resolve) => {
      id = (id + 1) % 65536;
      const mine = id;
      const timer = setTimeout(() => {
        socket.off("message", onMessage);
        resolve(undefined);
      }, 200);
      const onMessage = (m) => {
        if (m.readUInt16BE(0) !== mine) return;
        clearTimeout(timer);
        socket.off("message", onMessage);
        resolve(hasAddress(m, wanted));
      };
      socket.on("message", onMessage);
      socket.send(dnsQuery(mine, name), 53, server);
    });
  const dnat = new RegExp(`--to-destination ${addr.replaceAll(".", "\\.")}(?![\\d])`);
  const inRules = () =>
    new Promise((resolve) =>
      execFile("iptables-save", ["-t", "nat"], (error, stdout) => resolve(error ? undefined : dnat.test(stdout))),
    );
  let announced = false;
  let dnsGoneAt = 0;
  let vipGoneAt = 0;
  let lastRules;
  let lastDns;
  let lastDnsLoop;
  const dnsLoop = (async () => {
    while (Date.now() < end && dnsGoneAt === 0) {
      const present = await inDns();
      lastDnsLoop = present;
      if (present === false && announced) dnsGoneAt = now();
      await new Promise((r) => setTimeout(r, watchDnsPauseMs));
    }
  })();
  while (Date.now() < end && vipGoneAt === 0) {
    const present = await inRules();
    lastRules = present;
    if (!announced && present === true && (lastDns = await inDns()) === true) {
      announced = true;
      process.stdout.write("watching\n");
    } else if (present === false && announced) vipGoneAt = now();
    else await new Promise((r) => setTimeout(r, watchRulesPauseMs));
  }
  await dnsLoop;
  socket.close();
  if (announced && dnsGoneAt === 0)
    process.stderr.write(`watch-gone: ${addr} stayed in DNS: last answer ${lastDnsLoop}\n`);
  if (!announced) process.stderr.write(`watch-gone: never saw ${addr}: in the rules ${lastRules}, in DNS ${lastDns}\n`);
  process.stdout.write(`${JSON.stringify({ dnsGoneAt, vipGoneAt })}\n`);
} else {
  process.stderr.write(`unknown probe ${mode}\n`);
  process.exit(2);
}
