// The DNS server's own thread (a worker thread started by dns-thread.ts): one DnsServer answering
// on its own event loop, so a network pass on the agent's thread (ip, bridge and iptables
// processes, rendering, a view's parsing) never delays an answer. It holds no state of its own
// beyond the last networks it was sent; the agent's thread sends them again after a restart.
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { DnsCounters } from "./dns-counters.js";
import { DnsRecords } from "./dns-records.js";
import { DnsServer } from "./dns-server.js";
import type { DnsThreadData, DnsThreadReply, DnsThreadRequest } from "./dns-thread-protocol.js";

/**
 * Gives this thread alone the nice value `nice`: on Linux, setpriority on a thread id applies to that
 * thread only, and /proc/thread-self names it. Where it cannot (not root, not Linux) the thread
 * keeps the process's priority and says so.
 */
function setThreadNice(nice: number, reply: (message: DnsThreadReply) => void): void {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    setPriority(tid, nice);
  } catch (error) {
    reply({ log: "dns.thread-priority-failed", fields: { nice, error: String(error) } });
  }
}

function main(): void {
  const port = parentPort;
  if (port === null) throw new Error("dns-thread-main runs as a worker thread");
  const data = workerData as DnsThreadData;
  const reply = (message: DnsThreadReply): void => port.postMessage(message);
  if (data.nice !== undefined) setThreadNice(data.nice, reply);
  const server = new DnsServer({
    port: data.port,
    ...(data.upstreams === undefined ? {} : { upstreams: data.upstreams }),
    counters: new DnsCounters(data.counters),
    log: (event, fields) => reply({ log: event, fields }),
  });
  // Listeners in order: an update's must be settled before the next update's are looked at.
  let queue: Promise<void> = Promise.resolve();
  port.on("message", (request: DnsThreadRequest) => {
    // Records are taken at once, in the order they were sent, so the next query already sees them
    // and a listener still being bound for an earlier update cannot bring older ones back.
    if (request.op !== "close") server.setRecords(new DnsRecords({ networks: request.networks }));
    if (request.op === "records") return;
    queue = queue.then(async () => {
      if (request.op === "update") await server.listenOn(request.addrs);
      else await server.close();
      reply({ id: request.id, listeners: server.stats().listeners });
      if (request.op === "close") port.close();
    });
  });
}

main();
