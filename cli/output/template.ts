// A cheap subset of Go templates for `--format`, enough for what operators type after Docker:
// `{{.Name}}`, `{{.Spec.Annotations.Name}}`, `{{json .}}`, `{{json .Spec}}`, `{{upper .Name}}`,
// `{{lower .Name}}`, escapes `\t` and `\n`, and a `table ` prefix that prints a header line.
// Field names match the value's keys ignoring case, so `.ID` finds `id` and `.Spec` finds `spec`,
// and a spec's annotations read as Docker embeds them: `.Spec.Name` finds spec.annotations.name.
import { UsageError } from "../client/usage-error.js";

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

/** A key of `record` named `name`, ignoring case (`.ID` finds `id`), or undefined. */
function field(record: Record<string, unknown>, name: string): unknown {
  const key = name in record ? name : Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : record[key];
}

function lookup(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const name of path) {
    if (current === null || typeof current !== "object") return undefined;
    const record = current as Record<string, unknown>;
    current = field(record, name);
    // Docker's specs embed their annotations (Go struct embedding), so `{{.Spec.Name}}` and
    // `{{.Spec.Labels}}` read what the API keeps in spec.annotations.
    if (current === undefined) {
      const annotations = field(record, "annotations");
      if (annotations !== null && typeof annotations === "object")
        current = field(annotations as Record<string, unknown>, name);
    }
  }
  return current;
}

function renderAction(part: Exclude<Part, { text: string }>, value: unknown): string {
  const found = lookup(value, part.path);
  if (part.fn === "json") return JSON.stringify(found ?? null);
  const text =
    found === undefined || found === null ? "<no value>" : typeof found === "string" ? found : JSON.stringify(found);
  if (part.fn === "upper") return text.toUpperCase();
  if (part.fn === "lower") return text.toLowerCase();
  return text;
}
