// A binary min-heap over an array with a caller-given order. The scheduler keeps one per spread
// group so that choosing the best node costs O(log n) instead of a scan of every node.

/** A binary min-heap; `less(a, b)` must be a strict weak order. */
export class MinHeap<T> {
  private readonly items: T[];
  private readonly less: (a: T, b: T) => boolean;

  /** Builds the heap from `items` in O(n); the array is copied. */
  constructor(items: readonly T[], less: (a: T, b: T) => boolean) {
    this.items = items.slice();
    this.less = less;
    for (let i = (this.items.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  /** How many items the heap holds. */
  get size(): number {
    return this.items.length;
  }

  /** The least item, or undefined when empty. */
  peek(): T | undefined {
    return this.items[0];
  }

  /** Adds an item. */
  push(item: T): void {
    this.items.push(item);
    this.siftUp(this.items.length - 1);
  }

  /** Removes and returns the least item, or undefined when empty. */
  pop(): T | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (this.items.length > 0 && last !== undefined) {
      this.items[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  /** Restores the order after the caller made the least item greater (its key grew). */
  topIncreased(): void {
    this.siftDown(0);
  }

  private siftUp(start: number): void {
    const items = this.items;
    let i = start;
    const item = items[i] as T;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent] as T;
      if (!this.less(item, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = item;
  }

  private siftDown(start: number): void {
    const items = this.items;
    const n = items.length;
    let i = start;
    const item = items[i] as T;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && this.less(items[right] as T, items[child] as T)) child = right;
      const c = items[child] as T;
      if (!this.less(c, item)) break;
      items[i] = c;
      i = child;
    }
    items[i] = item;
  }
}
