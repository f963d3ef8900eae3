// Goal: the slicing-by-8 CRC-32C gives the published check values and agrees with the plain
// bit-by-bit definition on every length and alignment.
import test from "ava";
import { crc32c, crc32cPolynomial } from "./crc32c.js";

/** The definition, one bit at a time. */
function crc32cBitwise(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) {
    c ^= byte;
    for (let bit = 0; bit < 8; bit++) c = c & 1 ? (c >>> 1) ^ crc32cPolynomial : c >>> 1;
  }
  return ~c >>> 0;
}

test("crc32c matches the standard check value of '123456789'", (t) => {
  t.is(crc32c(new TextEncoder().encode("123456789")), 0xe3069283);
});

test("crc32c matches the RFC 3720 (iSCSI) test vectors", (t) => {
  t.is(crc32c(new Uint8Array(32)), 0x8a9136aa);
  t.is(crc32c(new Uint8Array(32).fill(0xff)), 0x62a8ab43);
  t.is(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i)), 0x46dd794e);
  t.is(crc32c(Uint8Array.from({ length: 32 }, (_, i) => 31 - i)), 0x113fdb5c);
});

test("crc32c of no bytes is 0", (t) => {
  t.is(crc32c(new Uint8Array(0)), 0);
});

test("crc32c agrees with the bitwise definition for every length and offset up to 64", (t) => {
  const data = Uint8Array.from({ length: 200 }, (_, i) => (i * 167 + 13) & 0xff);
  for (let offset = 0; offset < 8; offset++) {
    for (let length = 0; length <= 64; length++) {
      const slice = data.subarray(offset, offset + length);
      t.is(crc32c(slice), crc32cBitwise(slice), `offset ${offset} length ${length}`);
    }
  }
});

test("crc32c continues over data split in pieces", (t) => {
  const data = Uint8Array.from({ length: 1000 }, (_, i) => (i * 31) & 0xff);
  const whole = crc32c(data);
  for (const cut of [0, 1, 7, 8, 9, 500, 999, 1000]) {
    t.is(crc32c(data.subarray(cut), crc32c(data.subarray(0, cut))), whole, `cut at ${cut}`);
  }
});
