// Reads one YAML stack file into plain values whose mappings and sequences are registered in the
// source map. Besides plain YAML 1.2 it understands what Compose files use: anchors and aliases,
// `<<` merge keys, octal modes written as 0440 (YAML 1.1, as Docker reads them), and the Compose
// tags `!reset` and `!override` for override files.
//
// A file is bounded three ways before it can cost much: its nesting depth is checked on the text
// before parsing (yaml-nesting.ts), and while aliases and merge keys are expanded the values built
// are counted, so a small file that expands to millions of values (an anchor used thousands of
// times, a merge key repeated thousands of times) is refused at the use that crosses the bound.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parse, parseDocument, Scalar, visit } from "yaml";
import type { Alias, Document, Node as YamlNode } from "yaml";
import { recordKeyPos, recordPos } from "./source-map.js";
import { StackFileError, type SourcePos } from "./stack-file-error.js";
import { overrideTag, resetTag, TaggedValue } from "./tagged-value.js";
import { checkNestingDepth } from "./yaml-nesting.js";

/** Most alias expansions in one file, against "billion laughs" files. */
export const aliasExpansionsMax = 10_000;
/** Deepest nesting of mappings and sequences accepted. */
export const nestingDepthMax = 64;
/**
 * Most values (mappings, sequences and scalars) one file may expand to, an alias or merge key
 * counting its whole value each time it is used. A hand-written stack has a few thousand.
 */
export const expandedValuesMax = 100_000;
/** Most characters of string values one file may expand to: twice the largest file, aliases counted each use. */
export const expandedTextCharsMax = 8 * 1024 * 1024;

/** Parses `text` (the contents of `file`) into plain values; throws StackFileError on bad YAML. */
export function parseYamlFile(file: string, text: string): unknown {
  checkNestingDepth(file, text, nestingDepthMax);
  const lineCounter = new LineCounter();
  // Duplicate keys are found by the converter: the package's own check is quadratic in a mapping's size.
  const doc = parseDocument(text, { lineCounter, merge: true, prettyErrors: false, uniqueKeys: false });
  const first = doc.errors[0];
  if (first) {
    const line = lineCounter.linePos(first.pos[0]).line;
    throw new StackFileError({ file, line }, [], `invalid YAML: ${first.message.split("\n")[0] ?? ""}`);
  }
  const converter = new Converter(file, doc, lineCounter);
  const value = converter.convert(doc.contents, { file, line: 1 }, 0);
  return value ?? {};
}

/**
 * The node each alias of `doc` stands for: the last node before it with that anchor, as YAML
 * says. One pass in document order; the package's own `Alias.resolve` walks the whole document
 * for every alias.
 */
function aliasTargets(doc: Document): Map<Alias, YamlNode> {
  const anchors = new Map<string, YamlNode>();
  const targets = new Map<Alias, YamlNode>();
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) targets.set(node, target);
      } else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return targets;
}

class Converter {
  private aliases = 0;
  private values = 0;
  private textChars = 0;
  private readonly targets: Map<Alias, YamlNode>;
  /** Where the outermost alias or merge key being expanded is used: expansion errors point there. */
  private aliasUse: SourcePos | undefined;

  constructor(
    private readonly file: string,
    doc: Document,
    private readonly lines: LineCounter,
  ) {
    this.targets = aliasTargets(doc);
  }

  /** Counts one value built and `chars` characters of text; refuses the file past either bound. */
  private count(at: SourcePos, chars: number): void {
    this.values += 1;
    this.textChars += chars;
    const where = this.aliasUse ?? at;
    const why = "aliases and merge keys count their value each time they are used";
    if (this.values > expandedValuesMax)
      throw new StackFileError(where, [], `expands to more than ${expandedValuesMax} values (${why})`);
    if (this.textChars > expandedTextCharsMax)
      throw new StackFileError(where, [], `expands to more than ${expandedTextCharsMax} characters of text (${why})`);
  }

  private pos(node: YamlNode | null | undefined, fallback: SourcePos): SourcePos {
    const offset = node?.range?.[0];
    return offset === undefined ? fallback : { file: this.file, line: this.lines.linePos(offset).line };
  }

  /** Converts one node at nesting `depth`; `tagged` is false once a merge tag has been read. */
  convert(node: unknown, at: SourcePos, depth: number, tagged = true): unknown {
    if (depth > nestingDepthMax) throw new StackFileError(at, [], `nested deeper than ${nestingDepthMax} levels`);
    if (node == null) return null;
    if (isAlias(node)) {
      this.aliases += 1;
      if (this.aliases > aliasExpansionsMax)
        throw new StackFileError(at, [], `more than ${aliasExpansionsMax} alias expansions`);
      const target = this.targets.get(node);
      if (!target) throw new StackFileError(at, [], `alias *${node.source} names no anchor written before it`);
      const outermost = this.aliasUse === undefined;
      if (outermost) this.aliasUse = at;
      try {
        return this.convert(target, at, depth);
      } finally {
        if (outermost) this.aliasUse = undefined;
      }
    }
    const tag = (node as { tag?: string }).tag;
    if (tagged && (tag === resetTag || tag === overrideTag)) {
      // The tag left the value unresolved: a scalar is read again untagged, a collection converted as usual.
      if (isScalar(node)) {
        const source = String((node as Scalar & { source?: string }).source ?? node.value);
        this.count(at, source.length);
        return new TaggedValue(tag, parse(source));
      }
      return new TaggedValue(tag, this.convert(node, at, depth, false));
    }
    if (isScalar(node)) {
      const value = scalarValue(node);
      this.count(at, typeof value === "string" ? value.length : 0);
      return value;
    }
    this.count(at, 0);
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
      const keyLines = new Map<string, number>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        const keyAt = this.pos(keyNode, at);
        const keyValue: unknown = isScalar(keyNode) ? keyNode.value : keyNode;
        if (typeof keyValue === "symbol" || keyValue === "<<") {
          // A merge key: its mappings fill keys this mapping does not set itself.
          const outermost = this.aliasUse === undefined;
          if (outermost) this.aliasUse = keyAt;
          let source: unknown;
          try {
            source = this.convert(pair.value, keyAt, depth + 1);
          } finally {
            if (outermost) this.aliasUse = undefined;
          }
          for (const m of Array.isArray(source) ? source : [source]) if (isRecord(m)) merged.push(m);
          continue;
        }
        if (typeof keyValue !== "string" && typeof keyValue !== "number" && typeof keyValue !== "boolean") {
          throw new StackFileError(keyAt, [], "mapping keys must be scalars");
        }
        const key = String(keyValue);
        const firstLine = keyLines.get(key);
        if (firstLine !== undefined)
          throw new StackFileError(
            keyAt,
            [],
            `invalid YAML: key ${JSON.stringify(key)} is already set at line ${firstLine}`,
          );
        keyLines.set(key, keyAt.line);
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
