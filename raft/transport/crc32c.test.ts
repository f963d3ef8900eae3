// Goal: the transport's CRC-32C gives the published check values and can be continued over pieces.
import test from "ava";
import { crc32c } from "./crc32c.js";

test("crc32c matches the standard check value of '123456789'", (t) => {
  t.is(crc32c(new TextEncoder().encode("123456789")), 0xe3069283);
});

test("crc32c matches the RFC 3720 (iSCSI) test vectors", (t) => {
  t.is(crc32c(new Uint8Array(32)), 0x8a9136aa);
  t.is(crc32c(new Uint8Array(32).fill(0xff)), 0x62a8ab43);
  t.is(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i)), 0x46dd794e);
});

test("crc32c continued over pieces equals the crc of the whole", (t) => {
  const data = Uint8Array.from({ length: 1000 }, (_, i) => (i * 131 + 7) & 0xff);
  const whole = crc32c(data);
  for (const cut of [0, 1, 499, 999, 1000]) {
    t.is(crc32c(data.subarray(cut), crc32c(data.subarray(0, cut))), whole, `cut at ${cut}`);
  }
});
