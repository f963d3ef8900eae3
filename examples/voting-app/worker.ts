// The voting app's worker: moves each vote from the `redis` service's list (frontend network) into
// the `db` service's table (backend network), one row per voter. Both are found by their short
// names. A vote it could not store is pushed back to the head of the list, so none is lost when db
// is briefly away.
import { connect, isOption, queueKey, tableKey, voterIdCharsMax } from "./votes.js";

/** How long one wait for a vote blocks, in seconds (BLPOP's timeout; the loop then waits again). */
export const popWaitS = 1;

const redis = connect(process.env.REDIS_URL ?? "redis://redis:6379");
const db = connect(process.env.DB_URL ?? "redis://db:6379");
let stopping = false;

/** Stores one queued vote; malformed entries are dropped with a line on stderr. */
async function store(raw: string): Promise<void> {
  let entry: { voter_id?: unknown; vote?: unknown };
  try {
    entry = JSON.parse(raw) as { voter_id?: unknown; vote?: unknown };
  } catch {
    process.stderr.write(`dropped a malformed vote: ${raw.slice(0, 80)}\n`);
    return;
  }
  const voter = entry.voter_id;
  if (typeof voter !== "string" || voter.length > voterIdCharsMax || !isOption(entry.vote)) {
    process.stderr.write(`dropped a malformed vote: ${raw.slice(0, 80)}\n`);
    return;
  }
  try {
    await db.hset(tableKey, voter, entry.vote);
  } catch (error) {
    await redis.lpush(queueKey, raw);
    throw error;
  }
  process.stdout.write(`processing vote for '${entry.vote}' by '${voter}'\n`);
}

async function main(): Promise<void> {
  process.stdout.write("waiting for votes\n");
  while (!stopping) {
    try {
      const popped = await redis.blpop(queueKey, popWaitS);
      if (popped) await store(popped[1]);
    } catch (error) {
      process.stderr.write(`${String(error)}; retrying\n`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

process.once("SIGTERM", () => {
  stopping = true;
  void Promise.allSettled([redis.quit(), db.quit()]).finally(() => process.exit(0));
});
void main();
