// A minimal stand-in for the `reflect-metadata` polyfill. @peculiar/x509 registers its algorithms
// through tsyringe, which refuses to load unless Reflect.getMetadata exists; it only stores and reads
// back a few constructor annotations, so a per-object map is all it needs. It must be evaluated
// before @peculiar/x509 is, which is why x509.ts imports it first. Adding the real polyfill as a
// dependency would make this file unnecessary.
type Metadata = Map<unknown, unknown>;

const store = new WeakMap<object, Metadata>();

interface ReflectMetadata {
  getMetadata?: (key: unknown, target: object) => unknown;
  getOwnMetadata?: (key: unknown, target: object) => unknown;
  defineMetadata?: (key: unknown, value: unknown, target: object) => void;
}

const reflect = Reflect as unknown as ReflectMetadata;

if (typeof reflect.getMetadata !== "function") {
  reflect.getOwnMetadata = (key, target) => store.get(target)?.get(key);
  reflect.getMetadata = (key, target) => {
    // Walk the prototype chain, as the real polyfill does.
    for (let object: object | null = target; object !== null; object = Object.getPrototypeOf(object) as object | null) {
      const own = store.get(object);
      if (own?.has(key)) return own.get(key);
    }
    return undefined;
  };
  reflect.defineMetadata = (key, value, target) => {
    const own = store.get(target) ?? new Map<unknown, unknown>();
    own.set(key, value);
    store.set(target, own);
  };
}

/** Whether Reflect can hold metadata (always true once this module has run). */
export const reflectMetadataReady = typeof reflect.getMetadata === "function";
