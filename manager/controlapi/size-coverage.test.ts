// Goal: every string, bytes, list and map field of every Control request has a bound: far over it,
// the request is refused with INVALID_ARGUMENT naming exactly that field, and nothing changes. The
// fields come from the proto by reflection, as in enum-coverage.test.ts, so a field added later
// without a limit fails this test.
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import type protobuf from "protobufjs";
import { controlService } from "../../proto/index.js";
import { fullRequest, startControlHarness } from "./control-harness.js";
import { type FieldPath, fieldPaths, pathText, reflectedRoot, withValueAt } from "./proto-walk.js";
import type { ControlMethod } from "./validate-requests.js";

/** Methods whose handler lives elsewhere (the CA code signs operator certificates and checks its own fields). */
const servedElsewhere: ReadonlySet<ControlMethod> = new Set(["issueOperatorCertificate"]);

/** A value far over any bound the field's kind has, or undefined for fields a size cannot concern. */
function oversized(path: FieldPath): unknown {
  const field = path.field;
  if (field.map) return Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`k${i}`, "v"]));
  if (field.repeated) {
    const item = path.enumType
      ? 0
      : path.messageType
        ? {}
        : field.type === "string"
          ? "a"
          : field.type === "bytes"
            ? Buffer.alloc(1)
            : 1;
    return Array.from({ length: 5_000 }, () => item);
  }
  if (field.type === "string") return "s".repeat(300_000);
  if (field.type === "bytes") return Buffer.alloc(1_100_000, 0x41);
  return undefined;
}

test("Control refuses a value far over its bound in every string, bytes, list and map field, naming the field", async (t) => {
  t.timeout(120_000);
  const h = await startControlHarness();
  const service = reflectedRoot().lookupService("swarm.v1.Control");
  const problems: string[] = [];
  let checked = 0;
  for (const [name, definition] of Object.entries(controlService as unknown as Record<string, { path: string }>)) {
    const method = name as ControlMethod;
    if (servedElsewhere.has(method)) continue;
    const rpc = service.methods[definition.path.split("/").pop()!]!.resolve() as protobuf.Method;
    for (const path of fieldPaths(rpc.resolvedRequestType!)) {
      const value = oversized(path);
      if (value === undefined) continue;
      const expected = pathText(path.steps);
      const request = withValueAt(fullRequest(h, method, "size-probe"), path.steps, value);
      const before = Buffer.from(h.store.snapshot());
      const proposals = h.proposals();
      const answer = await h.call(method, request);
      checked++;
      if (answer.code !== grpc.status.INVALID_ARGUMENT || answer.field !== expected)
        problems.push(
          `${method} ${expected}: answered ${grpc.status[answer.code]}` +
            (answer.field !== undefined ? ` naming ${answer.field}` : "") +
            ` (${answer.details.slice(0, 120) || "accepted"}); give this field a limit in manager/controlapi/`,
        );
      if (h.proposals() !== proposals || !before.equals(Buffer.from(h.store.snapshot())))
        problems.push(`${method} ${expected}: the store changed`);
    }
  }
  t.deepEqual(problems, [], problems.join("\n"));
  t.log(`${checked} fields probed`);
  t.true(checked >= 150, `only ${checked} fields probed`);
});
