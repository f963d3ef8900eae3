import test from "ava";
import { AssertionFailedError, assert, unreachable } from "./assert.js";
import { InvalidArgumentError, NotFoundError, SwarmError } from "./errors.js";
import { encodeId, idEntropyBytes, idLengthChars, isId } from "./ids.js";
import { isProcessImage, programOfProcessImage } from "./process-image.js";

test("encodeId gives fixed-length base-36 ids, distinct for distinct bytes", (t) => {
  const zero = encodeId(new Uint8Array(idEntropyBytes));
  const max = encodeId(new Uint8Array(idEntropyBytes).fill(255));
  const one = encodeId(Uint8Array.from({ length: idEntropyBytes }, (_, i) => (i === idEntropyBytes - 1 ? 1 : 0)));
  t.is(zero, "0".repeat(idLengthChars));
  t.is(one, `${"0".repeat(idLengthChars - 1)}1`);
  t.is(max.length, idLengthChars);
  t.true([zero, one, max].every(isId));
  t.false(isId("UPPER-case"));
});

test("encodeId gives the 128-bit number in base 36, as a BigInt prints it", (t) => {
  for (let seed = 1; seed <= 500; seed++) {
    // A fixed spread of byte patterns (sparse, dense, high and low halves), no randomness.
    const bytes = Uint8Array.from(
      { length: idEntropyBytes },
      (_, i) => (seed * 97 + i * 31 * seed) % (seed % 3 ? 256 : 7),
    );
    const hex = Buffer.from(bytes).toString("hex");
    t.is(encodeId(bytes), BigInt(`0x${hex}`).toString(36).padStart(idLengthChars, "0"));
  }
  t.is(encodeId(new Uint8Array(idEntropyBytes).fill(255)), (2n ** 128n - 1n).toString(36).padStart(idLengthChars, "0"));
});

test("encodeId rejects the wrong amount of randomness", (t) => {
  t.throws(() => encodeId(new Uint8Array(4)), { instanceOf: AssertionFailedError });
});

test("assert throws AssertionFailedError only when the condition is false", (t) => {
  t.notThrows(() => assert(true, "fine"));
  t.throws(() => assert(false, "commit ≤ last index"), { instanceOf: AssertionFailedError });
  t.throws(() => unreachable("x" as never), { instanceOf: AssertionFailedError });
});

test("operating errors carry a stable code, context and cause", (t) => {
  const cause = new Error("disk full");
  const invalid = new InvalidArgumentError("spec.task.container.image", "must not be empty", { cause });
  t.true(invalid instanceof SwarmError);
  t.is(invalid.code, "INVALID_ARGUMENT");
  t.is(invalid.field, "spec.task.container.image");
  t.is(invalid.cause, cause);
  t.is(invalid.name, "InvalidArgumentError");
  const missing = new NotFoundError("service", "web");
  t.is(missing.code, "NOT_FOUND");
  t.deepEqual(missing.context, { kind: "service", id: "web" });
});

test("process images name a program in a form no registry reference can take", (t) => {
  t.is(programOfProcessImage("process://redis-server"), "redis-server");
  t.is(programOfProcessImage("process:///usr/bin/node"), "/usr/bin/node");
  t.true(isProcessImage("process://x"));
  t.false(isProcessImage("postgres:15-alpine"));
  for (const bad of ["process://", "process://a b", "process://../etc/x", "process:///a/../b", "postgres:15"]) {
    t.is(programOfProcessImage(bad), undefined, bad);
  }
});
