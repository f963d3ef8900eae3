// A Control client on one node's control socket, for the dashboard tests (closed with the process).
import * as grpc from "@grpc/grpc-js";
import { controlSocketPath, unixTarget } from "../../common/index.js";
import { ControlClient } from "../../proto/index.js";
import type { ClusterNode } from "../cluster/local-cluster.js";
import { Control } from "../scenarios/scenario-kit.js";

/** Control calls on `node`'s control socket (lists of a thousand tasks exceed gRPC's default 4 MiB). */
export function controlOf(node: ClusterNode): Control {
  return new Control(
    new ControlClient(unixTarget(controlSocketPath(node.stateDir)), grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": -1,
    }),
  );
}
