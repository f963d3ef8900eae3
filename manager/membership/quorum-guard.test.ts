// Goal: the quorum guard refuses exactly the removals SwarmKit's CanRemoveMember refuses.
import test from "ava";
import { quorumLossOnRemoval } from "./quorum-guard.js";

test("quorum guard allows removing a voter while the remaining ones are reachable", (t) => {
  t.is(quorumLossOnRemoval({ voters: [1, 2, 3], reachable: [1, 2, 3] }, 3), null);
  t.is(quorumLossOnRemoval({ voters: [1, 2, 3, 4, 5], reachable: [1, 2, 3] }, 4), null);
});

test("quorum guard allows removing the voter that is down", (t) => {
  t.is(quorumLossOnRemoval({ voters: [1, 2, 3], reachable: [1, 2] }, 3), null);
});

test("quorum guard refuses removing a reachable voter while another is down", (t) => {
  t.regex(quorumLossOnRemoval({ voters: [1, 2, 3], reachable: [1, 2] }, 2) ?? "", /loss of quorum \(1 of the 2/);
  t.regex(quorumLossOnRemoval({ voters: [1, 2, 3, 4, 5], reachable: [1, 2, 3] }, 3) ?? "", /loss of quorum/);
});

test("quorum guard leaves learners and the last voter to the other checks", (t) => {
  t.is(quorumLossOnRemoval({ voters: [1, 2, 3], reachable: [1] }, 9), null);
  t.is(quorumLossOnRemoval({ voters: [1], reachable: [1] }, 1), null);
});
