// Goal: a node serving an encrypted network gets the lowest tunnel address no other node holds,
// keeps the one it has, and never takes the pool's network address.
import test from "ava";
import type { swarm } from "../../proto/index.js";
import { tunnelPool, withTunnelAddr } from "./tunnel-addresses.js";

type Node = swarm.v1.Node.$Properties;

function txOf(nodes: Node[]): { all: (kind: "node") => Node[] } {
  return { all: () => nodes };
}

test("withTunnelAddr gives the lowest free address of the pool and keeps one already given", (t) => {
  t.is(tunnelPool, "169.254.128.0/17");
  const a: Node = { id: "a" };
  t.is(withTunnelAddr(txOf([a]) as never, a)?.tunnelAddr, "169.254.128.1/17");
  const held = [
    { id: "x", tunnelAddr: "169.254.128.1/17" },
    { id: "y", tunnelAddr: "169.254.128.3/17" },
  ];
  t.is(withTunnelAddr(txOf([...held, a]) as never, a)?.tunnelAddr, "169.254.128.2/17");
  const b: Node = { id: "b", tunnelAddr: "169.254.128.9/17" };
  t.is(withTunnelAddr(txOf([...held, b]) as never, b), b, "a node keeps its address (no write)");
});
