// Goal: join tokens have Docker's shape, carry the CA digest, and compare safely.
import test from "ava";
import { InvalidArgumentError } from "./errors.js";
import { caDigest, newJoinToken, parseJoinToken, sameJoinToken } from "./join-token.js";

const ca = new TextEncoder().encode("-----BEGIN CERTIFICATE-----\nMIIB...\n-----END CERTIFICATE-----\n");

test("a join token carries the CA digest and a 25-character secret", (t) => {
  const token = newJoinToken(ca);
  t.regex(token, /^SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}$/);
  t.is(parseJoinToken(token).digest, caDigest(ca));
  t.not(parseJoinToken(newJoinToken(ca)).secret, parseJoinToken(token).secret);
});

test("a malformed join token is refused naming the field", (t) => {
  const error = t.throws(() => parseJoinToken("SWMTKN-1-abc"), { instanceOf: InvalidArgumentError });
  t.is(error.field, "token");
});

test("join tokens compare equal only when identical", (t) => {
  const token = newJoinToken(ca, new Uint8Array(16).fill(7));
  t.true(sameJoinToken(token, newJoinToken(ca, new Uint8Array(16).fill(7))));
  t.false(sameJoinToken(token, newJoinToken(ca, new Uint8Array(16).fill(8))));
  t.false(sameJoinToken(token, "short"));
});
