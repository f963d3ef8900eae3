// Goal: the Control API refuses an unknown value in every enum field of every request, whichever
// the field, with INVALID_ARGUMENT naming exactly that field, and changes nothing. The fields come
// from the proto by reflection, not from a list kept by hand: an enum field added to any spec or
// request later fails this test until the validators check it (ClusterSpec included).
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import type protobuf from "protobufjs";
import { controlService } from "../../proto/index.js";
import { type ControlHarness, fullRequests, startControlHarness } from "./control-harness.js";
import { fieldPaths, mapValueTypes, pathText, reflectedRoot, withValueAt } from "./proto-walk.js";
import type { ControlMethod } from "./validate-requests.js";

type Definition = { path: string };

/** The Control methods with their reflected request types. */
function controlMethods(): { method: ControlMethod; requestType: protobuf.Type }[] {
  const service = reflectedRoot().lookupService("swarm.v1.Control");
  return Object.entries(controlService as unknown as Record<string, Definition>).map(([method, definition]) => {
    const rpc = service.methods[definition.path.split("/").pop()!]!;
    return { method: method as ControlMethod, requestType: (rpc.resolve() as protobuf.Method).resolvedRequestType! };
  });
}

/** Values no enum of the API defines: one past the highest, and a negative one. */
function unknownValues(e: protobuf.Enum): number[] {
  return [Math.max(...Object.values(e.values)) + 1, -1];
}

async function unchanged<T>(h: ControlHarness, run: () => Promise<T>): Promise<{ result: T; changed: boolean }> {
  const before = Buffer.from(h.store.snapshot());
  const proposals = h.proposals();
  const result = await run();
  return { result, changed: h.proposals() !== proposals || !before.equals(Buffer.from(h.store.snapshot())) };
}

test("Control refuses an unknown value in every enum field of every request, naming the field", async (t) => {
  const h = await startControlHarness();
  const problems: string[] = [];
  let checked = 0;
  for (const { method, requestType } of controlMethods()) {
    // Maps of enums would need their own walk; the API has none (labels and options are strings).
    for (const valueType of mapValueTypes(requestType))
      if (valueType !== "string") problems.push(`${method}: a map of ${valueType} is not walked by this test`);
    const base = fullRequests(h, "enum-probe")[method];
    for (const path of fieldPaths(requestType).filter((p) => p.enumType !== null)) {
      for (const value of unknownValues(path.enumType!)) {
        const expected = pathText(path.field.repeated ? [...path.steps, { index: 0 }] : path.steps);
        const request = withValueAt(base, path.steps, path.field.repeated ? [value] : value);
        const { result, changed } = await unchanged(h, () => h.call(method, request));
        checked++;
        if (result.code !== grpc.status.INVALID_ARGUMENT || result.field !== expected)
          problems.push(
            `${method} ${expected} = ${value}: answered ${grpc.status[result.code]}` +
              (result.field !== undefined ? ` naming ${result.field}` : "") +
              ` (${result.details || "accepted"}); validate this enum field in manager/controlapi/validate*.ts`,
          );
        if (changed) problems.push(`${method} ${expected} = ${value}: the store changed`);
      }
    }
  }
  t.deepEqual(problems, [], problems.join("\n"));
  // Every enum of the specs and filters is among them (restart condition … node availability).
  t.true(checked >= 40, `only ${checked} enum probes`);
});

test("the full requests the enum probes start from are themselves accepted", async (t) => {
  // Otherwise a probe could be refused for another reason and name the wrong field; the test above
  // would say so, but this one says which request is wrong.
  const h = await startControlHarness();
  for (const { method } of controlMethods()) {
    if (method === "issueOperatorCertificate" || method === "unlock" || method === "backupCluster") continue; // need a CA key / a locked manager
    const answer = await h.call(method, fullRequests(h, `full-${method.toLowerCase()}`)[method]);
    t.true(
      [grpc.status.OK, grpc.status.NOT_FOUND].includes(answer.code),
      `${method}: ${grpc.status[answer.code]} ${answer.details}`,
    );
  }
});
