// Query parameters as moby reads them: booleans are "1"/"true" (anything else is false, as
// httputils.BoolValue), versions must be numbers, a bounded set of choices is checked.
import { HttpError } from "../http-error.js";

/** Docker's boolean query value: "1", "true" (any case) and "yes" mean true. */
export function queryBool(query: URLSearchParams, name: string): boolean {
  const value = (query.get(name) ?? "").trim().toLowerCase();
  return value !== "" && value !== "0" && value !== "no" && value !== "false" && value !== "none";
}

/** The `version` parameter of an update: required, a non-negative integer. */
export function queryObjectVersion(query: URLSearchParams, kind: string): number {
  const text = query.get("version") ?? "";
  if (!/^\d{1,16}$/.test(text)) throw new HttpError(400, `invalid ${kind} version '${text}'`);
  return Number(text);
}

/** A parameter that must be one of `choices` (or absent: ""). */
export function queryChoice(query: URLSearchParams, name: string, choices: readonly string[]): string {
  const value = query.get(name) ?? "";
  if (value !== "" && !choices.includes(value))
    throw new HttpError(400, `invalid value for ${name}: ${value} (one of ${choices.join(", ")})`);
  return value;
}
