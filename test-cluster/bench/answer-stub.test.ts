// Goal: the stub serves recorded answers byte for byte, in order on one connection, and reports requests it has no answer for.
import test from "ava";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serveAnswers } from "./answer-stub.js";
import { converse, recordConversation } from "./cli-conversation.js";

const userAgent = "Docker-Client/28.2.2 (linux)";

test("a recorded conversation is served back byte for byte, and an unrecorded request is reported", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "answer-stub-"));
  // A daemon answering with a chunked body and one with Content-Length, as dockerd does.
  const daemon = createServer((request, response) => {
    response.setHeader("Api-Version", "1.41");
    if (request.method === "HEAD") response.writeHead(200, { "Content-Length": 0 }).end();
    else if (request.url === "/v1.41/nodes") response.end('[{"ID":"n1"}]\n');
    else {
      response.write('{"ID":');
      response.end('"info"}\n');
    }
  });
  const daemonPath = join(dir, "daemon.sock");
  const stubPath = join(dir, "stub.sock");
  await new Promise<void>((resolve) => daemon.listen(daemonPath, resolve));
  try {
    const recorded = await recordConversation(daemonPath, "1.41", ["/nodes", "/info"], userAgent);
    t.deepEqual(
      [...recorded.keys()],
      ["HEAD /_ping HTTP/1.1", "GET /v1.41/nodes HTTP/1.1", "GET /v1.41/info HTTP/1.1"],
    );
    t.regex(
      recorded.get("GET /v1.41/info HTTP/1.1")!.toString("latin1"),
      /Transfer-Encoding: chunked[\s\S]*0\r\n\r\n$/,
    );
    const stub = await serveAnswers(stubPath, recorded);
    try {
      const answers = await converse(stubPath, "1.41", ["/nodes", "/info"], userAgent);
      t.deepEqual(
        answers.map((a) => a.raw.toString("latin1")),
        [...recorded.values()].map((b) => b.toString("latin1")),
      );
      t.deepEqual(stub.unrecorded, []);
      await t.throwsAsync(converse(stubPath, "1.41", ["/services"], userAgent), { message: /404/ });
      t.deepEqual(stub.unrecorded, ["GET /v1.41/services HTTP/1.1"]);
    } finally {
      await stub.close();
    }
  } finally {
    daemon.closeAllConnections();
    await new Promise((resolve) => daemon.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  }
});
