// The voting app's results: the tally of the `db` service's table (found by its short name on the
// stack's backend network) as a page on GET / and as JSON on GET /api/results, on PORT (80 in the
// task's own namespace, as the original's container).
import { createServer } from "node:http";
import { hostname } from "node:os";
import { connect, isOption, options, stopOnSigterm, tableKey } from "./votes.js";

const db = connect(process.env.DB_URL ?? "redis://db:6379");
const name = process.env.TASK_NAME ?? hostname();

/** Counts of each option in the table. */
async function tally(): Promise<Record<string, number>> {
  const counts: Record<string, number> = { a: 0, b: 0 };
  for (const vote of await db.hvals(tableKey)) if (isOption(vote)) counts[vote] = (counts[vote] ?? 0) + 1;
  return counts;
}

const server = createServer((req, res) => {
  tally().then(
    (counts) => {
      if (req.url === "/api/results") {
        res.writeHead(200, { "content-type": "application/json" }).end(`${JSON.stringify(counts)}\n`);
        return;
      }
      const total = (counts.a ?? 0) + (counts.b ?? 0);
      const share = (n: number): string => (total === 0 ? "50.0" : ((100 * n) / total).toFixed(1));
      res
        .writeHead(200, { "content-type": "text/html" })
        .end(
          `<!doctype html><title>${options.a} vs ${options.b} -- Result</title><p>${options.a}: ${share(counts.a ?? 0)}%</p><p>${options.b}: ${share(counts.b ?? 0)}%</p><p>${total} votes, counted by ${name}</p>\n`,
        );
    },
    (error: unknown) => res.writeHead(503, { "content-type": "text/plain" }).end(`db: ${String(error)}\n`),
  );
});

server.listen(Number(process.env.PORT ?? 80), process.env.HOST ?? "0.0.0.0", () => {
  process.stdout.write(`${name} listening on ${process.env.HOST ?? "0.0.0.0"}:${process.env.PORT ?? 80}\n`);
});
stopOnSigterm(() => new Promise((resolve) => server.close(() => resolve(db.quit()))));
