// Goal: a forced new cluster keeps every command the survivor held (snapshot and log, committed or
// not), drops the old membership for this member alone, and starts in a term above every old one.
import test from "ava";
import { encodeConfChange } from "../core/index.js";
import { forceNewClusterState } from "./force-new-cluster.js";
import { decodeMembers, encodeMembers } from "./members.js";
import type { StateMachine } from "./raft-node.js";

/** A state machine that keeps the list of applied commands. */
class ListMachine implements StateMachine<void> {
  items: string[] = [];
  apply(data: Uint8Array): void {
    this.items.push(new TextDecoder().decode(data));
  }
  snapshot(): Uint8Array {
    return new TextEncoder().encode(JSON.stringify(this.items));
  }
  restore(data: Uint8Array): void {
    this.items = JSON.parse(new TextDecoder().decode(data)) as string[];
  }
}

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

test("forceNewClusterState folds snapshot and log into a one-member snapshot in a new term", (t) => {
  const old = new ListMachine();
  old.items = ["a", "b"];
  const members = new Map([
    [1, "192.0.2.2:4242"],
    [2, "192.0.2.3:4242"],
    [3, "192.0.2.4:4242"],
  ]);
  const recovered = {
    hardState: { term: 7, vote: 2, commit: 11 },
    snapshot: {
      meta: { index: 10, term: 5, conf: { voters: [1, 2, 3], learners: [] } },
      data: encodeMembers(members, old.snapshot()),
    },
    entries: [
      { term: 5, index: 10, type: "normal" as const, data: bytes("ignored: under the snapshot") },
      { term: 6, index: 11, type: "normal" as const, data: bytes("c") },
      {
        term: 6,
        index: 12,
        type: "conf-change" as const,
        data: encodeConfChange({ type: "remove", id: 3, context: new Uint8Array() }),
      },
      { term: 6, index: 13, type: "normal" as const, data: new Uint8Array() },
      { term: 7, index: 14, type: "normal" as const, data: bytes("d: never known committed here") },
    ],
  };
  const machine = new ListMachine();
  const forced = forceNewClusterState(recovered, machine, { id: 2, addr: "192.0.2.3:4242" });
  t.deepEqual(machine.items, ["a", "b", "c", "d: never known committed here"]);
  t.deepEqual(forced.snapshot.meta, { index: 14, term: 7, conf: { voters: [2], learners: [] } });
  const { members: kept, app } = decodeMembers(forced.snapshot.data);
  t.deepEqual([...kept], [[2, "192.0.2.3:4242"]]);
  t.deepEqual(JSON.parse(new TextDecoder().decode(app)), machine.items);
  t.deepEqual(forced.hardState, { term: 8, vote: 0, commit: 14 });
});
