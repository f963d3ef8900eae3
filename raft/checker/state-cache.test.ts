import test from "ava";
import { StateCache } from "./state-cache.js";

test("StateCache holds each word sequence once, by content, across growth", (t) => {
  const cache = new StateCache();
  const words = new Uint32Array(4);
  // Many keys of different lengths, including prefixes of each other and all-zero ones.
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < 50_000; i++) {
      const length = 1 + (i % 4);
      words.fill(0);
      words[0] = Math.floor(i / 4);
      words[length - 1] = words[length - 1]! ^ 0x80000000;
      t.is(cache.add(words, length), round === 0, `key ${i} round ${round}`);
    }
  }
  t.is(cache.size, 50_000);
  // Words past the given length are ignored.
  words.set([1, 2, 3, 4]);
  const fresh = new StateCache();
  t.true(fresh.add(words, 2));
  words.set([1, 2, 9, 9]);
  t.false(fresh.add(words, 2));
  t.true(fresh.add(words, 3));
});
