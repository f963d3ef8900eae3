// `swarmctl cluster backup FILE`: a consistent copy of the running cluster's store (every
// service, secret, config, network, node record and the root CA), as `etcdctl snapshot save`
// makes one. The file is written beside FILE under a temporary name and renamed once complete, so
// FILE is never a half-written backup; it is created readable by its owner alone, since it holds
// the root CA key and the secrets (sealed with the unlock key when autolock is on).
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { Args } from "@oclif/core";
import { SwarmCommand } from "../base-command.js";

/** Mode of the backup file: its owner's alone. */
export const backupFileMode = 0o600;

/** Longest a backup may stream before swarmctl gives up, in milliseconds. */
export const backupMsMax = 10 * 60 * 1000;

/** What every chunk of the stream says about the backup. */
interface ChunkFacts {
  data: Uint8Array;
  raftIndex: number | { toString(): string };
  encrypted: boolean;
  unconfirmed: boolean;
}

/** `swarmctl cluster backup`. */
export class ClusterBackupCommand extends SwarmCommand {
  static override summary =
    "Write a consistent backup of the cluster's state to a file (restore: swarmd init --restore)";
  static override examples = ["<%= config.bin %> cluster backup swarm-$(date +%F).backup"];
  static override args = { file: Args.string({ description: "file to write", required: true }) };

  /** Streams the backup into a temporary file and renames it to FILE once complete. */
  async run(): Promise<void> {
    const { args, flags } = await this.parse(ClusterBackupCommand);
    const connection = this.connect(flags);
    const temporary = `${args.file}.partial-${process.pid}`;
    const out = createWriteStream(temporary, { mode: backupFileMode, flags: "wx" });
    let last: ChunkFacts | null = null;
    let bytes = 0;
    try {
      const stream = connection.control.backupCluster({}, undefined, { deadline: Date.now() + backupMsMax });
      for await (const chunk of stream as AsyncIterable<ChunkFacts>) {
        last = chunk;
        bytes += chunk.data.length;
        if (!out.write(chunk.data)) await once(out, "drain");
      }
      out.end();
      await once(out, "finish");
      if (!last || bytes === 0) throw new Error("the manager sent an empty backup");
      await rename(temporary, args.file);
    } catch (error) {
      out.destroy();
      await rm(temporary, { force: true });
      throw error;
    }
    if (last.unconfirmed)
      this.warn("the manager could not reach a quorum: the backup is its own store, which may miss the latest writes");
    this.out(
      `Wrote a backup of ${bytes} bytes at raft index ${String(last.raftIndex)} to ${args.file}${last.encrypted ? " (encrypted with the unlock key)" : ""}\n`,
    );
  }
}
