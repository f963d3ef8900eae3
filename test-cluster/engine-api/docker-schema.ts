// Docker's own API schema as a test oracle: the definitions of the Engine API 1.44 (moby's
// swagger.yaml at v25.0.17, reduced to what the served routes answer: test-fixtures/) compiled
// with ajv. Swagger 2.0 schemas are JSON Schema with one twist: nothing is nullable unless marked
// `x-nullable: true`, so a `null` where Docker promises an array or object fails, as it would in a
// strict client.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";

interface Fixture {
  readonly responses: Record<string, unknown>;
  readonly definitions: Record<string, unknown>;
}

const fixture = JSON.parse(
  readFileSync(join(import.meta.dirname, "test-fixtures", "docker-api-v1.44.json"), "utf8"),
) as Fixture;

/** Turns `x-nullable: true` into JSON Schema's null type, recursively. */
function nullable(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(nullable);
  if (!schema || typeof schema !== "object") return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema as Record<string, unknown>)) out[key] = nullable(value);
  if (out["x-nullable"] === true) {
    if (typeof out.type === "string") out.type = [out.type, "null"];
    else if (out.$ref) return { anyOf: [{ $ref: out.$ref }, { type: "null" }] };
  }
  return out;
}

const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema({ $id: "docker", definitions: nullable(fixture.definitions) as object });
const compiled = new Map<string, ValidateFunction>();

/** The operations the fixture has schemas for ("GET /services 200", …). */
export const schemaOperations = Object.keys(fixture.responses);

/** Problems of `body` against the response schema of `operation` ("GET /services/{id} 200"); [] when valid. */
export function schemaProblems(operation: string, body: unknown): string[] {
  let validate = compiled.get(operation);
  if (!validate) {
    const schema = fixture.responses[operation];
    if (!schema) throw new Error(`no Docker schema for ${operation}`);
    const text = JSON.stringify(nullable(schema)).replaceAll('"#/definitions/', '"docker#/definitions/');
    validate = ajv.compile(JSON.parse(text) as object);
    compiled.set(operation, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
}
