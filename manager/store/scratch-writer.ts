// A protobuf writer reused from one encode to the next. protobufjs's writer starts at 128 bytes and
// doubles as it fills, each step a new buffer from Node's pool; a task of a few KiB took five of them
// before the copy out, and the pool's 8 KiB slabs were made so often that allocating them was about 4%
// of the CPU of the scheduling benchmark from services (every task is encoded on each of its three
// writes). A scratch writer starts with room for most store objects, so only the copy out allocates.
import protobuf from "protobufjs/minimal.js";

/** Bytes a scratch writer's buffer starts with: room for any usual store object. */
export const scratchWriterBytesInitial = 64 * 1024;

/**
 * Largest buffer a scratch writer keeps for the next encode, bytes: a larger encode grows its own
 * buffer, which is dropped after it, so one huge write does not pin its size for the process's life.
 */
export const scratchWriterBytesKept = 2 * 1024 * 1024;

/** One reusable writer; `encode` is synchronous, and a nested call gets a writer of its own. */
export class ScratchWriter {
  private readonly writer = protobuf.Writer.create();
  private buffer: Uint8Array = Buffer.allocUnsafe(scratchWriterBytesInitial);
  private busy = false;

  /** Runs `write` on an empty writer; returns a copy of the bytes it wrote, as `finish()` does. */
  encode(write: (writer: protobuf.Writer) => void): Uint8Array {
    if (this.busy) {
      const own = protobuf.Writer.create();
      write(own);
      return own.finish();
    }
    this.busy = true;
    const w = this.writer;
    w.buf = this.buffer;
    w.pos = 0;
    w.states = null;
    w.view = null;
    try {
      write(w);
      const bytes = w.finish();
      // Grown within the bound: the next encode of this size starts with room.
      if (w.buf !== this.buffer && w.buf.length <= scratchWriterBytesKept) this.buffer = w.buf;
      return bytes;
    } finally {
      w.buf = this.buffer;
      w.pos = 0;
      w.states = null;
      w.view = null;
      this.busy = false;
    }
  }
}
