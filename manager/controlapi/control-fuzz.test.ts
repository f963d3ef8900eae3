// Goal: whatever malformed request a client sends, every Control method answers with a clean gRPC
// status (OK or a refusal that says why: never UNKNOWN or INTERNAL, never a crash or a hang), and
// a refused call never changes the store. 10,000 generated cases per run, from a seed printed at the
// start; a failing case prints its own seed and the command that replays it:
//   FUZZ_SEED=<seed> FUZZ_CASES=1 npx ava manager/controlapi/control-fuzz.test.ts
import { randomInt } from "node:crypto";
import * as grpc from "@grpc/grpc-js";
import test from "ava";
import type protobuf from "protobufjs";
import { mulberry32 } from "../../common/index.js";
import { ControlClient, controlService } from "../../proto/index.js";
import { CallAdmission } from "../call-admission.js";
import { controlRequestBytesMax, managerPortPolicies } from "../port-policies.js";
import { type ControlAnswer, type ControlHarness, fullRequest, startControlHarness } from "./control-harness.js";
import { fieldPaths, reflectedRoot, setValueAt } from "./proto-walk.js";
import { mutateRequest } from "./request-fuzzer.js";
import type { ControlMethod } from "./validate-requests.js";

/** Cases per run (FUZZ_CASES overrides). */
const casesTotal = Number(process.env.FUZZ_CASES ?? 10_000);
/** Cases against one store, before a fresh one is made (keeps objects created by accepted cases few). */
const casesPerStore = 1_000;
/** Longest a call may take before it counts as a hang. */
const callMsMax = 5_000;
/**
 * The same bound over a real connection, where client and server share this process and a loaded
 * CI machine: a CI run once saw a 5 s deadline fire after 18.5 s, the process starved as a whole.
 * A hang never answers at all, so a longer bound still finds one.
 */
const wireCallMsMax = 60_000;

/** Statuses that say what happened; UNKNOWN and INTERNAL mean an error escaped the checks. */
const cleanStatuses: ReadonlySet<grpc.status> = new Set([
  grpc.status.OK,
  grpc.status.INVALID_ARGUMENT,
  grpc.status.NOT_FOUND,
  grpc.status.ALREADY_EXISTS,
  grpc.status.FAILED_PRECONDITION,
]);

/** Methods fuzzed: every one the Control API serves, writes weighted up (they could damage the store). */
const methods: ControlMethod[] = [
  ...(Object.keys(controlService) as ControlMethod[]).filter(
    (m) => m !== "issueOperatorCertificate" && m !== "backupCluster",
  ),
  ...(["createService", "updateService", "createNetwork", "updateNode", "createSecret", "createConfig"] as const),
  ...(["createService", "updateService", "updateSecret", "updateConfig", "updateCluster", "removeNode"] as const),
];

type Definition = { path: string };

function requestTypes(): Map<ControlMethod, protobuf.Type> {
  const service = reflectedRoot().lookupService("swarm.v1.Control");
  const types = new Map<ControlMethod, protobuf.Type>();
  for (const [method, definition] of Object.entries(controlService as unknown as Record<string, Definition>)) {
    const rpc = service.methods[definition.path.split("/").pop()!]!.resolve() as protobuf.Method;
    types.set(method as ControlMethod, rpc.resolvedRequestType!);
  }
  return types;
}

function withDeadline(answer: Promise<ControlAnswer>): Promise<ControlAnswer | "hang"> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<"hang">((resolve) => (timer = setTimeout(() => resolve("hang"), callMsMax)));
  return Promise.race([answer, hang]).finally(() => clearTimeout(timer));
}

// Serial: each test is a long run of calls on this process's one event loop; side by side, each
// would take the other's time from its deadlines.
test.serial(
  "Control answers every malformed request with a clean status and changes nothing when it refuses",
  async (t) => {
    t.timeout(600_000);
    const baseSeed = Number(process.env.FUZZ_SEED ?? randomInt(2 ** 31));
    t.log(`fuzz seed ${baseSeed}, ${casesTotal} cases`);
    const types = requestTypes();
    let h: ControlHarness | null = null;
    let commits = 0;
    const counts = new Map<string, number>();
    const failures: string[] = [];
    // An error that escapes a handler's callback surfaces here (on a real manager it would end the
    // process); it is charged to the case running when it appears.
    let current = "";
    const escaped = (error: unknown): void => void failures.push(`an error escaped: ${String(error)}; ${current}`);
    process.on("unhandledRejection", escaped);
    t.teardown(() => process.off("unhandledRejection", escaped));
    for (let i = 0; i < casesTotal && failures.length < 10; i++) {
      if (i % casesPerStore === 0) {
        h = await startControlHarness();
        h.store.watch(() => commits++);
      }
      const harness = h!;
      const seed = (baseSeed + i) >>> 0;
      const random = mulberry32(seed);
      const method = methods[Math.floor(random() * methods.length)]!;
      const request = mutateRequest(random, types.get(method)!, fullRequest(harness, method, `f${seed}`));
      const replay = `seed ${seed} (replay: FUZZ_SEED=${seed} FUZZ_CASES=1 npx ava manager/controlapi/control-fuzz.test.ts)`;
      current = replay;
      const commitsBefore = commits;
      let answer: ControlAnswer | "hang";
      try {
        answer = await withDeadline(harness.call(method, request));
      } catch (error) {
        failures.push(`${method} threw ${String(error)}; ${replay}`);
        continue;
      }
      if (answer === "hang") {
        failures.push(`${method} did not answer within ${callMsMax} ms; ${replay}`);
        continue;
      }
      const name = grpc.status[answer.code] ?? String(answer.code);
      counts.set(`${method} ${name}`, (counts.get(`${method} ${name}`) ?? 0) + 1);
      if (!cleanStatuses.has(answer.code)) failures.push(`${method} answered ${name} (${answer.details}); ${replay}`);
      else if (answer.code !== grpc.status.OK && commits !== commitsBefore)
        failures.push(`${method} answered ${name} but the store changed; ${replay}`);
      else if (answer.code === grpc.status.INVALID_ARGUMENT && !answer.field)
        failures.push(`${method} answered INVALID_ARGUMENT naming no field (${answer.details}); ${replay}`);
    }
    t.log(
      [...counts]
        .sort()
        .map(([k, n]) => `${k}: ${n}`)
        .join(", "),
    );
    t.deepEqual(failures, [], failures.join("\n"));
    // The generator must reach both sides: refusals of every kind, and accepted writes.
    t.true((counts.get("createService OK") ?? 0) > 0 || casesTotal < 1000, "no generated service was valid");
    t.true((counts.get("createService INVALID_ARGUMENT") ?? 0) > 0 || casesTotal < 1000);
  },
);

