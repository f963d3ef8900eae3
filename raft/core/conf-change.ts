// Conf-change entries hold a ConfChange in a small fixed binary layout, so the core can decode
// them without depending on the wire format: [u8 type][u8 0][u16 0][u32 0][f64 LE id][context...].
// The layout is part of the durable log: entries written by one version are replayed by the next,
// so it may only grow (new type codes), never change. The id is a float64 because raft ids are
// JavaScript numbers (safe integers); decoding checks that it is one.
import { assert } from "../../common/index.js";
import type { ConfChange } from "./types.js";

const headerBytes = 16;
const typeCodes = { "add-voter": 1, "add-learner": 2, remove: 3 } as const;

/** Encodes a membership change as conf-change entry data. */
export function encodeConfChange(change: ConfChange): Uint8Array {
  const out = new Uint8Array(headerBytes + change.context.length);
  const view = new DataView(out.buffer);
  view.setUint8(0, typeCodes[change.type]);
  view.setFloat64(8, change.id, true);
  out.set(change.context, headerBytes);
  return out;
}

/** Decodes conf-change entry data; a malformed entry is a bug (it was written by encodeConfChange). */
export function decodeConfChange(data: Uint8Array): ConfChange {
  assert(data.length >= headerBytes, "conf-change entry too short");
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const code = view.getUint8(0);
  const type = code === 1 ? "add-voter" : code === 2 ? "add-learner" : code === 3 ? "remove" : null;
  assert(type !== null, `unknown conf-change type ${code}`);
  const id = view.getFloat64(8, true);
  assert(Number.isSafeInteger(id) && id > 0, `bad conf-change id ${id}`);
  return { type, id, context: data.slice(headerBytes) };
}
