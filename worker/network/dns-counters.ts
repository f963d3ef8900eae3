// The counters of a DNS server, kept in shared memory: the server answers on a thread of its own
// (dns-thread.ts), and the agent reads its counters for its stats synchronously, without a message
// round trip to that thread. 64-bit slots updated with Atomics, so no count wraps or tears.

/** The counters, one slot each. */
export const dnsCounterNames = ["queries", "local", "truncated", "forwarded", "answered", "refused", "failed"] as const;

/** One counter's name. */
export type DnsCounterName = (typeof dnsCounterNames)[number];

/** Bytes of one counter slot. */
const slotBytes = 8;

/** Counters in a buffer that may be shared between threads; see the file header. */
export class DnsCounters {
  /** The memory, to hand to another thread (a SharedArrayBuffer) or keep to oneself. */
  readonly buffer: SharedArrayBuffer;
  private readonly slots: BigUint64Array;

  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(slotBytes * dnsCounterNames.length)) {
    this.buffer = buffer;
    this.slots = new BigUint64Array(buffer, 0, dnsCounterNames.length);
  }

  /** Counts one more `name`. */
  add(name: DnsCounterName): void {
    Atomics.add(this.slots, dnsCounterNames.indexOf(name), 1n);
  }

  /** The count of `name` now. */
  get(name: DnsCounterName): number {
    return Number(Atomics.load(this.slots, dnsCounterNames.indexOf(name)));
  }
}
