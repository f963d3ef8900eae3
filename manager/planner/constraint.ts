// Placement constraints ("node.labels.zone==eu") and spread descriptors ("node.labels.zone"),
// parsed once per service and matched against node views. Matching follows SwarmKit: values compare
// case-insensitively, a missing label reads as empty, so `==` on it fails and `!=` on it matches.
import { InvalidArgumentError } from "../../common/index.js";
import type { NodeView } from "./types.js";

/** Longest constraint or descriptor text accepted, in characters. */
export const constraintLengthCharsMax = 1024;

/** The node attribute a constraint or spread descriptor reads. */
export type NodeAttribute =
  | { readonly kind: "id" }
  | { readonly kind: "hostname" }
  | { readonly kind: "role" }
  | { readonly kind: "os" }
  | { readonly kind: "arch" }
  | { readonly kind: "nodeLabel"; readonly key: string }
  | { readonly kind: "engineLabel"; readonly key: string };

/** A parsed placement constraint. */
export interface Constraint {
  /** The attribute compared. */
  readonly attribute: NodeAttribute;
  /** `==` must equal, `!=` must differ. */
  readonly operator: "==" | "!=";
  /** The expected value, lower-cased for case-insensitive comparison. */
  readonly value: string;
  /** The text the constraint was parsed from. */
  readonly text: string;
}

const nodeLabelPrefix = "node.labels.";
const engineLabelPrefix = "engine.labels.";
// SwarmKit's key and value alphabets: keys are dotted identifiers, values exclude operators.
const keyPattern = /^[a-z_][a-z0-9\-_.]*$/i;
const valuePattern = /^[a-z0-9:\-_\s.*()?+[\]\\^$|/]+$/i;

function parseAttribute(key: string, field: string, text: string): NodeAttribute {
  const fail = (problem: string): never => {
    throw new InvalidArgumentError(field, `invalid constraint ${JSON.stringify(text)}: ${problem}`);
  };
  if (!keyPattern.test(key)) fail(`key ${JSON.stringify(key)} is malformed`);
  const lower = key.toLowerCase();
  // Label names are case-sensitive, as Docker stores them; only the prefix is not.
  if (lower.startsWith(nodeLabelPrefix)) {
    const label = key.slice(nodeLabelPrefix.length);
    if (label === "") fail("label name is empty");
    return { kind: "nodeLabel", key: label };
  }
  if (lower.startsWith(engineLabelPrefix)) {
    const label = key.slice(engineLabelPrefix.length);
    if (label === "") fail("label name is empty");
    return { kind: "engineLabel", key: label };
  }
  switch (lower) {
    case "node.id":
      return { kind: "id" };
    case "node.hostname":
      return { kind: "hostname" };
    case "node.role":
      return { kind: "role" };
    case "node.platform.os":
      return { kind: "os" };
    case "node.platform.arch":
      return { kind: "arch" };
    default:
      return fail(
        `unknown key ${JSON.stringify(key)} (expected node.id, node.hostname, node.role, node.platform.os, node.platform.arch, node.labels.KEY or engine.labels.KEY)`,
      );
  }
}

function checkLength(text: string, field: string): void {
  if (text.length > constraintLengthCharsMax) {
    throw new InvalidArgumentError(field, `constraint longer than ${constraintLengthCharsMax} characters`);
  }
}

/**
 * Parses one constraint "KEY==VALUE" or "KEY!=VALUE" (spaces around the parts are ignored).
 * Throws InvalidArgumentError naming the constraint and `options.field` (default "constraint")
 * when the text has no single operator, an unknown key or a malformed value; the Control API calls
 * this to validate service specs, so a constraint that parses here is one the scheduler can match.
 */
export function parseConstraint(text: string, options: { field?: string } = {}): Constraint {
  const field = options.field ?? "constraint";
  checkLength(text, field);
  const fail = (problem: string): never => {
    throw new InvalidArgumentError(field, `invalid constraint ${JSON.stringify(text)}: ${problem}`);
  };
  const eq = text.indexOf("==");
  const ne = text.indexOf("!=");
  const count = text.split("==").length - 1 + (text.split("!=").length - 1);
  if (count !== 1) fail("expected exactly one operator, == or !=");
  const at = eq >= 0 ? eq : ne;
  const operator = eq >= 0 ? "==" : "!=";
  const key = text.slice(0, at).trim();
  const value = text.slice(at + 2).trim();
  if (key === "") fail("key is empty");
  if (value === "") fail("value is empty");
  if (!valuePattern.test(value))
    fail(`value ${JSON.stringify(value)} has characters other than letters, digits and :-_.*()?+[]\\^$|/ and spaces`);
  const attribute = parseAttribute(key, field, text);
  return { attribute, operator, value: value.toLowerCase(), text };
}

/**
 * Parses a spread descriptor such as "node.labels.zone"; it names the attribute whose values split
 * the nodes into groups. Throws InvalidArgumentError naming the descriptor when it is unknown.
 */
export function parseSpreadDescriptor(text: string, options: { field?: string } = {}): NodeAttribute {
  const field = options.field ?? "spread descriptor";
  checkLength(text, field);
  return parseAttribute(text.trim(), field, text);
}

/** Reads `attribute` of `node`; undefined means the node has no such label. */
export function readAttribute(node: NodeView, attribute: NodeAttribute): string | undefined {
  switch (attribute.kind) {
    case "id":
      return node.id;
    case "hostname":
      return node.hostname;
    case "role":
      return node.role;
    case "os":
      return node.platform.os;
    case "arch":
      return node.platform.architecture;
    case "nodeLabel":
      return Object.hasOwn(node.labels, attribute.key) ? node.labels[attribute.key] : undefined;
    case "engineLabel":
      return Object.hasOwn(node.engineLabels, attribute.key) ? node.engineLabels[attribute.key] : undefined;
  }
}

/** Whether `node` satisfies `constraint`. */
export function matchConstraint(node: NodeView, constraint: Constraint): boolean {
  const actual = readAttribute(node, constraint.attribute) ?? "";
  const equal = actual.toLowerCase() === constraint.value;
  return constraint.operator === "==" ? equal : !equal;
}
