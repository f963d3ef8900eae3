// The memo of the linearizability search: a set of visited (linearized set, state) keys, each a
// short run of 32-bit words. A JavaScript Set of strings would do, but it costs a string per
// visit and about 100 bytes per entry; this open-addressing table keeps every key's words in one
// growing arena and compares them exactly, so there are no false hits from hash collisions.

/** Initial number of slots; the table doubles when half full. */
const slotsInitial = 1 << 12;
/** Initial arena size in words; it doubles when full. */
const arenaWordsInitial = 1 << 14;

/** A set of word sequences, compared by content. */
export class StateCache {
  private arena = new Uint32Array(arenaWordsInitial);
  private arenaUsed = 0;
  /** Arena offset of each slot's key, or -1 for an empty slot. */
  private slots = new Int32Array(slotsInitial).fill(-1);
  /** Hash of each slot's key, so that growing does not rehash and most probes skip the compare. */
  private hashes = new Uint32Array(slotsInitial);
  private count = 0;

  /** Number of keys held. */
  get size(): number {
    return this.count;
  }

  /** Adds the key `words[0..length)`; returns false when it was already present. */
  add(words: Uint32Array, length: number): boolean {
    let h = 0x811c9dc5 ^ length;
    for (let i = 0; i < length; i++) {
      h = Math.imul(h ^ words[i]!, 0x01000193);
      h ^= h >>> 15;
    }
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = (h ^ (h >>> 13)) >>> 0;
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const at = this.slots[slot]!;
      if (at < 0) {
        this.insert(slot, h, words, length);
        return true;
      }
      if (this.hashes[slot] === h && this.equals(at, words, length)) return false;
    }
  }

  private equals(at: number, words: Uint32Array, length: number): boolean {
    const arena = this.arena;
    if (arena[at] !== length) return false;
    for (let i = 0; i < length; i++) if (arena[at + 1 + i] !== words[i]) return false;
    return true;
  }

  private insert(slot: number, hash: number, words: Uint32Array, length: number): void {
    if (this.arenaUsed + length + 1 > this.arena.length) {
      const bigger = new Uint32Array(Math.max(this.arena.length * 2, this.arenaUsed + length + 1));
      bigger.set(this.arena);
      this.arena = bigger;
    }
    const at = this.arenaUsed;
    this.arena[at] = length;
    this.arena.set(words.subarray(0, length), at + 1);
    this.arenaUsed += length + 1;
    this.slots[slot] = at;
    this.hashes[slot] = hash;
    if (++this.count * 2 > this.slots.length) this.grow();
  }

  private grow(): void {
    const oldSlots = this.slots;
    const oldHashes = this.hashes;
    this.slots = new Int32Array(oldSlots.length * 2).fill(-1);
    this.hashes = new Uint32Array(oldSlots.length * 2);
    const mask = this.slots.length - 1;
    for (let i = 0; i < oldSlots.length; i++) {
      const at = oldSlots[i]!;
      if (at < 0) continue;
      const h = oldHashes[i]!;
      let slot = h & mask;
      while (this.slots[slot]! >= 0) slot = (slot + 1) & mask;
      this.slots[slot] = at;
      this.hashes[slot] = h;
    }
  }
}
