// Reads one YAML stack file into plain values whose mappings and sequences are registered in the
// source map. Besides plain YAML 1.2 it understands what Compose files use: anchors and aliases,
// `<<` merge keys, octal modes written as 0440 (YAML 1.1, as Docker reads them), and the Compose
// tags `!reset` and `!override` for override files.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parse, parseDocument, Scalar } from "yaml";
import type { Document, Node as YamlNode } from "yaml";
import { recordKeyPos, recordPos } from "./source-map.js";
import { StackFileError, type SourcePos } from "./stack-file-error.js";
import { overrideTag, resetTag, TaggedValue } from "./tagged-value.js";

/** Most alias expansions in one file, against "billion laughs" files. */
export const aliasExpansionsMax = 10_000;
/** Deepest nesting of mappings and sequences accepted. */
export const nestingDepthMax = 64;

/** Parses `text` (the contents of `file`) into plain values; throws StackFileError on bad YAML. */
export function parseYamlFile(file: string, text: string): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, merge: true, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const line = lineCounter.linePos(first.pos[0]).line;
    throw new StackFileError({ file, line }, [], `invalid YAML: ${first.message.split("\n")[0] ?? ""}`);
  }
  const converter = new Converter(file, doc, lineCounter);
  const value = converter.convert(doc.contents, { file, line: 1 }, 0);
  return value ?? {};
}

class Converter {
  private aliases = 0;

  constructor(
    private readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  private pos(node: YamlNode | null | undefined, fallback: SourcePos): SourcePos {
    const offset = node?.range?.[0];
    return offset === undefined ? fallback : { file: this.file, line: this.lines.linePos(offset).line };
  }

  convert(node: unknown, at: SourcePos, depth: number): unknown {
    if (depth > nestingDepthMax) throw new StackFileError(at, [], `nested deeper than ${nestingDepthMax} levels`);
    if (node == null) return null;
    if (isAlias(node)) {
      this.aliases += 1;
      if (this.aliases > aliasExpansionsMax)
        throw new StackFileError(at, [], `more than ${aliasExpansionsMax} alias expansions`);
      return this.convert(node.resolve(this.doc), at, depth + 1);
    }
    const tag = (node as { tag?: string }).tag;
    if (tag === resetTag || tag === overrideTag) {
      // The tag left the value unresolved: a scalar is read again untagged, a collection converted as usual.
      if (isScalar(node))
        return new TaggedValue(tag, parse(String((node as Scalar & { source?: string }).source ?? node.value)));
      return new TaggedValue(tag, this.convert(untagged(node as YamlNode), at, depth + 1));
    }
    if (isScalar(node)) return scalarValue(node);
    if (isSeq(node)) {
      const list: unknown[] = [];
      recordPos(list, this.pos(node, at));
      for (const item of node.items) {
        const itemAt = this.pos(item as YamlNode, at);
        recordKeyPos(list, list.length, itemAt);
        list.push(this.convert(item, itemAt, depth + 1));
      }
      return list;
    }
    if (isMap(node)) {
      const map: Record<string, unknown> = {};
      recordPos(map, this.pos(node, at));
      const merged: Record<string, unknown>[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        const keyAt = this.pos(keyNode, at);
        const keyValue: unknown = isScalar(keyNode) ? keyNode.value : keyNode;
        if (typeof keyValue === "symbol" || keyValue === "<<") {
          // A merge key: its mappings fill keys this mapping does not set itself.
          const source = this.convert(pair.value, keyAt, depth + 1);
          for (const m of Array.isArray(source) ? source : [source]) if (isRecord(m)) merged.push(m);
          continue;
        }
        if (typeof keyValue !== "string" && typeof keyValue !== "number" && typeof keyValue !== "boolean") {
          throw new StackFileError(keyAt, [], "mapping keys must be scalars");
        }
        const key = String(keyValue);
        recordKeyPos(map, key, keyAt);
        map[key] = this.convert(pair.value, keyAt, depth + 1);
      }
      for (const source of merged) {
        for (const [key, value] of Object.entries(source)) {
          if (key in map) continue;
          map[key] = value;
          recordKeyPos(map, key, this.pos(node, at));
        }
      }
      return map;
    }
    throw new StackFileError(at, [], "unsupported YAML node");
  }
}

function untagged(node: YamlNode): YamlNode {
  const copy = node.clone() as YamlNode & { tag?: string };
  delete copy.tag;
  return copy;
}

/** The value of a scalar; a plain 0NNN integer is octal, as YAML 1.1 (and Docker) read it. */
function scalarValue(node: Scalar): unknown {
  const source = (node as Scalar & { source?: string }).source;
  if (node.type === Scalar.PLAIN && typeof source === "string" && /^0[0-7]+$/.test(source))
    return Number.parseInt(source, 8);
  return node.value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof TaggedValue);
}
