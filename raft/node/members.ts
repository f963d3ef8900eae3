// Snapshots made by the driver carry the members' addresses next to the application's state, so
// a member restored from a snapshot can still reach every peer. Layout:
// [u32 LE length of the JSON member list][JSON [[id, addr], ...]][application bytes].
import { assert } from "../../common/index.js";
import type { RaftId } from "../core/index.js";

/** Raft id → address (host:port) of each member. */
export type MemberAddresses = ReadonlyMap<RaftId, string>;

/** Prefixes application snapshot bytes with the member addresses. */
export function encodeMembers(members: MemberAddresses, app: Uint8Array): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify([...members]));
  const out = new Uint8Array(4 + json.length + app.length);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 4);
  out.set(app, 4 + json.length);
  return out;
}

/** Splits a driver snapshot into member addresses and application bytes. */
export function decodeMembers(data: Uint8Array): { members: Map<RaftId, string>; app: Uint8Array } {
  assert(data.length >= 4, "driver snapshot too short");
  const length = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0, true);
  assert(4 + length <= data.length, "driver snapshot member list overruns the data");
  const list = JSON.parse(new TextDecoder().decode(data.subarray(4, 4 + length))) as [RaftId, string][];
  return { members: new Map(list), app: data.subarray(4 + length) };
}
