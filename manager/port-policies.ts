// Who may call each service of the manager's port, and the largest request each may send: each
// bound is what the service's largest valid request needs, so nothing larger is ever read (see
// call-admission.ts). The anonymous CA service is the smallest, since anyone may reach it.
import type * as grpc from "@grpc/grpc-js";
import {
  caService,
  controlService,
  dispatcherService,
  logBrokerService,
  logsService,
  raftMembershipService,
  raftService,
  watchService,
} from "../proto/index.js";
import { raftBatchReceiveBytesMax, raftSmallRequestBytesMax, snapshotChunkReceiveBytesMax } from "../raft/index.js";
import type { ServicePolicy } from "./call-admission.js";
import { csrPemCharsMax } from "./ca/index.js";
import { configBytesMax, labelsBytesMax, serviceSpecBytesMax } from "./controlapi/index.js";

/** Room for a request's own fields and framing around its largest part. */
const framingBytes = 16 * 1024;

/** Largest CA request: a CSR (csrPemCharsMax), a join token and an address. */
export const caRequestBytesMax = csrPemCharsMax + 4 * 1024;
/**
 * Largest Control request: the largest valid one, a config (configBytesMax) with its name and
 * labels, or a service spec (serviceSpecBytesMax), with framing. Anything larger could never be
 * stored, so it is not read either.
 */
export const controlRequestBytesMax = Math.max(configBytesMax, serviceSpecBytesMax) + labelsBytesMax + framingBytes;
/** Largest RaftMembership request (an address, a raft id). */
export const membershipRequestBytesMax = 64 * 1024;
/**
 * Largest Dispatcher request: a session request with the node's description (bounded by
 * dispatcher/report-bounds.ts), or a batch of task status reports (an agent sends 100 at most).
 */
export const dispatcherRequestBytesMax = 4 * 1024 * 1024;
/** Largest LogBroker message: a batch of log lines (about 1 MiB, plus one long line beyond it). */
export const logBrokerRequestBytesMax = 8 * 1024 * 1024;
/** Largest Logs or Watch request: selectors of ids and names. */
export const subscriptionRequestBytesMax = 256 * 1024;

/** The full name of a service ("swarm.v1.CA") from its definition's paths. */
export function serviceNameOf(definition: grpc.ServiceDefinition): string {
  const path = Object.values(definition)[0]?.path ?? "";
  return path.split("/")[1] ?? "";
}

/** The policies of every service a manager serves on its port. */
export function managerPortPolicies(): Map<string, ServicePolicy> {
  return new Map<string, ServicePolicy>([
    [serviceNameOf(caService), { audience: "anyone", receiveBytesMax: caRequestBytesMax }],
    [serviceNameOf(controlService), { audience: "operators", receiveBytesMax: controlRequestBytesMax }],
    [serviceNameOf(logsService), { audience: "operators", receiveBytesMax: subscriptionRequestBytesMax }],
    [serviceNameOf(watchService), { audience: "operators", receiveBytesMax: subscriptionRequestBytesMax }],
    [serviceNameOf(raftMembershipService), { audience: "managers", receiveBytesMax: membershipRequestBytesMax }],
    [serviceNameOf(dispatcherService), { audience: "nodes", receiveBytesMax: dispatcherRequestBytesMax }],
    [serviceNameOf(logBrokerService), { audience: "nodes", receiveBytesMax: logBrokerRequestBytesMax }],
    [
      serviceNameOf(raftService),
      {
        audience: "raft",
        receiveBytesMax: raftSmallRequestBytesMax,
        methodReceiveBytesMax: {
          ProcessRaftMessage: raftBatchReceiveBytesMax,
          StreamSnapshot: snapshotChunkReceiveBytesMax,
        },
      },
    ],
  ]);
}
