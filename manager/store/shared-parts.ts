// Decoding a store batch with shared parts. A service's tasks carry identical copies of its task
// spec, endpoint and annotations; a snapshot of 100,000 tasks would otherwise decode (and keep in
// memory) 100,000 equal task specs. While `withSharedParts` runs, a part whose encoded bytes were
// already seen in the same batch is not decoded again: the earlier object is returned, and its
// plain form (toObject) is shared too. Sharing is safe because store objects are never changed in
// place (the store replaces them), and it lets caches keyed by object identity (task-dirty's spec
// keys) compute once per distinct spec instead of once per task.
//
// The generated decoders call nested decoders through `$root` at call time, so wrapping the static
// `decode`/`toObject` of these message types is seen by every message that contains them.
import { swarm } from "../../proto/index.js";

interface Reader {
  buf: Uint8Array;
  pos: number;
}

type Decode = (reader: Reader | Uint8Array, length?: number, end?: number, depth?: number, target?: unknown) => object;
type ToObject = (message: object, options?: object, depth?: number) => object;

interface Cache {
  readonly decoded: Map<string, object>;
  readonly plain: WeakMap<object, object>;
}

/** Message types whose equal copies are shared. */
const sharedTypes = [swarm.v1.TaskSpec, swarm.v1.Endpoint, swarm.v1.Annotations] as unknown as { decode: Decode; toObject: ToObject }[];

/** The cache of the batch being decoded; null outside `withSharedParts`. */
let active: Cache | null = null;

for (const type of sharedTypes) {
  const decode = type.decode.bind(type);
  const toObject = type.toObject.bind(type);
  type.decode = (reader, length, end, depth, target) => {
    // Only a nested part of known length, decoded fresh (no merge into an earlier occurrence), is shared.
    if (!active || length === undefined || target != null || reader instanceof Uint8Array) return decode(reader, length, end, depth, target);
    const { buf, pos } = reader;
    const key = Buffer.from(buf.buffer, buf.byteOffset + pos, length).toString("latin1");
    const seen = active.decoded.get(key);
    if (seen) {
      reader.pos = pos + length;
      return seen;
    }
    const message = decode(reader, length, end, depth, target);
    active.decoded.set(key, message);
    return message;
  };
  type.toObject = (message, options, depth) => {
    if (!active) return toObject(message, options, depth);
    let plain = active.plain.get(message);
    if (!plain) active.plain.set(message, (plain = toObject(message, options, depth)));
    return plain;
  };
}

/** Runs `fn` (a synchronous decode) with equal task specs, endpoints and annotations shared. */
export function withSharedParts<T>(fn: () => T): T {
  const outer = active;
  active = { decoded: new Map(), plain: new WeakMap() };
  try {
    return fn();
  } finally {
    active = outer;
  }
}
