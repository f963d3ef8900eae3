// Goal: milliseconds survive a round trip through a protobuf Timestamp.
import test from "ava";
import { msFromTimestamp, timestampFromMs } from "./timestamp.js";

test("timestamps round-trip milliseconds and treat absence as the epoch", (t) => {
  t.deepEqual(timestampFromMs(1_795_383_115_947), { seconds: 1_795_383_115, nanos: 947_000_000 });
  t.is(msFromTimestamp(timestampFromMs(1_795_383_115_947)), 1_795_383_115_947);
  t.is(msFromTimestamp(undefined), 0);
});
