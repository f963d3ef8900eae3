// Goal: a Control write that reaches a manager during an election is held until a leader is known
// and then forwarded, so the client sees no error across a failover; without a leader the wait
// ends at its deadline (the call then fails as before), and a stopping manager releases it.
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { FakeClock, nextRealTurn, waitFor } from "../common/index.js";
import { ControlClient, controlService } from "../proto/index.js";
import { createControlApi } from "./controlapi/index.js";
import { LeaderWait } from "./leader-wait.js";
import { MemoryStore } from "./store/index.js";

test("a write during an election waits for the new leader and is forwarded to it", async (t) => {
  let leaderAddr = "";
  const wait = new LeaderWait(() => leaderAddr !== "");
  // Calls the API held for a leader: the election ends once the call is held, not at a guessed time.
  let held = 0;
  const forwarded: string[] = [];
  const server = new grpc.Server();
  server.addService(
    controlService,
    createControlApi({
      store: new MemoryStore(),
      leaderForReads: () => leaderAddr,
      awaitLeader: () => {
        held++;
        return wait.wait();
      },
      forward: (method, _request, addr) => {
        forwarded.push(`${method}@${addr}`);
        return Promise.resolve({ secret: { id: "s1" } });
      },
    }) as grpc.UntypedServiceImplementation,
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  const client = new ControlClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  t.teardown(() => {
    client.close();
    server.forceShutdown();
  });
  const answer = new Promise((resolve, reject) =>
    client.createSecret({ spec: { annotations: { name: "s" }, data: Buffer.from("x") } }, (err, res) =>
      err ? reject(err) : resolve(res),
    ),
  );
  // The election ends once the call waits for it.
  await waitFor("the call held for a leader", () => (held === 1 ? true : undefined));
  leaderAddr = "192.0.2.9:4242";
  wait.notify();
  t.like(await answer, { secret: { id: "s1" } });
  t.deepEqual(forwarded, ["createSecret@192.0.2.9:4242"]);
});

test("a leader wait ends at its deadline when no leader is elected", async (t) => {
  const clock = new FakeClock();
  const wait = new LeaderWait(() => false, 300, clock);
  let ended = false;
  const held = wait.wait().then(() => (ended = true));
  clock.advance(299);
  await nextRealTurn();
  t.false(ended, "held until the deadline");
  clock.advance(1);
  await held;
  t.true(ended);
});

test("a leader wait ends at once when the manager stops", async (t) => {
  const wait = new LeaderWait(() => false, 60_000);
  const held = wait.wait();
  wait.close();
  await held;
  t.pass();
});
