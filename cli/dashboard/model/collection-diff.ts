// Keyed differences between two versions of a list of views, so each change travels to the pages
// as the rows it touched. A row is compared by its JSON text, which is also what is sent.

/** Rows to add or replace, and keys to drop. */
export interface CollectionDelta<T> {
  readonly upsert: T[];
  readonly remove: string[];
}

/** The last rows sent of one collection, by key, with their JSON text. */
export class CollectionState<T> {
  private readonly rows = new Map<string, { row: T; text: string }>();
  private cached: readonly T[] | null = null;

  constructor(private readonly keyOf: (row: T) => string) {}

  /** The rows as of the last update (in no particular order: pages sort). */
  get current(): readonly T[] {
    this.cached ??= [...this.rows.values()].map((r) => r.row);
    return this.cached;
  }

  /** Replaces every row; returns what changed. */
  update(next: readonly T[]): CollectionDelta<T> {
    const keys = new Set<string>();
    const upsert: T[] = [];
    for (const row of next) {
      const key = this.keyOf(row);
      keys.add(key);
      if (this.set(key, row)) upsert.push(row);
    }
    const remove = [...this.rows.keys()].filter((k) => !keys.has(k));
    for (const key of remove) this.rows.delete(key);
    if (upsert.length || remove.length) this.cached = null;
    return { upsert, remove };
  }

  /** Recomputes the rows of `keys` only (`compute` gives null for a row that is gone); returns what changed. */
  patch(keys: Iterable<string>, compute: (key: string) => T | null): CollectionDelta<T> {
    const upsert: T[] = [];
    const remove: string[] = [];
    for (const key of keys) {
      const row = compute(key);
      if (row === null) {
        if (this.rows.delete(key)) remove.push(key);
      } else if (this.set(key, row)) upsert.push(row);
    }
    if (upsert.length || remove.length) this.cached = null;
    return { upsert, remove };
  }

  /** Stores a row; whether it differs from the one held. */
  private set(key: string, row: T): boolean {
    const text = JSON.stringify(row);
    if (this.rows.get(key)?.text === text) return false;
    this.rows.set(key, { row, text });
    return true;
  }
}
