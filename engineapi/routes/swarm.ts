// The swarm routes. A swarmd serving them belongs to a swarm from its start (`swarmd init` or
// `swarmd join` made it so), so init and join answer as Docker answers a node that is in one, and
// leave refuses as Docker refuses (a locked manager; a manager without --force, with Docker's
// quorum warnings) and otherwise points at `swarmd leave`; inspect, update (with the rotation
// flags), the unlock key and unlock map to the Control API. Unlock works on a manager still locked
// at start: its control socket serves Unlock alone until then.
import { swarmOut, swarmSpecIn } from "../convert/swarm.js";
import {
  leaveLockedMessage,
  leaveWithSwarmdMessage,
  managerLeaveRefusal,
  noSwarmMessage,
} from "../convert/swarm-leave.js";
import { clusterTlsInfo } from "../convert/tls-info.js";
import { isGrpcError, lockedErrorCode, swarmErrorCode } from "../convert/grpc-errors.js";
import { HttpError } from "../http-error.js";
import { queryBool, queryObjectVersion } from "./query.js";
import { ignoreVersionEcho, ok, route, type EngineDeps, type Route } from "./route.js";

/** Docker's answer to init or join on a node that is in a swarm. */
export const alreadyInSwarmMessage =
  'This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.';

/** Answers `POST /swarm/leave` as Docker would up to the point where Docker would stop the node. */
async function leave(force: boolean, deps: EngineDeps): Promise<never> {
  const role = deps.local.role();
  if (role === "none") throw new HttpError(503, noSwarmMessage);
  if (role === "manager" && !force) {
    let nodes: Awaited<ReturnType<typeof deps.cluster.control<"listNodes">>>["nodes"] | null = null;
    try {
      nodes = (await deps.cluster.control("listNodes", {})).nodes;
    } catch (error) {
      if (isGrpcError(error) && swarmErrorCode(error) === lockedErrorCode)
        throw new HttpError(503, leaveLockedMessage, { cause: error });
    }
    throw new HttpError(503, managerLeaveRefusal(nodes, deps.local.nodeId()));
  }
  throw new HttpError(503, leaveWithSwarmdMessage);
}

/** gRPC codes the unlock route tells apart. */
const invalidArgument = 3;
const failedPrecondition = 9;

/** The swarm routes. */
export const swarmRoutes: readonly Route[] = [
  route("GET", /^\/swarm$/, true, async (_context, { cluster }) => {
    const { cluster: object } = await cluster.control("getCluster", { clusterId: "default" });
    return ok(swarmOut(object, clusterTlsInfo(object)));
  }),
  route("POST", /^\/swarm\/(init|join)$/, false, (_context, { local }) =>
    Promise.reject(
      new HttpError(
        503,
        local.role() === "none"
          ? "a swarm-ts node is made with `swarmd init` or `swarmd join`, before it serves the Engine API"
          : alreadyInSwarmMessage,
      ),
    ),
  ),
  route("POST", /^\/swarm\/leave$/, false, (context, deps) => leave(queryBool(context.query, "force"), deps)),
  route("POST", /^\/swarm\/update$/, true, async (context, { cluster }) => {
    const version = queryObjectVersion(context.query, "swarm");
    const body = await context.body();
    if (!body) throw new HttpError(400, "the request body must be a swarm spec");
    const { cluster: current } = await cluster.control("getCluster", { clusterId: "default" });
    const spec = swarmSpecIn(ignoreVersionEcho(body), current.spec);
    await cluster.control("updateCluster", {
      clusterId: current.id ?? "",
      clusterVersion: { index: version },
      spec,
      rotation: {
        workerJoinToken: queryBool(context.query, "rotateWorkerToken"),
        managerJoinToken: queryBool(context.query, "rotateManagerToken"),
        managerUnlockKey: queryBool(context.query, "rotateManagerUnlockKey"),
      },
    });
    return { status: 200 };
  }),
  route("GET", /^\/swarm\/unlockkey$/, true, async (_context, { cluster }) => {
    // Empty without autolock: the CLI then says "no unlock key is set", as with Docker.
    const { unlockKey } = await cluster.control("getUnlockKey", {});
    return ok({ UnlockKey: unlockKey });
  }),
  route("POST", /^\/swarm\/unlock$/, true, async (context, { cluster }) => {
    const body = await context.body();
    const key = body?.string("UnlockKey") ?? "";
    body?.finish();
    try {
      await cluster.control("unlock", { unlockKey: key });
    } catch (error) {
      if (isGrpcError(error) && error.code === invalidArgument)
        throw new HttpError(400, `swarm could not be unlocked: invalid key provided (${error.details ?? ""})`, {
          cause: error,
        });
      if (isGrpcError(error) && error.code === failedPrecondition)
        throw new HttpError(409, "swarm is not locked", { cause: error });
      throw error;
    }
    return { status: 200 };
  }),
];