/** Cases sent over a real gRPC connection (FUZZ_WIRE_CASES overrides): slower, so fewer. */
const wireCasesTotal = Number(process.env.FUZZ_WIRE_CASES ?? 300);

test.serial(
  "over a real gRPC connection, malformed requests get clean statuses, oversized ones RESOURCE_EXHAUSTED",
  async (t) => {
    t.timeout(300_000);
    const baseSeed = Number(process.env.FUZZ_SEED ?? randomInt(2 ** 31));
    t.log(`wire fuzz seed ${baseSeed}, ${wireCasesTotal} cases`);
    const types = requestTypes();
    const h = await startControlHarness();
    let commits = 0;
    h.store.watch(() => commits++);
    // The manager port's own limits and admission (without TLS: no certificates to check).
    const admission = new CallAdmission({ services: managerPortPolicies() });
    const server = new grpc.Server({
      "grpc.max_receive_message_length": 64 * 1024 * 1024,
      interceptors: [admission.interceptor],
    });
    server.addService(controlService, h.handlers);
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
    );
    const client = new ControlClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      "grpc.max_send_message_length": -1,
    });
    t.teardown(() => {
      client.close();
      server.forceShutdown();
    });
    const definitions = controlService as unknown as Record<string, { requestSerialize(m: unknown): Buffer }>;
    const unary = client as unknown as Record<
      string,
      (req: unknown, md: grpc.Metadata, options: grpc.CallOptions, cb: (e: grpc.ServiceError | null) => void) => void
    >;
    const failures: string[] = [];
    let oversizedCases = 0;
    for (let i = 0; i < wireCasesTotal && failures.length < 10; i++) {
      const seed = (baseSeed + i) >>> 0;
      const random = mulberry32(seed);
      const method = methods[Math.floor(random() * methods.length)]!;
      const type = types.get(method)!;
      const request = mutateRequest(random, type, fullRequest(h, method, `w${seed}`));
      // One in ten is also made larger than any valid request.
      const strings = fieldPaths(type).filter((p) => p.field.type === "string" && !p.field.repeated && !p.field.map);
      if (random() < 0.1 && strings.length > 0)
        setValueAt(request, strings[Math.floor(random() * strings.length)]!.steps, "x".repeat(2 * 1024 * 1024));
      const bytes = definitions[method]!.requestSerialize(request).length;
      const commitsBefore = commits;
      const error = await new Promise<grpc.ServiceError | null>((resolve) =>
        unary[method]!.call(client, request, new grpc.Metadata(), { deadline: Date.now() + wireCallMsMax }, resolve),
      );
      const code = error?.code ?? grpc.status.OK;
      const replay = `seed ${seed} (replay: FUZZ_SEED=${seed} FUZZ_WIRE_CASES=1 npx ava manager/controlapi/control-fuzz.test.ts)`;
      const oversized = bytes > controlRequestBytesMax;
      if (oversized) oversizedCases++;
      if (oversized && code !== grpc.status.RESOURCE_EXHAUSTED)
        failures.push(`${method} of ${bytes} bytes answered ${grpc.status[code]}, not RESOURCE_EXHAUSTED; ${replay}`);
      else if (!oversized && !cleanStatuses.has(code))
        failures.push(`${method} answered ${grpc.status[code]} (${error?.details ?? ""}); ${replay}`);
      else if (code !== grpc.status.OK && commits !== commitsBefore)
        failures.push(`${method} answered ${grpc.status[code]} but the store changed; ${replay}`);
    }
    t.log(`${oversizedCases} requests over Control's limit`);
    t.deepEqual(failures, [], failures.join("\n"));
  },
);
