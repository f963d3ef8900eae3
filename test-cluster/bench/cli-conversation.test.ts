// Goal: the replayed CLI conversation reads whole answers (Content-Length and chunked) and sends the CLI's bytes.
import test from "ava";
import { createServer } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliRequest, converse, negotiatedVersion, parseAnswer } from "./cli-conversation.js";

const userAgent = "Docker-Client/28.2.2 (linux)";

test("parseAnswer waits for the whole body of Content-Length and chunked answers", (t) => {
  const sized = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n";
  t.is(parseAnswer(Buffer.from(`${sized}abc`), false), null);
  t.is(parseAnswer(Buffer.from(`${sized}abcde`), false)?.bodyBytes, 5);
  // The raw answer ends at the body's last byte, not at whatever followed it on the connection.
  t.is(parseAnswer(Buffer.from(`${sized}abcdeHTTP/1.1`), false)?.raw.toString("latin1"), `${sized}abcde`);
  const chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n";
  t.is(parseAnswer(Buffer.from(chunked), false), null);
  t.is(parseAnswer(Buffer.from(`${chunked}0\r\n\r\n`), false)?.status, 200);
  t.is(
    parseAnswer(Buffer.from("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\n\r\n"), true)?.headers.get("api-version"),
    "1.41",
  );
});

test("cliRequest writes the request line and headers the docker CLI writes", (t) => {
  t.is(
    cliRequest("HEAD", "/_ping", userAgent),
    "HEAD /_ping HTTP/1.1\r\nHost: api.moby.localhost\r\nUser-Agent: Docker-Client/28.2.2 (linux)\r\n\r\n",
  );
});

test("converse pings, then sends each GET on the same connection at the negotiated version", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "cli-conversation-"));
  const seen: string[] = [];
  const sockets = new Set<unknown>();
  const server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    sockets.add(request.socket);
    response.setHeader("Api-Version", "1.41");
    if (request.method === "HEAD") response.writeHead(200, { "Content-Length": 0 }).end();
    else response.end("[]\n");
  });
  try {
    const socketPath = join(dir, "api.sock");
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    const version = await negotiatedVersion(socketPath, "1.50", userAgent);
    t.is(version, "1.41");
    seen.length = 0;
    sockets.clear();
    const answers = await converse(socketPath, version, ["/nodes", "/info"], userAgent);
    t.deepEqual(seen, ["HEAD /_ping", "GET /v1.41/nodes", "GET /v1.41/info"]);
    t.is(sockets.size, 1);
    t.is(answers[1]?.bodyBytes, 3);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  }
});
