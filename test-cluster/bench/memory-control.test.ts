// Goal: the api benchmark's ceiling server answers the calls of the update loop as a manager would
// (versions, conflicts, unknown services), so the ceiling row measures the same loop.
import test from "ava";
import * as grpc from "@grpc/grpc-js";
import { freePort } from "../../raft/index.js";
import { benchServiceSpec } from "./bench-objects.js";
import { callControl, controlClient, grpcCode } from "./control-call.js";
import { ManagerProcess } from "./manager-process.js";

test("the in-memory Control server creates, reads and updates services with version checks", async (t) => {
  const server = ManagerProcess.spawnMemoryControl(`127.0.0.1:${await freePort("127.0.0.1")}`);
  const client = controlClient(server.addr);
  try {
    await server.waitLine((l) => l.ready === true);
    const created = (await callControl(client, "createService", { spec: benchServiceSpec("ceiling", 0) })).service;
    t.is(Number(created.meta.version.index), 1);
    const read = (await callControl(client, "getService", { serviceId: created.id })).service;
    t.is(read.spec.annotations.name, "ceiling");

    const spec = { ...read.spec, annotations: { ...read.spec.annotations, labels: { rev: "1" } } };
    const updated = (
      await callControl(client, "updateService", {
        serviceId: created.id,
        serviceVersion: read.meta.version,
        spec,
      })
    ).service;
    t.is(Number(updated.meta.version.index), 2);
    t.is(updated.spec.annotations.labels.rev, "1");
    t.is(updated.previousSpec.annotations.name, "ceiling");

    const stale = await t.throwsAsync(
      callControl(client, "updateService", { serviceId: created.id, serviceVersion: read.meta.version, spec }),
    );
    t.is(grpcCode(stale), grpc.status.FAILED_PRECONDITION);
    const missing = await t.throwsAsync(callControl(client, "getService", { serviceId: "nope" }));
    t.is(grpcCode(missing), grpc.status.NOT_FOUND);
    const other = await t.throwsAsync(callControl(client, "listNodes", {}));
    t.is(grpcCode(other), grpc.status.UNIMPLEMENTED);
  } finally {
    client.close();
    await server.stop();
  }
});
