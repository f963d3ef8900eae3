// Decoding a store batch with shared parts. A service's tasks carry identical copies of its task
// spec, endpoint and annotations; a snapshot of 100,000 tasks would otherwise decode (and keep in
// memory) 100,000 equal task specs. While `withSharedParts` runs, a part whose encoded bytes were
// already seen in the same batch is not decoded again: the earlier object is returned, and its
// plain form (toObject) is shared too. Sharing is safe because store objects are never changed in
// place (the store replaces them), and it lets caches keyed by object identity (task-dirty's spec
// keys) compute once per distinct spec instead of once per task.
//
// Task specs and endpoints are also shared from one batch to the next, through a bounded cache of
// the latest decoded ones: a service update that changes only labels or the replica count
// then decodes no task spec at all, and its new version keeps the very spec object of the old one,
// so the update supervisor's spec key is not computed again. Annotations are shared within a batch
// only, because every task has its own name and would crowd the cache.
//
// A task spec or endpoint shared this way also remembers the bytes it was decoded from. Encoding
// that object again (an API answer, a task sent to a worker, a transaction that keeps a spec, a
// snapshot) writes those bytes instead of walking the object: they decode to exactly the same
// message, unknown fields included, because the object is never changed. A changed copy (a spread)
// is a new object and is encoded from its fields.
//
// The generated decoders and encoders call nested ones through `$root` at call time, so wrapping
// the static `decode`/`toObject`/`encode` of these message types is seen by every message that
// contains them.
import protobuf from "protobufjs/minimal.js";
import { swarm } from "../../proto/index.js";

/** Most task specs and endpoints kept for sharing between batches. */
export const sharedPartsRecentMax = 4_096;
/** Most encoded bytes of the parts kept for sharing between batches. */
export const sharedPartsRecentBytesMax = 16 * 1024 * 1024;

interface Reader {
  buf: Uint8Array;
  pos: number;
}

type Decode = (reader: Reader | Uint8Array, length?: number, end?: number, depth?: number, target?: unknown) => object;
type ToObject = (message: object, options?: object, depth?: number) => object;
type Encode = (message: object, writer?: protobuf.Writer, depth?: number) => protobuf.Writer;

interface SharedType {
  decode: Decode;
  toObject: ToObject;
  encode: Encode;
}

/** One shared part: the decoded message, its plain form once made, and its encoded bytes (latin1). */
interface Part {
  readonly message: object;
  plain: object | null;
  readonly key: string;
  /** Whether the part is shared across batches (then its plain form encodes as its bytes). */
  readonly lasting: boolean;
}

/** Message types whose equal copies are shared within a batch, and whether also across batches. */
const sharedTypes: { type: SharedType; acrossBatches: boolean }[] = [
  { type: swarm.v1.TaskSpec as unknown as SharedType, acrossBatches: true },
  { type: swarm.v1.Endpoint as unknown as SharedType, acrossBatches: true },
  { type: swarm.v1.Annotations as unknown as SharedType, acrossBatches: false },
];

/** Parts of the batch being decoded by their bytes; null outside `withSharedParts`. */
let active: Map<string, Part> | null = null;

/**
 * The part each shared type decoded last in the batch, with its bytes (a view of the batch):
 * consecutive tasks mostly carry the same spec and endpoint, and comparing their bytes with the
 * previous task's is cheaper than making them a string key and looking it up. Found this way or
 * through `active`, it is the same part. Emptied with `active`, so a batch's bytes are not kept.
 */
const lastParts = new Map<SharedType, { readonly bytes: Buffer; readonly part: Part }>();

/** Recently decoded lasting parts by their bytes, oldest first. */
const recent = new Map<string, Part>();
let recentBytes = 0;

/**
 * The part a decoded message belongs to, kept on the message itself: these messages never leave
 * this module (the store keeps their plain forms), and a property is far cheaper than a WeakMap.
 */
const partOf = Symbol("shared part");
type Marked = { [partOf]?: Part };

/** Bytes each lasting plain part encodes to (set once per distinct part, read on every encode). */
const bytesOfPlain = new WeakMap<object, Uint8Array>();

/** Freezes a plain message and everything in it (arrays, maps, nested messages; bytes stay as they are). */
function deepFreeze(value: object): void {
  if (ArrayBuffer.isView(value) || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const inner of Object.values(value))
    if (typeof inner === "object" && inner !== null) deepFreeze(inner as object);
}

function remember(part: Part): void {
  recent.set(part.key, part);
  recentBytes += part.key.length;
  while (recent.size > sharedPartsRecentMax || recentBytes > sharedPartsRecentBytesMax) {
    const oldest = recent.keys().next().value as string;
    recent.delete(oldest);
    recentBytes -= oldest.length;
  }
}

for (const { type, acrossBatches } of sharedTypes) {
  const decode = type.decode.bind(type);
  const toObject = type.toObject.bind(type);
  const encode = type.encode.bind(type);
  type.decode = (reader, length, end, depth, target) => {
    // Only a nested part of known length, decoded fresh (no merge into an earlier occurrence), is shared.
    if (!active || length === undefined || target != null || reader instanceof Uint8Array)
      return decode(reader, length, end, depth, target);
    const { buf, pos } = reader;
    const bytes = Buffer.from(buf.buffer, buf.byteOffset + pos, length);
    const last = lastParts.get(type);
    if (last !== undefined && last.bytes.equals(bytes)) {
      reader.pos = pos + length;
      return last.part.message;
    }
    const key = bytes.toString("latin1");
    let part = active.get(key);
    if (!part && acrossBatches) {
      // Oldest first out, even if still in use: a dropped part is only decoded once more, and not
      // reordering the cache on every hit keeps a hit at one lookup.
      part = recent.get(key);
      if (part) active.set(key, part);
    }
    if (part) {
      lastParts.set(type, { bytes, part });
      reader.pos = pos + length;
      return part.message;
    }
    const message = decode(reader, length, end, depth, target);
    part = { message, plain: null, key, lasting: acrossBatches };
    (message as Marked)[partOf] = part;
    active.set(key, part);
    lastParts.set(type, { bytes, part });
    if (acrossBatches) remember(part);
    return message;
  };
  type.toObject = (message, options, depth) => {
    const part = (message as Marked)[partOf];
    if (!part) return toObject(message, options, depth);
    if (!part.plain) {
      part.plain = toObject(message, options, depth);
      if (part.lasting) {
        // Its own memory: a Buffer made from a short string is a slice of a shared 8 KiB pool,
        // which would stay alive as long as this part.
        const bytes = new Uint8Array(part.key.length);
        bytes.set(Buffer.from(part.key, "latin1"));
        bytesOfPlain.set(part.plain, bytes);
        // Encoding writes these bytes, so a change in place would go unseen on the wire: frozen,
        // such a change throws (modules are strict) instead of corrupting what is sent.
        deepFreeze(part.plain);
      }
    }
    return part.plain;
  };
  type.encode = (message, writer, depth) => {
    const bytes = bytesOfPlain.get(message);
    if (!bytes) return encode(message, writer, depth);
    // Same result as encoding the object: the fields it was decoded from, in the same order.
    return (writer ?? protobuf.Writer.create()).raw(bytes);
  };
}

/** Runs `fn` (a synchronous decode) with equal task specs, endpoints and annotations shared. */
export function withSharedParts<T>(fn: () => T): T {
  const outer = active;
  active = new Map();
  lastParts.clear();
  try {
    return fn();
  } finally {
    active = outer;
    lastParts.clear();
  }
}
