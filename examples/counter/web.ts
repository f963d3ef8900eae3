// The demo workload: a tiny web service that counts its hits in Redis, the example Docker's own
// Compose tutorial uses. Each replica answers with its task name, so round robin across replicas
// shows. It listens on HOST and PORT (default 127.0.0.1:8080), where the executor says the routing
// mesh forwards connections. Redis is REDIS_URL (`redis://redis:6379` on the stack's overlay
// network), else, when it is unset or empty, the routing mesh on this node's address at REDIS_PORT
// (default 6379), which reaches the Redis task on whichever node it runs. It serves
// /healthz for the healthcheck, and on SIGTERM stops taking connections, finishes the open ones and
// closes Redis, so a rolling update drops no request.
import { createServer } from "node:http";
import { hostname } from "node:os";
import { Redis } from "ioredis";

/** Redis key holding the hit count. */
export const hitsKey = "counter:hits";

const redisUrl =
  process.env.REDIS_URL || `redis://${process.env.HOST ?? "127.0.0.1"}:${process.env.REDIS_PORT ?? "6379"}`;
const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2, lazyConnect: false });
const name = process.env.TASK_NAME ?? hostname();

const server = createServer((req, res) => {
  if (req.url === "/healthz") {
    redis.ping().then(
      () => res.writeHead(200).end("ok\n"),
      (error: unknown) => res.writeHead(503).end(`redis: ${String(error)}\n`),
    );
    return;
  }
  redis.incr(hitsKey).then(
    (hits) =>
      res.writeHead(200, { "content-type": "text/plain" }).end(`Hello from ${name}! I have been seen ${hits} times.\n`),
    (error: unknown) =>
      res.writeHead(503, { "content-type": "text/plain" }).end(`redis unavailable: ${String(error)}\n`),
  );
});

server.listen(Number(process.env.PORT ?? 8080), process.env.HOST ?? "127.0.0.1", () => {
  process.stdout.write(`${name} listening on ${process.env.HOST ?? "127.0.0.1"}:${process.env.PORT ?? 8080}\n`);
});

/** How long a stopping replica waits for Redis to acknowledge QUIT (Redis may be gone already, e.g. when the whole cluster stops). */
export const quitMsMax = 1_000;

process.once("SIGTERM", () => {
  process.stdout.write(`${name} stopping\n`);
  server.close(() => {
    setTimeout(() => process.exit(0), quitMsMax).unref();
    void redis.quit().finally(() => process.exit(0));
  });
});
