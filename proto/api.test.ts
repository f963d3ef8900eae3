// Goal: the generated API encodes what the rest of the mission relies on (64-bit numbers as plain
// numbers, ordered task states, oneofs) and the generated gRPC definitions work over a real socket.
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { ControlClient, type ControlServer, controlService, swarm, WatchClient, watchService } from "./index.js";

const { TaskState } = swarm.v1;

test("ServiceSpec round-trips with nanosecond and byte fields as numbers", (t) => {
  const spec: swarm.v1.ServiceSpec.$Properties = {
    annotations: { name: "web", labels: { tier: "front" } },
    task: {
      container: { image: "redis:7", args: ["--appendonly", "yes"], stopGracePeriodNs: 10_000_000_000 },
      resources: { limits: { nanoCpus: 1_500_000_000, memoryBytes: 512 * 1024 * 1024 } },
      restart: { condition: swarm.v1.RestartPolicy.Condition.RESTART_CONDITION_ON_FAILURE, delayNs: 5e9 },
    },
    replicated: { replicas: 3 },
    update: { parallelism: 1, delayNs: 2 ** 40, order: swarm.v1.UpdateConfig.Order.ORDER_START_FIRST },
    endpoint: { ports: [{ targetPort: 6379, publishedPort: 30_000 }] },
  };
  const decoded = swarm.v1.ServiceSpec.decode(swarm.v1.ServiceSpec.encode(spec).finish());
  t.is(decoded.mode, "replicated");
  t.is(decoded.replicated?.replicas, 3);
  t.is(decoded.update?.delayNs, 2 ** 40);
  t.is(decoded.task?.resources?.limits?.memoryBytes, 512 * 1024 * 1024);
  t.is(decoded.task?.container?.stopGracePeriodNs, 10_000_000_000);
  t.deepEqual(decoded.task?.container?.args, ["--appendonly", "yes"]);
  t.is(decoded.annotations?.labels["tier"], "front");
});

test("task states are strictly increasing in lifecycle order", (t) => {
  const order = [
    TaskState.TASK_STATE_NEW,
    TaskState.TASK_STATE_PENDING,
    TaskState.TASK_STATE_ASSIGNED,
    TaskState.TASK_STATE_ACCEPTED,
    TaskState.TASK_STATE_PREPARING,
    TaskState.TASK_STATE_READY,
    TaskState.TASK_STATE_STARTING,
    TaskState.TASK_STATE_RUNNING,
    TaskState.TASK_STATE_COMPLETE,
    TaskState.TASK_STATE_SHUTDOWN,
    TaskState.TASK_STATE_FAILED,
    TaskState.TASK_STATE_REJECTED,
    TaskState.TASK_STATE_ORPHANED,
    TaskState.TASK_STATE_REMOVE,
  ];
  for (let i = 1; i < order.length; i++) t.true(order[i - 1]! < order[i]!, `state #${i} does not follow #${i - 1}`);
});

/** Starts a gRPC server on a loopback port with the given services; returns its address. */
async function serve(server: grpc.Server): Promise<string> {
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    );
  });
  return `127.0.0.1:${port}`;
}

test("Control definitions carry a unary call and its error status over a real socket", async (t) => {
  const nodes = new Map([["n1", { id: "n1", spec: { annotations: { name: "alpha" } } }]]);
  const handlers: Partial<ControlServer> = {
    getNode: (call, callback) => {
      const node = nodes.get(call.request.nodeId);
      if (node) callback(null, { node });
      else callback({ code: grpc.status.NOT_FOUND, details: `node ${call.request.nodeId} not found` });
    },
  };
  const server = new grpc.Server();
  // Methods left out answer UNIMPLEMENTED, which is all this test needs of them.
  server.addService(controlService, handlers as grpc.UntypedServiceImplementation);
  const address = await serve(server);
  const client = new ControlClient(address, grpc.credentials.createInsecure());
  t.teardown(() => {
    client.close();
    server.forceShutdown();
  });
  const call = (nodeId: string): Promise<swarm.v1.GetNodeResponse> =>
    new Promise((resolve, reject) => client.getNode({ nodeId }, (err, res) => (err ? reject(err) : resolve(res!))));

  const found = await call("n1");
  t.is(found.node?.spec?.annotations?.name, "alpha");
  const error = await t.throwsAsync(call("nope"));
  t.is((error as grpc.ServiceError).code, grpc.status.NOT_FOUND);
});

test("Watch definitions carry a server stream over a real socket", async (t) => {
  const server = new grpc.Server();
  server.addService(watchService, {
    watch: (call: grpc.ServerWritableStream<swarm.v1.WatchRequest, swarm.v1.WatchMessage.$Properties>) => {
      for (let index = 1; index <= 3; index++) {
        call.write({
          version: { index },
          events: [{ action: swarm.v1.WatchAction.WATCH_ACTION_CREATE, object: { task: { id: `t${index}` } } }],
        });
      }
      call.end();
    },
  });
  const address = await serve(server);
  const client = new WatchClient(address, grpc.credentials.createInsecure());
  t.teardown(() => {
    client.close();
    server.forceShutdown();
  });
  const seen: string[] = [];
  for await (const message of client.watch({ entries: [{ kind: "task" }] }) as AsyncIterable<swarm.v1.WatchMessage>) {
    seen.push(`${message.version?.index}:${message.events[0]?.object?.task?.id}`);
  }
  t.deepEqual(seen, ["1:t1", "2:t2", "3:t3"]);
});
