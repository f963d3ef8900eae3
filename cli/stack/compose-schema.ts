// Validation of one stack file against the published Compose specification schema
// (compose-spec.schema.json beside this module; origin and licence in README.md). The schema is
// read at run time relative to this module, so it must sit beside the built module too.
import { asText } from "./as-text.js";
import { readFileSync } from "node:fs";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { posAt } from "./source-map.js";
import { StackFileError, type PathStep } from "./stack-file-error.js";
import { untagValue } from "./tagged-value.js";

/** File name of the shipped schema, next to this module (in cli/stack/ and dist/cli/stack/). */
export const composeSchemaFile = "compose-spec.schema.json";

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (compiled) return compiled;
  const url = new URL(`./${composeSchemaFile}`, import.meta.url);
  let text: string;
  try {
    text = readFileSync(url, "utf8");
  } catch (error) {
    // A packaging fault, not bad input: the build must copy the schema beside this module.
    throw new Error(
      `the Compose schema is missing at ${url.pathname}; the build must copy cli/stack/${composeSchemaFile} there`,
      { cause: error },
    );
  }
  const schema = JSON.parse(text) as Record<string, unknown>;
  // The schema names draft-07 by an https URL Ajv does not know; its keywords are draft-07's.
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  compiled = ajv.compile(schema);
  return compiled;
}

/** Checks one parsed, interpolated file; throws StackFileError naming the line and key of the first problem. */
export function validateComposeFile(file: string, root: unknown): void {
  const validate = validator();
  if (validate(untagValue(root))) return;
  const problem = describe(validate.errors ?? []);
  throw new StackFileError(posAt(root, problem.path) ?? { file, line: 0 }, problem.path, problem.message);
}

interface Problem {
  path: PathStep[];
  message: string;
}

/**
 * Picks the most useful of Ajv's errors: the deepest one. A value that fails every branch of a
 * `oneOf` yields one type error per branch, which are combined into one "must be A or B".
 */
function describe(errors: readonly ErrorObject[]): Problem {
  const candidates = errors.filter((e) => !["oneOf", "anyOf", "if", "not"].includes(e.keyword)).map(toProblem);
  if (candidates.length === 0) return { path: [], message: errors[0]?.message ?? "is invalid" };
  const depth = Math.max(...candidates.map((c) => c.path.length));
  const deepest = candidates.filter((c) => c.path.length === depth);
  const samePath = deepest.filter((c) => c.path.join("\0") === deepest[0]!.path.join("\0"));
  const typeErrors = samePath.filter((c) => c.types);
  if (typeErrors.length === samePath.length) {
    const types = [...new Set(typeErrors.flatMap((c) => c.types ?? []))];
    return { path: samePath[0]!.path, message: `must be ${joinTypes(types)}` };
  }
  const chosen = samePath.find((c) => !c.types) ?? samePath[0]!;
  return { path: chosen.path, message: chosen.message };
}

function toProblem(error: ErrorObject): Problem & { types?: string[] } {
  const path: PathStep[] = error.instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties":
      return { path: [...path, asText(params.additionalProperty)], message: "is not allowed here (unknown key)" };
    case "required":
      return { path, message: `${asText(params.missingProperty)} is required` };
    case "type": {
      const types = Array.isArray(params.type) ? params.type.map(String) : [asText(params.type)];
      // Compose admits a string beside most numbers and booleans only so that interpolated values
      // pass (they are converted later); the operator is better told the real type.
      const real =
        types.length === 2 &&
        types.includes("string") &&
        types.some((t) => ["integer", "number", "boolean"].includes(t))
          ? types.filter((t) => t !== "string")
          : types;
      return { path, message: `must be ${joinTypes(real)}`, types: real };
    }
    case "enum":
      return {
        path,
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`,
      };
    default:
      return { path, message: error.message ?? "is invalid" };
  }
}

function joinTypes(types: readonly string[]): string {
  const names = types.map((t) => (t === "object" ? "a mapping" : t === "array" ? "a list" : t));
  return names.length <= 1 ? (names[0] ?? "valid") : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]!}`;
}
