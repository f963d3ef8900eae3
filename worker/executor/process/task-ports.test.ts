// Goal: a process task gets a free node port per ingress target port in SWARM_PORT_<target> (and
// PORT when it has one target), listens there, and the runtime reports it as the task's port status.
import { connect } from "node:net";
import test from "ava";
import { claimLoopbackBlock, type LoopbackBlock, waitFor } from "../../../common/index.js";
import { swarm } from "../../../proto/index.js";
import type { TaskContext } from "../executor.js";
import { allocatePorts, ingressTargets, portEnv } from "../task-ports.js";
import { cleanUp, collect, never, newExecutor, shellTask } from "./test-support.js";

test.after.always(cleanUp);

/** The node address of these tests, from a loopback block of their own. */
let block: LoopbackBlock | undefined;
const nodeAddr = (): string => block!.addr(3);
test.before(async () => {
  block = await claimLoopbackBlock("task-ports test");
});
test.after.always(() => block?.release());

const { PROTOCOL_TCP: TCP, PROTOCOL_UDP: UDP } = swarm.v1.PortConfig.Protocol;
const { PUBLISH_MODE_INGRESS: INGRESS, PUBLISH_MODE_HOST: HOST } = swarm.v1.PortConfig.PublishMode;

function withPorts(context: TaskContext, ports: swarm.v1.IPortConfig[], publishAddr = nodeAddr()): TaskContext {
  return { ...context, publishAddr, task: { ...context.task, endpoint: { ports } } };
}

test("ingressTargets keeps ingress ports once each and skips host-mode ones", (t) => {
  const context = withPorts(shellTask("true"), [
    { targetPort: 8080, publishedPort: 30080, publishMode: INGRESS },
    { targetPort: 8080, publishedPort: 30081, publishMode: INGRESS },
    { targetPort: 53, publishedPort: 30053, protocol: UDP, publishMode: INGRESS },
    { targetPort: 9000, publishedPort: 9000, publishMode: HOST },
  ]);
  t.deepEqual(ingressTargets(context), [
    { targetPort: 8080, protocol: "tcp" },
    { targetPort: 53, protocol: "udp" },
  ]);
});

test("allocatePorts gives a target's protocols one port and portEnv sets PORT only for a single target", async (t) => {
  const both = await allocatePorts(
    [
      { targetPort: 53, protocol: "tcp" },
      { targetPort: 53, protocol: "udp" },
    ],
    nodeAddr(),
  );
  t.is(both.length, 2);
  t.is(both[0]?.nodePort, both[1]?.nodePort);
  t.true((both[0]?.nodePort ?? 0) > 0);
  const port = String(both[0]?.nodePort);
  t.deepEqual(portEnv(both, nodeAddr()), {
    SWARM_PORT_53: port,
    SWARM_IP_53: nodeAddr(),
    SWARM_ADDR_53: `${nodeAddr()}:${port}`,
    PORT: port,
    HOST: nodeAddr(),
  });
  const two = await allocatePorts([
    { targetPort: 80, protocol: "tcp" },
    { targetPort: 443, protocol: "tcp" },
  ]);
  t.deepEqual(Object.keys(portEnv(two)).sort(), [
    "SWARM_ADDR_443",
    "SWARM_ADDR_80",
    "SWARM_IP_443",
    "SWARM_IP_80",
    "SWARM_PORT_443",
    "SWARM_PORT_80",
  ]);
});

test("process task listens on its node port and reports it in its port status", async (t) => {
  t.timeout(20_000);
  const server =
    "require('net').createServer((s) => s.end(process.env.SWARM_PORT_8080)).listen(Number(process.env.PORT), process.env.HOST)";
  const context = withPorts(shellTask(`echo "port=$PORT"; exec node -e "${server}"`, { env: ["PORT=1"] }), [
    { targetPort: 8080, publishedPort: 30080, protocol: TCP, publishMode: INGRESS },
  ]);
  const runtime = newExecutor().runtime(context);
  await runtime.prepare(never);
  await runtime.start();
  await runtime.healthy(never);
  const status = await runtime.inspect();
  const port = status.ports?.[0];
  t.like(port, { targetPort: 8080, protocol: TCP, publishMode: INGRESS });
  const nodePort = Number(port?.publishedPort ?? 0);
  t.true(nodePort > 1);
  // The spec's PORT is overridden: the program can only be reached on the port the executor chose.
  // The program listens a moment after it starts: a refused connect is "not yet".
  const answer = await waitFor(
    `an answer on port ${nodePort}`,
    () =>
      new Promise<string | undefined>((resolve) => {
        const socket = connect(nodePort, nodeAddr());
        let data = "";
        socket.on("data", (d: Buffer) => (data += d.toString()));
        socket.on("end", () => resolve(data === "" ? undefined : data));
        socket.on("error", () => resolve(undefined));
      }),
    { timeoutMs: 10_000, pollMs: 100 },
  );
  t.is(answer, String(nodePort));
  t.deepEqual(
    (await collect(runtime.logs({ follow: false }, never))).map((l) => l.line),
    [`port=${nodePort}`],
  );
  await runtime.remove();
});
