// A Dispatcher served over real gRPC on loopback, for tests that talk to it as workers do.
import * as grpc from "@grpc/grpc-js";
import { DispatcherClient, dispatcherService } from "../../proto/index.js";
import type { Dispatcher } from "../dispatcher/index.js";

/**
 * Serves `dispatcher` without TLS on 127.0.0.1, on a port the system picks, and returns a client of
 * it with its target (for a test that needs connections of its own). The client's close and the server's shutdown go to `teardown` (ava's `t.teardown`), which runs
 * them after the teardowns the test registers later: its streams are cancelled first.
 */
export async function servedDispatcher(
  dispatcher: Dispatcher,
  teardown: (fn: () => void) => void,
): Promise<{ client: DispatcherClient; target: string }> {
  const server = new grpc.Server();
  server.addService(dispatcherService, dispatcher.handlers());
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  const target = `127.0.0.1:${port}`;
  const client = new DispatcherClient(target, grpc.credentials.createInsecure());
  teardown(() => {
    client.close();
    server.forceShutdown();
  });
  return { client, target };
}
