import test from "ava";
import { swarm } from "../../proto/index.js";
import { allocateEndpoint, dynamicPortFirst, PortConflictError, type PortTable } from "./port-allocator.js";

const UDP = swarm.v1.PortConfig.Protocol.PROTOCOL_UDP;
const HOST = swarm.v1.PortConfig.PublishMode.PUBLISH_MODE_HOST;

test("allocateEndpoint reserves named ports and gives dynamic ones from the range", (t) => {
  const table: PortTable = new Map();
  const a = allocateEndpoint(
    "a",
    { ports: [{ targetPort: 80, publishedPort: 8080 }, { targetPort: 443 }] },
    null,
    table,
  );
  t.deepEqual(
    a.ports?.map((p) => p.publishedPort),
    [8080, dynamicPortFirst],
  );
  const b = allocateEndpoint("b", { ports: [{ targetPort: 80 }] }, null, table);
  t.deepEqual(
    b.ports?.map((p) => p.publishedPort),
    [dynamicPortFirst + 1],
  );
});

test("allocateEndpoint refuses a port another service publishes, per protocol, and changes nothing", (t) => {
  const table: PortTable = new Map();
  allocateEndpoint("a", { ports: [{ targetPort: 53, publishedPort: 53 }] }, null, table);
  const error = t.throws(
    () =>
      allocateEndpoint(
        "b",
        {
          ports: [
            { targetPort: 1, publishedPort: 9000 },
            { targetPort: 53, publishedPort: 53 },
          ],
        },
        null,
        table,
      ),
    {
      instanceOf: PortConflictError,
    },
  );
  t.regex(error.message, /53/);
  t.false(table.has("0/9000"), "the port taken before the conflict is released");
  t.notThrows(() =>
    allocateEndpoint("b", { ports: [{ targetPort: 53, publishedPort: 53, protocol: UDP }] }, null, table),
  );
});

test("allocateEndpoint keeps a service's dynamic port across updates and ignores host-mode ports", (t) => {
  const table: PortTable = new Map();
  const first = allocateEndpoint("a", { ports: [{ targetPort: 80 }] }, null, table);
  allocateEndpoint("b", { ports: [{ targetPort: 80 }] }, null, table);
  const again = allocateEndpoint(
    "a",
    { ports: [{ targetPort: 80 }, { targetPort: 22, publishedPort: 2222, publishMode: HOST }] },
    first,
    table,
  );
  t.is(again.ports?.[0]?.publishedPort, first.ports?.[0]?.publishedPort);
  t.false(table.has("0/2222"));
});
