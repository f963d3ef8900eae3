// The test's handle on one lab node process (lab-node-main.ts running inside a node namespace):
// send an operation, await its answer. The process is the lab's child, killed by Netlab.destroy().
import type { ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { childScriptArgs } from "../../common/index.js";
import type { NetworkAgentStats, NetworkView } from "../../worker/index.js";
import type { LabNodeConfig } from "./lab-node-main.js";
import type { Netlab } from "./netlab.js";

/** Longest a lab node may take to start, in ms (tsx compiles on a loaded 2-core machine). */
export const labNodeStartMs = 60_000;

/** Longest one operation may take, in ms. */
export const labNodeCallMs = 60_000;

/** A running lab node. */
export class LabNode {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  /** What the node wrote to stderr (its log). */
  readonly log: string[] = [];
  private readyNow: () => void = () => undefined;
  /** Resolves once the node said it is ready. */
  private readonly ready = new Promise<void>((resolve) => (this.readyNow = resolve));

  private constructor(
    /** The node's index in the lab. */
    readonly index: number,
    /** The node's namespace. */
    readonly netns: string,
    /** The node's underlay address. */
    readonly underlayAddr: string,
    private readonly child: ChildProcess,
  ) {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const message = JSON.parse(line) as {
        id?: number;
        ok?: boolean;
        result?: unknown;
        error?: string;
        ready?: boolean;
      };
      if (message.ready === true) this.readyNow();
      const waiter = message.id === undefined ? undefined : this.pending.get(message.id);
      if (waiter === undefined) return;
      this.pending.delete(message.id!);
      if (message.ok === true) waiter.resolve(message.result);
      else waiter.reject(new Error(message.error ?? "failed"));
    });
    createInterface({ input: child.stderr! }).on("line", (line) => {
      if (this.log.length < 1000) this.log.push(line);
    });
    child.once("exit", (code, signal) => {
      for (const w of this.pending.values()) w.reject(new Error(`lab node ${index} exited (${code ?? signal})`));
      this.pending.clear();
    });
  }

  /** Starts the agent of node `index` inside its namespace. */
  static async start(lab: Netlab, index: number, config: Partial<LabNodeConfig> = {}): Promise<LabNode> {
    const full: LabNodeConfig = {
      underlayAddr: lab.underlayAddr(index),
      dataPathPort: 14789,
      netnsPrefix: lab.name(`t${index}-`),
      ...config,
    };
    const args = childScriptArgs(import.meta.url, "lab-node-main");
    const child = lab.spawn(lab.nodeNetns(index), process.execPath, [...args, JSON.stringify(full)]);
    const node = new LabNode(index, lab.nodeNetns(index), full.underlayAddr, child);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`lab node ${index} not ready after ${labNodeStartMs} ms`)),
        labNodeStartMs,
      );
      void node.ready.then(() => {
        clearTimeout(timer);
        resolve();
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`lab node ${index} exited with ${code}: ${node.log.join("\n")}`));
      });
    });
    return node;
  }

  /** Sends one operation and waits for its answer. */
  call<T = unknown>(op: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`lab node ${this.index}: ${op} took over ${labNodeCallMs} ms`));
      }, labNodeCallMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.child.stdin!.write(`${JSON.stringify({ id, op, ...args })}\n`);
    });
  }

  /** Applies a view. */
  update(view: NetworkView): Promise<void> {
    return this.call("update", { view });
  }

  /** The agent's stats. */
  stats(): Promise<NetworkAgentStats> {
    return this.call("stats");
  }

  /** Kills the node process at once (a crash: the kernel state stays). */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.kill("SIGKILL");
    await exited;
  }

  /** Ends the process cleanly (stdin closed: the agent closes, kernel state stays). */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.child.stdin!.end();
    await exited;
  }
}
