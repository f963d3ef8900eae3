import test from "ava";
import { MinHeap } from "./heap.js";
import { mulberry32 } from "./workload.js";

test("MinHeap pops items in order after pushes and top increases", (t) => {
  const random = mulberry32(7);
  const items = Array.from({ length: 200 }, () => ({ key: Math.floor(random() * 50) }));
  const heap = new MinHeap(items.slice(0, 100), (a, b) => a.key < b.key);
  for (const item of items.slice(100)) heap.push(item);
  for (let i = 0; i < 30; i++) {
    const top = heap.peek();
    if (top !== undefined) top.key += Math.floor(random() * 20);
    heap.topIncreased();
  }
  const out: number[] = [];
  for (let item = heap.pop(); item !== undefined; item = heap.pop()) out.push(item.key);
  t.is(out.length, 200);
  t.deepEqual(
    out,
    [...out].sort((a, b) => a - b),
  );
  t.is(heap.size, 0);
});
