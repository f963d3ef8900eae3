import * as grpc from "@grpc/grpc-js";
import test from "ava";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { errorCatalogue, grpcStatus, isErrorCode, type ErrorCode } from "./error-catalogue.js";
import { errorCatalogueTable } from "./error-catalogue-table.js";
import { InvalidArgumentError, SwarmError } from "./errors.js";
import { errorCodeTrailer } from "./control-address.js";
import { errorFieldTrailer, toServiceError } from "./grpc-status-error.js";

const root = fileURLToPath(new URL("..", import.meta.url));

/** Every TypeScript source outside node_modules, dist and tests. */
function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist" || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.tsx?$/.test(name) && !name.endsWith(".test.ts") && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

test("grpcStatus numbers equal grpc-js's", (t) => {
  for (const [name, value] of Object.entries(grpcStatus))
    t.is(value, grpc.status[name as keyof typeof grpc.status], name);
});

test("error catalogue has no code that the code base never raises", (t) => {
  const text = sources(root)
    .filter((path) => !relative(root, path).startsWith("common/error-catalogue"))
    .map((path) => readFileSync(path, "utf8"))
    .join("\n");
  const unused = Object.keys(errorCatalogue).filter((code) => !text.includes(`"${code}"`));
  t.deepEqual(unused, []);
});

test("error catalogue gives no code the UNKNOWN status and every code a meaning", (t) => {
  for (const [code, entry] of Object.entries(errorCatalogue)) {
    t.not(entry.status, "UNKNOWN", code);
    t.true(entry.meaning.length > 10 && entry.meaning.endsWith("."), code);
  }
});

test("error catalogue is the table docs/errors.md shows", (t) => {
  const page = readFileSync(join(root, "docs", "errors.md"), "utf8");
  t.true(page.includes(errorCatalogueTable()), "docs/errors.md: paste errorCatalogueTable()'s output");
});

test("toServiceError answers a catalogued error with its status, code trailer and field", (t) => {
  const codes = Object.keys(errorCatalogue) as ErrorCode[];
  for (const code of codes) {
    const status = toServiceError(new SwarmError(code, "x"));
    t.is(status.code, grpcStatus[errorCatalogue[code].status], code);
    t.deepEqual(status.metadata?.get(errorCodeTrailer), [code]);
  }
  const invalid = toServiceError(new InvalidArgumentError("spec.mode", "unknown"));
  t.is(invalid.code, grpc.status.INVALID_ARGUMENT);
  t.deepEqual(invalid.metadata?.get(errorFieldTrailer), ["spec.mode"]);
  t.is(toServiceError(new Error("boom")).code, grpc.status.INTERNAL);
  t.is(toServiceError(new SwarmError("WAL_IO", "WAL write failed")).code, grpc.status.UNAVAILABLE);
});

test("isErrorCode tells catalogued codes from others", (t) => {
  t.true(isErrorCode("NOT_LEADER"));
  t.false(isErrorCode("toString"));
  t.false(isErrorCode("NO_SUCH_CODE"));
});
