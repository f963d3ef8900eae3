// The messages between the network agent's thread and the DNS server's own thread (dns-thread.ts,
// dns-thread-main.ts). Networks travel as the view has them (plain data, structured-cloned); the
// DNS thread builds its records from them, so that work leaves the agent's thread too.
import type { Upstream } from "./dns-forwarder.js";
import type { OverlayNetwork } from "./view.js";

/** What the DNS thread starts with (its workerData). */
export interface DnsThreadData {
  /** Port to listen on. */
  readonly port: number;
  /** Resolvers for names that are not ours; absent: the host's resolv.conf. */
  readonly upstreams?: readonly Upstream[];
  /** The thread's nice value (below 0 needs root); absent: the process's. */
  readonly nice?: number;
  /** The server's counters, shared with the agent's thread (dns-counters.ts). */
  readonly counters: SharedArrayBuffer;
}

/** From the agent's thread to the DNS thread. */
export type DnsThreadRequest =
  /** Answer from these networks from now on (no reply). */
  | { readonly op: "records"; readonly networks: readonly OverlayNetwork[] }
  /** Answer from these networks and listen on exactly these addresses; replies with the listeners. */
  | {
      readonly op: "update";
      readonly id: number;
      readonly networks: readonly OverlayNetwork[];
      readonly addrs: readonly string[];
    }
  /** Close every listener; replies once closed. */
  | { readonly op: "close"; readonly id: number };

/** From the DNS thread to the agent's thread. */
export type DnsThreadReply =
  /** The answer to request `id`, with the addresses listened on now. */
  | { readonly id: number; readonly listeners: readonly string[] }
  /** A line for the agent's log. */
  | { readonly log: string; readonly fields: Record<string, unknown> };
