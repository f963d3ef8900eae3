// A cheap subset of Go templates for `--format`, enough for what operators type after Docker:
// `{{.Name}}`, `{{.Spec.Annotations.Name}}`, `{{json .}}`, `{{json .Spec}}`, `{{upper .Name}}`,
// `{{lower .Name}}`, escapes `\t` and `\n`, and a `table ` prefix that prints a header line.
// Field names match the value's keys ignoring case, so `.ID` finds `id` and `.Spec` finds `spec`,
// and a spec's annotations read as Docker embeds them: `.Spec.Name` finds spec.annotations.name.
// Docker's names of fields the API names otherwise work too (`.Spec.Role`, `.Spec.TaskTemplate`,
// `.Spec.Mode.Replicated`), and enum fields print Docker's words (`running`, `active`).
import { UsageError } from "../client/usage-error.js";
import { dockerValue, fieldNames, withDockerWords } from "./docker-words.js";

/** A parsed template, applied to one value at a time. */
export interface Template {
  /** The header line for a `table` template, or null. */
  readonly header: string | null;
  /** Renders one value (without a trailing newline). */
  render(value: unknown): string;
}

type Part =
  { readonly text: string } | { readonly fn: "" | "json" | "upper" | "lower"; readonly path: readonly string[] };

/** Parses a template; throws UsageError on a malformed action. */
export function parseTemplate(source: string): Template {
  let text = source.replace(/\\t/g, "\t").replace(/\\n/g, "\n");
  const table = text.startsWith("table ");
  if (table) text = text.slice("table ".length);
  const parts: Part[] = [];
  const action = /\{\{\s*(.*?)\s*\}\}/g;
  let at = 0;
  for (let m = action.exec(text); m; m = action.exec(text)) {
    if (m.index > at) parts.push({ text: text.slice(at, m.index) });
    parts.push(parseAction(m[1]!, source));
    at = action.lastIndex;
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  if (parts.some((p) => "text" in p && p.text.includes("{{")))
    throw new UsageError("--format", `unclosed action in ${JSON.stringify(source)}`);
  const header = table ? parts.map((p) => ("text" in p ? p.text : (p.path.at(-1) ?? "").toUpperCase())).join("") : null;
  return { header, render: (value) => parts.map((p) => ("text" in p ? p.text : renderAction(p, value))).join("") };
}

function parseAction(inner: string, source: string): Part {
  const m = /^(?:(json|upper|lower)\s+)?(\.(?:[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)?)$/.exec(inner);
  if (!m)
    throw new UsageError(
      "--format",
      `{{${inner}}} is not supported in ${JSON.stringify(source)} (use {{.Field}}, {{json .}}, {{upper .Field}} or {{lower .Field}})`,
    );
  const path = m[2] === "." ? [] : m[2]!.slice(1).split(".");
  return { fn: (m[1] ?? "") as "" | "json" | "upper" | "lower", path };
}

/** The key of `record` named `name`, ignoring case (`.ID` finds `id`), or undefined. */
function keyOf(record: object, name: string): string | undefined {
  if (name === "") return undefined;
  return name in record ? name : fieldNames(record).find((k) => k.toLowerCase() === name.toLowerCase());
}

/** Docker's names of fields the API names otherwise (lower case), so Docker's templates find them. */
const dockerAliases: Readonly<Record<string, string>> = {
  role: "desiredRole",
  tasktemplate: "task",
  containerspec: "container",
  restartpolicy: "restart",
  updateconfig: "update",
  rollbackconfig: "rollback",
  endpointspec: "endpoint",
};

/**
 * Docker's names of objects the API flattens into their parent (lower case): Docker's
 * `.Spec.Mode.Replicated` is the API's spec.replicated, so `Mode` reads as the spec itself.
 */
const dockerWrappers: ReadonlySet<string> = new Set(["mode"]);

function lookup(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const [i, name] of path.entries()) {
    if (current === null || typeof current !== "object") return undefined;
    const record = current as Record<string, unknown>;
    const key = keyOf(record, name) ?? keyOf(record, dockerAliases[name.toLowerCase()] ?? "");
    if (key !== undefined) {
      // An enum field reads as Docker's word for it ("running", not TASK_STATE_RUNNING).
      current = dockerValue(record, key);
      continue;
    }
    if (dockerWrappers.has(name.toLowerCase()) && i < path.length - 1) continue;
    // Docker's specs embed their annotations (Go struct embedding), so `{{.Spec.Name}}` and
    // `{{.Spec.Labels}}` read what the API keeps in spec.annotations.
    const annotations = record[keyOf(record, "annotations") ?? ""];
    const embedded = annotations !== null && typeof annotations === "object" ? annotations : null;
    const inner = embedded ? keyOf(embedded, name) : undefined;
    current = embedded && inner !== undefined ? dockerValue(embedded, inner) : undefined;
  }
  return current;
}

function renderAction(part: Exclude<Part, { text: string }>, value: unknown): string {
  const found = lookup(value, part.path);
  if (part.fn === "json") return JSON.stringify(withDockerWords(found) ?? null);
  const text =
    found === undefined || found === null ? "<no value>" : typeof found === "string" ? found : JSON.stringify(found);
  if (part.fn === "upper") return text.toUpperCase();
  if (part.fn === "lower") return text.toLowerCase();
  return text;
}
