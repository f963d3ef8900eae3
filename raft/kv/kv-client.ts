// Client of the test key-value store: finds the leader, retries on failover, and keeps one seq
// per write so a retried write is applied at most once.
import { Agent, request } from "node:http";
import { realClock } from "../../common/index.js";
import type { KvResult } from "./kv-state.js";

/** Time one HTTP attempt may take before the client tries elsewhere. */
export const attemptMsMax = 2_000;
/** Wait between attempts when no leader answers. */
export const retryDelayMs = 50;

/** Outcome of one operation as the client saw it. */
export type KvOutcome<T> = { ok: true; value: T } | { ok: false; error: string };

/** A KV client with one identity (client id) and one operation at a time. */
export class KvClient {
  private seq = 0;
  private leaderHint = 0;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 4 });

  /**
   * @param servers raft id → HTTP address of every member.
   * @param id unique client identity for deduplication.
   */
  constructor(
    private readonly servers: ReadonlyMap<number, string>,
    readonly id: string,
  ) {}

  /** Writes key=value; retries until deadlineMs passes (same seq each time). */
  put(key: string, value: string, deadlineMs: number): Promise<KvOutcome<KvResult>> {
    return this.write({ op: "put", key, value }, deadlineMs);
  }

  /** Compare-and-set; retries until deadlineMs passes. */
  cas(key: string, expected: string | null, value: string, deadlineMs: number): Promise<KvOutcome<KvResult>> {
    return this.write({ op: "cas", key, expected, value }, deadlineMs);
  }

  /** Linearizable read; retries until deadlineMs passes. */
  async get(key: string, deadlineMs: number): Promise<KvOutcome<string | null>> {
    const outcome = await this.attemptUntil(deadlineMs, (addr) =>
      this.call("GET", addr, `/kv?key=${encodeURIComponent(key)}`, null),
    );
    return outcome.ok ? { ok: true, value: (outcome.value as { value: string | null }).value } : outcome;
  }

  /** Closes idle connections. */
  close(): void {
    this.agent.destroy();
  }

  private async write(command: Record<string, unknown>, deadlineMs: number): Promise<KvOutcome<KvResult>> {
    const body = JSON.stringify({ ...command, client: this.id, seq: ++this.seq });
    const outcome = await this.attemptUntil(deadlineMs, (addr) => this.call("POST", addr, "/kv", body));
    return outcome.ok ? { ok: true, value: outcome.value as KvResult } : outcome;
  }

  private async attemptUntil(
    deadlineMs: number,
    attempt: (addr: string) => Promise<{ status: number; body: unknown }>,
  ): Promise<KvOutcome<unknown>> {
    const ids = [...this.servers.keys()];
    let lastError = "no attempt";
    for (let n = 0; realClock.monotonicMs() < deadlineMs; n++) {
      const id = this.leaderHint || ids[n % ids.length]!;
      try {
        const { status, body } = await attempt(this.servers.get(id)!);
        if (status === 200) return { ok: true, value: body };
        const leader = (body as { leader?: number }).leader ?? 0;
        this.leaderHint = status === 421 && leader && leader !== id && this.servers.has(leader) ? leader : 0;
        lastError = `${status} ${(body as { error?: string }).error ?? ""}`;
        if (status === 400) return { ok: false, error: lastError };
      } catch (error) {
        this.leaderHint = 0;
        lastError = error instanceof Error ? error.message : String(error);
      }
      if (!this.leaderHint) await realClock.sleep(retryDelayMs);
    }
    return { ok: false, error: lastError };
  }

  private call(
    method: string,
    addr: string,
    path: string,
    body: string | null,
  ): Promise<{ status: number; body: unknown }> {
    const [host, port] = [addr.slice(0, addr.lastIndexOf(":")), Number(addr.slice(addr.lastIndexOf(":") + 1))];
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host,
          port,
          method,
          path,
          agent: this.agent,
          timeout: attemptMsMax,
          headers: body ? { "content-type": "application/json" } : {},
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            try {
              resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          });
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error(`timeout after ${attemptMsMax} ms`)));
      req.on("error", reject);
      req.end(body ?? undefined);
    });
  }
}
