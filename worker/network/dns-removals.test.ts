// Goal: the names dropped before a pass are exactly what a newer view removed; nothing is added.
import test from "ava";
import { removesNothing, withoutRemoved } from "./dns-removals.js";
import type { OverlayNetwork } from "./view.js";

function network(taskIds: string[], extra: Partial<OverlayNetwork> = {}): OverlayNetwork {
  const addr = (id: string): string => `10.0.1.${Number(id.slice(1)) + 10}`;
  return {
    id: "net1",
    name: "front",
    subnet: "10.0.1.0/24",
    vni: 4097,
    mtu: 0,
    internal: false,
    encrypted: false,
    self: { addr: "10.0.1.250" },
    peers: [],
    services: [
      {
        id: "web",
        name: "web",
        aliases: ["www"],
        mode: "vip",
        vip: "10.0.1.100",
        backends: taskIds.map((taskId) => ({ taskId, addr: addr(taskId), healthy: true, draining: false })),
      },
    ],
    tasks: taskIds.map((taskId) => ({
      taskId,
      name: `web.1.${taskId}`,
      addr: addr(taskId),
      serviceId: "web",
      aliases: [],
    })),
    ...extra,
  };
}

test("withoutRemoved drops a task that left the view from the tasks and the backends, and adds none", (t) => {
  const served = [network(["t1", "t2"])];
  const kept = withoutRemoved(served, [network(["t2", "t3"])]);
  t.deepEqual(
    kept[0]!.tasks.map((x) => x.taskId),
    ["t2"],
  );
  t.deepEqual(
    kept[0]!.services[0]!.backends.map((b) => b.taskId),
    ["t2"],
  );
  t.false(removesNothing(served, kept));
  t.true(removesNothing(served, withoutRemoved(served, [network(["t1", "t2", "t3"])])));
});

test("withoutRemoved keeps the stricter backend state and drops changed services, aliases and gone networks", (t) => {
  const served = [network(["t1"])];
  const draining = network(["t1"]);
  const latest = {
    ...draining,
    services: [
      { ...draining.services[0]!, aliases: [], backends: [{ ...draining.services[0]!.backends[0]!, draining: true }] },
    ],
  };
  const kept = withoutRemoved(served, [latest]);
  t.true(kept[0]!.services[0]!.backends[0]!.draining);
  t.deepEqual(kept[0]!.services[0]!.aliases, []);
  t.false(removesNothing(served, kept));
  const moved = { ...draining, services: [{ ...draining.services[0]!, vip: "10.0.1.101" }] };
  t.deepEqual(withoutRemoved(served, [moved])[0]!.services, []);
  t.deepEqual(withoutRemoved(served, []), []);
});
