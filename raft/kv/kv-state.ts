// The replicated key-value state machine used to test and benchmark the raft library. Every
// command carries a client id and a per-client sequence number; a retried command (same client,
// same seq) returns the recorded result instead of applying twice, so a client may retry a write
// whose answer it lost without risking a double apply.
import { InvalidArgumentError } from "../../common/index.js";
import type { StateMachine } from "../node/index.js";

/** A write command. */
export type KvCommand =
  | { readonly op: "put"; readonly key: string; readonly value: string; readonly client: string; readonly seq: number }
  | {
      readonly op: "cas";
      readonly key: string;
      readonly expected: string | null;
      readonly value: string;
      readonly client: string;
      readonly seq: number;
    };

/** Result of a write: put always succeeds; cas succeeds when the current value equalled `expected`. */
export interface KvResult {
  /** Whether the write took effect. */
  readonly ok: boolean;
  /** For a failed cas, the current value. */
  readonly value?: string | null;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Encodes a command for a raft proposal. */
export function encodeKvCommand(command: KvCommand): Uint8Array {
  return encoder.encode(JSON.stringify(command));
}

/** Validates untrusted input into a command; throws InvalidArgumentError naming the field. */
export function parseKvCommand(input: unknown): KvCommand {
  if (typeof input !== "object" || input === null) throw new InvalidArgumentError("body", "must be a JSON object");
  const o = input as Record<string, unknown>;
  if (o["op"] !== "put" && o["op"] !== "cas") throw new InvalidArgumentError("op", 'must be "put" or "cas"');
  if (typeof o["key"] !== "string" || o["key"] === "")
    throw new InvalidArgumentError("key", "must be a non-empty string");
  if (typeof o["value"] !== "string") throw new InvalidArgumentError("value", "must be a string");
  if (typeof o["client"] !== "string" || o["client"] === "")
    throw new InvalidArgumentError("client", "must be a non-empty string");
  if (!Number.isSafeInteger(o["seq"]) || (o["seq"] as number) < 1)
    throw new InvalidArgumentError("seq", "must be a positive integer");
  const base = { key: o["key"], value: o["value"], client: o["client"], seq: o["seq"] as number };
  if (o["op"] === "put") return { op: "put", ...base };
  if (o["expected"] !== null && typeof o["expected"] !== "string")
    throw new InvalidArgumentError("expected", "must be a string or null");
  return { op: "cas", expected: o["expected"], ...base };
}

/** The key-value map with per-client deduplication. */
export class KvState implements StateMachine<KvResult> {
  private data = new Map<string, string>();
  /** client → last applied seq and its result. */
  private sessions = new Map<string, { seq: number; result: KvResult }>();

  /** Current value of a key (null when absent). Serve only after a read barrier. */
  get(key: string): string | null {
    return this.data.get(key) ?? null;
  }

  /** Number of keys. */
  get size(): number {
    return this.data.size;
  }

  apply(bytes: Uint8Array): KvResult {
    const command = JSON.parse(decoder.decode(bytes)) as KvCommand;
    const session = this.sessions.get(command.client);
    if (session && command.seq <= session.seq) return session.result;
    let result: KvResult;
    if (command.op === "put") {
      this.data.set(command.key, command.value);
      result = { ok: true };
    } else {
      const current = this.data.get(command.key) ?? null;
      if (current === command.expected) {
        this.data.set(command.key, command.value);
        result = { ok: true };
      } else {
        result = { ok: false, value: current };
      }
    }
    this.sessions.set(command.client, { seq: command.seq, result });
    return result;
  }

  snapshot(): Uint8Array {
    return encoder.encode(JSON.stringify({ data: [...this.data], sessions: [...this.sessions] }));
  }

  restore(bytes: Uint8Array): void {
    if (bytes.length === 0) {
      this.data = new Map();
      this.sessions = new Map();
      return;
    }
    const parsed = JSON.parse(decoder.decode(bytes)) as {
      data: [string, string][];
      sessions: [string, { seq: number; result: KvResult }][];
    };
    this.data = new Map(parsed.data);
    this.sessions = new Map(parsed.sessions);
  }
}
