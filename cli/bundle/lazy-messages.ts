// Lazily built message classes for the lean bundle. The generated module (proto/gen/swarm.js) builds all
// of its ~200 top-level message classes and enums when it loads, each from a function run at once; a V8
// code cache then holds the compiled code of every one of them, and a list command reads and
// deserialises all of it at every start to use a few dozen. Rewritten, each class is built on its first
// use (a getter that replaces itself with the class), so only the classes a command touches are
// compiled and cached. Classes refer to one another only inside their functions, never while they are
// built, so the order in which they are built does not matter.

/** The line that opens one top-level class of a namespace in pbjs's static output: `ns.Name = (function() {`. */
const opening = /^( {8})(v1|protobuf)\.([A-Za-z0-9_]+) = \(function\(\) \{$/;

/** The helper put at the top of the module: defines a property built by `make` on first read. */
const helper =
  "const $lazy = (o, k, make) => Object.defineProperty(o, k, { configurable: true, enumerable: true, get() {" +
  " const v = make(); Object.defineProperty(o, k, { value: v, configurable: true, enumerable: true, writable: true });" +
  " return v; } });";

/**
 * The generated module's source with each top-level class of swarm.v1 and google.protobuf built on first
 * use. Throws when the source does not have the shape pbjs writes (the build must not ship it unchanged
 * while believing it lazy).
 */
export function lazyMessages(source: string): string {
  const lines = source.split("\n");
  let closing: string | null = null;
  let rewritten = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (closing === null) {
      const match = opening.exec(line);
      if (match === null) continue;
      const [, indent, namespace, name] = match;
      lines[i] = `${indent}$lazy(${namespace}, ${JSON.stringify(name)}, function() {`;
      closing = `${indent}})();`;
    } else if (line === closing) {
      lines[i] = `${closing.slice(0, -4)});`;
      closing = null;
      rewritten++;
    }
  }
  if (closing !== null || rewritten < 2)
    throw new Error(`lazyMessages: not pbjs's static output (${rewritten} classes)`);
  const first = lines.findIndex((l) => /^(import|const) /.test(l));
  if (first < 0) throw new Error("lazyMessages: no top-level statement to put the helper before");
  lines.splice(first, 0, helper);
  return lines.join("\n");
}
