// Reading the unlock key for `swarmctl cluster unlock`: from a terminal with a prompt (the key is
// not echoed), otherwise the first line of whatever is piped in, so scripts can feed it.

/** The prompt shown when standard input is a terminal. */
export const unlockPrompt = "Enter unlock key: ";

/** The key as typed or piped, trimmed; empty when nothing was given. */
export async function readUnlockKey(
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stderr,
): Promise<string> {
  if (!input.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of input) chunks.push(chunk as Buffer);
    return (Buffer.concat(chunks).toString("utf8").split("\n")[0] ?? "").trim();
  }
  output.write(unlockPrompt);
  // A secret: the terminal does not echo it (raw mode), and a newline ends it.
  input.setRawMode(true);
  let key = "";
  try {
    for await (const chunk of input) {
      const text = (chunk as Buffer).toString("utf8");
      if (text.includes("\u0003")) throw new Error("interrupted");
      const end = text.search(/[\r\n]/);
      key += end === -1 ? text : text.slice(0, end);
      if (end !== -1) break;
    }
  } finally {
    input.setRawMode(false);
    input.pause();
    output.write("\n");
  }
  return key.trim();
}
