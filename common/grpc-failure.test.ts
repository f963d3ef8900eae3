// Goal: grpc-js's transport texts become a few readable words, and a status the peer sent itself
// (it answered) is never mistaken for a failure to reach it.
import test from "ava";
import { ManagerUnreachableError, unreachableReason } from "./index.js";

const status = (code: number, details: string): Error =>
  Object.assign(new Error(`${code} X: ${details}`), { code, details });

test("unreachableReason names why grpc-js could not reach the peer", (t) => {
  const refused =
    "No connection established. Last error: Error: connect ECONNREFUSED 127.150.29.9:4242. Resolution note: ";
  t.is(unreachableReason(status(14, refused)), "connection refused");
  t.is(
    unreachableReason(status(14, "No connection established. Last error: Error: connect ENOENT /x.sock")),
    "no such socket",
  );
  t.is(
    unreachableReason(status(14, "Name resolution failed for target dns:nonsense:4242")),
    "the name does not resolve",
  );
  t.is(unreachableReason(status(14, "Connection dropped")), "the connection was dropped");
  t.is(unreachableReason(status(4, "Deadline exceeded after 10.001s,Waiting for LB pick")), "timed out");
});

test("unreachableReason leaves a peer's own answers alone", (t) => {
  t.is(unreachableReason(status(14, "no leader: the cluster lost its quorum, proposal timed out")), undefined);
  t.is(unreachableReason(status(4, "Deadline exceeded after 30.001s,remote_addr=127.0.0.2:4242")), undefined);
  t.is(unreachableReason(status(7, "invalid join token")), undefined);
  t.is(unreachableReason(new Error("connect ECONNREFUSED")), undefined);
});

test("ManagerUnreachableError says which address and why in one line", (t) => {
  t.is(
    new ManagerUnreachableError("127.0.0.2:4242", "connection refused").message,
    "cannot reach manager at 127.0.0.2:4242: connection refused",
  );
});
