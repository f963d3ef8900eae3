// The voting app's front end: a form of two options on PORT (80 in the task's own namespace, as
// the original's container). A vote (POST / with `vote=a|b`) is pushed onto the Redis list of the
// `redis` service, found by its short name on the stack's frontend network, with the voter's id
// from a cookie (a new one when the browser has none), so a voter who votes again changes their
// vote rather than adding one.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import { hostname } from "node:os";
import { connect, isOption, options, queueKey, stopOnSigterm, voterIdCharsMax } from "./votes.js";

/** Largest request body read, in bytes (a vote is a few bytes). */
export const bodyBytesMax = 1_024;

const redis = connect(process.env.REDIS_URL ?? "redis://redis:6379");
const name = process.env.TASK_NAME ?? hostname();

/** The voter id of a request's `voter_id` cookie, if it has a well-formed one. */
function voterOf(req: IncomingMessage): string | undefined {
  const m = /(?:^|;\s*)voter_id=([0-9a-zA-Z-]+)/.exec(req.headers.cookie ?? "");
  return m?.[1] !== undefined && m[1].length <= voterIdCharsMax ? m[1] : undefined;
}

/** The page: the options, the voter's choice when they just voted, and which task answered. */
function page(vote?: string): string {
  const buttons = Object.entries(options)
    .map(([key, label]) => `<button name="vote" value="${key}">${label}</button>`)
    .join(" ");
  const chosen = vote === undefined ? "" : `<p>You voted for ${options[vote as keyof typeof options]}.</p>`;
  return `<!doctype html><title>${options.a} vs ${options.b}!</title><form method="post">${buttons}</form>${chosen}<p>Processed by ${name}</p>\n`;
}

const server = createServer((req, res) => {
  if (req.method !== "POST") {
    res.writeHead(200, { "content-type": "text/html" }).end(page());
    return;
  }
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (chunk: string) => {
    body += chunk;
    if (body.length > bodyBytesMax) req.destroy();
  });
  req.on("end", () => {
    const vote = new URLSearchParams(body).get("vote");
    if (!isOption(vote)) {
      res.writeHead(400, { "content-type": "text/plain" }).end("vote must be a or b\n");
      return;
    }
    const voter = voterOf(req) ?? randomBytes(8).toString("hex");
    redis.rpush(queueKey, JSON.stringify({ voter_id: voter, vote })).then(
      () =>
        res.writeHead(200, { "content-type": "text/html", "set-cookie": `voter_id=${voter}; Path=/` }).end(page(vote)),
      (error: unknown) => res.writeHead(503, { "content-type": "text/plain" }).end(`redis: ${String(error)}\n`),
    );
  });
});

server.listen(Number(process.env.PORT ?? 80), process.env.HOST ?? "0.0.0.0", () => {
  process.stdout.write(`${name} listening on ${process.env.HOST ?? "0.0.0.0"}:${process.env.PORT ?? 80}\n`);
});
stopOnSigterm(() => new Promise((resolve) => server.close(() => resolve(redis.quit()))));
