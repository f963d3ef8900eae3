// CRC-32C (Castagnoli) of snapshot streams. The sender puts the checksum of the whole snapshot on
// its last chunk and the receiver recomputes it as chunks arrive, so a snapshot damaged or spliced
// in transit is refused rather than installed. A byte-at-a-time table is fast enough here: a
// snapshot is checked once per transfer, and the transport stays free of other folders' internals.

/** The reflected CRC-32C polynomial. */
export const crc32cPolynomial = 0x82f63b78;

/** table[b]: the CRC register after shifting byte b through the polynomial. */
const table = buildTable();

function buildTable(): Uint32Array {
  const t = new Uint32Array(256);
  for (let b = 0; b < 256; b++) {
    let c = b;
    for (let bit = 0; bit < 8; bit++) c = c & 1 ? (c >>> 1) ^ crc32cPolynomial : c >>> 1;
    t[b] = c >>> 0;
  }
  return t;
}

/**
 * CRC-32C of `data` as an unsigned 32-bit number. Pass the CRC of the bytes before as `previous` to
 * continue over data that arrives in pieces: crc32c(b, crc32c(a)) equals crc32c(a followed by b).
 */
export function crc32c(data: Uint8Array, previous = 0): number {
  let c = ~previous >>> 0;
  for (let i = 0; i < data.length; i++) c = (c >>> 8) ^ table[(c ^ data[i]!) & 0xff]!;
  return ~c >>> 0;
}
