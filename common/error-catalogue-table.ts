// The error catalogue as the Markdown table docs/errors.md shows operators; a test keeps the page
// equal to it, so the page never drifts from the codes the code base uses.
import { errorCatalogue } from "./error-catalogue.js";

/** The catalogue as a Markdown table: code, gRPC status, meaning. */
export function errorCatalogueTable(): string {
  const rows = Object.entries(errorCatalogue).map(
    ([code, entry]) => `| \`${code}\` | ${entry.status} | ${entry.meaning.replace(/\|/g, "\\|")} |`,
  );
  return ["| Code | gRPC status | Meaning |", "|---|---|---|", ...rows].join("\n");
}
