"""DNS latency probes with negligible noise of their own, run by the overlay benchmark inside the
lab's namespaces (python3-minimal: the standard library's core only, no json module needed).

  latency SERVER PORT NAME N WARMUP   N sequential A queries over UDP after WARMUP unmeasured ones;
                                      prints one JSON line of latency percentiles
  echo PORT                           answers every DNS query with itself, its answer count set to 1;
                                      prints "ready" once bound

Why Python and not the lab's Node probe: a Node client measures its own event loop too (a promise,
a timer and a listener per query, their garbage collected now and then, each datagram's wake-up
going through libuv), which put a Node echo's p99 above the server it was the floor of. This client
blocks in recv on one socket, allocates nothing per query (one bytearray whose id is rewritten, one
receive buffer) and turns the garbage collector off, so what it measures is the kernel and the
server. As root it also asks for real-time priority (SCHED_FIFO, lowest level), so that on a busy
machine its own wake-up does not wait behind other processes: the delay measured is the server's
wake-up and work, not the client's. It blocks in recv between queries, so it never holds a core.
"""

import gc
import os
import socket
import struct
import sys
import time

# Longest one query may wait for its answer, in seconds.
ANSWER_TIMEOUT_S = 1.0
# Largest datagram read, in bytes (a DNS answer over UDP without EDNS is at most 512).
DATAGRAM_BYTES_MAX = 4096


def dns_query(name):
    """A query for the A record of NAME with recursion desired, id 0."""
    question = b"".join(bytes([len(label)]) + label.encode() for label in name.split(".") if label)
    return bytearray(struct.pack(">HHHHHH", 0, 0x0100, 1, 0, 0, 0) + question + b"\x00\x00\x01\x00\x01")


def real_time():
    """Asks for the lowest real-time priority; whether it was granted (root only)."""
    try:
        os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(1))
        return True
    except (OSError, AttributeError):
        return False


def latency(server, port, name, n, warmup):
    fifo = real_time()
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(ANSWER_TIMEOUT_S)
    sock.connect((server, port))
    query = dns_query(name)
    answer = bytearray(DATAGRAM_BYTES_MAX)
    view = memoryview(answer)
    times = [0] * n
    measured = 0
    failures = 0
    clock = time.perf_counter_ns
    gc.disable()
    for i in range(-warmup, n):
        query_id = (i + warmup) % 65536
        query[0] = query_id >> 8
        query[1] = query_id & 0xFF
        t0 = clock()
        sock.send(query)
        ok = False
        try:
            while True:
                size = sock.recv_into(view)
                # A late answer to an earlier query that timed out: skip it.
                if size >= 12 and answer[0] == query[0] and answer[1] == query[1]:
                    ok = (answer[3] & 0x0F) == 0 and (answer[6] << 8 | answer[7]) > 0
                    break
        except (socket.timeout, ConnectionRefusedError):
            ok = False
        t1 = clock()
        if i < 0:
            continue
        if ok:
            times[measured] = t1 - t0
            measured += 1
        else:
            failures += 1
    gc.enable()
    sock.close()
    got = sorted(times[:measured])

    def at(q):
        return got[min(len(got) - 1, int(q * len(got)))] / 1e6 if got else 0.0

    print(
        '{"queries": %d, "failures": %d, "p50Ms": %.4f, "p99Ms": %.4f, "p999Ms": %.4f, "maxMs": %.4f, "realTime": %s}'
        % (n, failures, at(0.5), at(0.99), at(0.999), got[-1] / 1e6 if got else 0.0, "true" if fifo else "false")
    )


def echo(port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("0.0.0.0", port))
    buffer = bytearray(DATAGRAM_BYTES_MAX)
    view = memoryview(buffer)
    print("ready", flush=True)
    gc.disable()
    while True:
        size, sender = sock.recvfrom_into(view)
        if size < 12:
            continue
        buffer[6] = 0
        buffer[7] = 1
        sock.sendto(view[:size], sender)


def main():
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "latency":
        latency(args[0], int(args[1]), args[2], int(args[3]), int(args[4]))
    elif mode == "echo":
        echo(int(args[0]))
    else:
        sys.stderr.write("unknown probe %s\n" % mode)
        sys.exit(2)


main()
