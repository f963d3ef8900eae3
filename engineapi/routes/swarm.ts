// The swarm routes. A swarmd started without a swarm (`swarmd run --engine-api …` on an empty
// state directory) makes its node on init or join and erases it on leave, as dockerd does; one
// started as a node of a swarm (`swarmd init` / `swarmd join`) answers init and join as Docker
// answers a node that is in one. Leave refuses as Docker refuses (a locked manager; a manager
// without --force, with Docker's quorum warnings). Inspect, update (with the rotation flags), the
// unlock key and unlock map to the Control API; unlock works on a manager still locked at start:
// its control socket serves Unlock alone until then.
import { swarmOut, swarmSpecIn } from "../convert/swarm.js";
import { initSpecOverlay, swarmInitIn, swarmJoinIn } from "../convert/swarm-membership.js";
import { JsonObject } from "../convert/json-reader.js";
import { nodeAvailabilities } from "../convert/enums.js";
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
import { ignoreVersionEcho, ok, route, type EngineDeps, type Route, type SwarmMembership } from "./route.js";

/** Docker's answer to init or join on a node that is in a swarm. */
export const alreadyInSwarmMessage =
  'This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.';

/** Answers `POST /swarm/leave` as Docker would, leaving through the daemon when it can. */
async function leave(force: boolean, deps: EngineDeps): Promise<{ status: number }> {
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
  if (!deps.membership) throw new HttpError(503, leaveWithSwarmdMessage);
  await deps.membership.leave(force);
  return { status: 200 };
}

/** The daemon's membership, when the node is in no swarm yet; Docker's refusal otherwise. */
function membershipFor(deps: EngineDeps): SwarmMembership {
  if (deps.local.role() !== "none") throw new HttpError(503, alreadyInSwarmMessage);
  if (!deps.membership)
    throw new HttpError(
      503,
      "a swarm-ts node is made with `swarmd init` or `swarmd join`, before it serves the Engine API",
    );
  return deps.membership;
}

/** `POST /swarm/init`: the node becomes the first manager, then the operator's spec is laid over the cluster's. */
async function init(body: JsonObject | null, deps: EngineDeps): Promise<string> {
  const { request, spec } = swarmInitIn(body ?? JsonObject.orEmpty("", {}));
  const membership = membershipFor(deps);
  // Checked against an empty cluster before the node exists, so a bad spec changes nothing.
  const checked = initSpecOverlay(spec, {});
  if (checked) swarmSpecIn(JsonObject.orEmpty("Spec", checked), null);
  const nodeId = await membership.init(request);
  // The first manager starts active; `--availability` then applies as `docker node update` would.
  if (request.availability !== "" && request.availability !== "active") {
    const { node } = await deps.cluster.control("getNode", { nodeId });
    await deps.cluster.control("updateNode", {
      nodeId,
      nodeVersion: node.meta?.version ?? {},
      spec: { ...node.spec, availability: nodeAvailabilities.parse("Availability", request.availability) },
    });
  }
  const { cluster: current } = await deps.cluster.control("getCluster", { clusterId: "default" });
  const shown = swarmOut(current, clusterTlsInfo(current));
  const merged = initSpecOverlay(spec, (shown as { Spec?: Record<string, unknown> }).Spec ?? {});
  if (merged)
    await deps.cluster.control("updateCluster", {
      clusterId: current.id ?? "",
      clusterVersion: current.meta?.version ?? {},
      spec: swarmSpecIn(JsonObject.orEmpty("Spec", merged), current.spec),
    });
  return nodeId;
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
  route("POST", /^\/swarm\/init$/, false, async (context, deps) => ok(await init(await context.body(), deps))),
  route("POST", /^\/swarm\/join$/, false, async (context, deps) => {
    const request = swarmJoinIn((await context.body()) ?? JsonObject.orEmpty("", {}));
    await membershipFor(deps).join(request);
    return { status: 200 };
  }),
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
