// Goal: swarmd reads its join token from a file, the environment or standard input, refuses an
// empty or oversized one naming the flag, and says when the token is exposed (on the command line,
// or in a file other users can read).
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import test from "ava";
import { InvalidArgumentError } from "../../common/index.js";
import { joinTokenBytesMax, joinTokenWarning, readJoinToken } from "./join-token-source.js";

const token = "SWMTKN-1-abc-def";

test("readJoinToken reads a token file's first line and warns when others can read it", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "swarm-token-"));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "token");
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  t.deepEqual(await readJoinToken({ kind: "file", path: file }), { token });
  chmodSync(file, 0o644);
  const open = await readJoinToken({ kind: "file", path: file });
  t.is(open.token, token);
  t.regex(open.warning ?? "", /readable by other users \(mode 644\); chmod 600/);
  writeFileSync(file, "\n");
  await t.throwsAsync(readJoinToken({ kind: "file", path: file }), { instanceOf: InvalidArgumentError });
  writeFileSync(file, "x".repeat(joinTokenBytesMax + 1));
  await t.throwsAsync(readJoinToken({ kind: "file", path: file }), { instanceOf: InvalidArgumentError });
  const missing = await t.throwsAsync(readJoinToken({ kind: "file", path: join(dir, "nope") }), {
    instanceOf: InvalidArgumentError,
  });
  t.regex(missing.message, /^token-file: cannot read/);
});

test("readJoinToken reads standard input up to its first line", async (t) => {
  t.deepEqual(await readJoinToken({ kind: "stdin" }, Readable.from([`${token}\nrest`])), { token });
  t.deepEqual(await readJoinToken({ kind: "stdin" }, Readable.from(["SWMTKN-1-", "abc-def"])), { token });
  await t.throwsAsync(readJoinToken({ kind: "stdin" }, Readable.from([""])), { instanceOf: InvalidArgumentError });
  await t.throwsAsync(readJoinToken({ kind: "stdin" }, Readable.from(["x".repeat(joinTokenBytesMax + 1)])), {
    instanceOf: InvalidArgumentError,
  });
});

test("joinTokenWarning speaks up only for a token on the command line", (t) => {
  t.regex(joinTokenWarning({ kind: "argv", token }) ?? "", /readable by every local user.*--token-file/);
  t.is(joinTokenWarning({ kind: "env", token }), undefined);
  t.is(joinTokenWarning({ kind: "file", path: "/t" }), undefined);
  t.is(joinTokenWarning({ kind: "stdin" }), undefined);
});
