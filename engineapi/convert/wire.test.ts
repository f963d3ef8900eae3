// Goal: the small wire rules the docker CLI depends on: API version prefixes and their refusals,
// filters in both of Docker's encodings, gRPC statuses as Docker's HTTP statuses and words, Go's
// time format, the multiplexed log framing with its details, and the strict JSON reader.
import test from "ava";
import { swarm } from "../../proto/index.js";
import { splitVersionPrefix } from "../api-version.js";
import { HttpError, UnsupportedFieldError } from "../http-error.js";
import { filterValues, matchLabels, parseFilters } from "./filters.js";
import { dockerFieldPath, httpErrorOf, lockedSwarmMessage } from "./grpc-errors.js";
import { isEmptyJson, JsonObject } from "./json-reader.js";
import { formatTime, formatTimeFixed, goZeroTime, parseUnixTime } from "./json-time.js";
import { encodeLogMessage, logDetails, queryEscape } from "./log-frame.js";

test("version prefixes: unversioned is the maximum, 1.40-1.44 served, others refused with Docker's words", (t) => {
  t.deepEqual(splitVersionPrefix("/services"), { version: 1044, path: "/services" });
  t.deepEqual(splitVersionPrefix("/v1.41/services/x"), { version: 1041, path: "/services/x" });
  t.deepEqual(splitVersionPrefix("/v1.44/_ping"), { version: 1044, path: "/_ping" });
  const old = t.throws(() => splitVersionPrefix("/v1.24/info"), { instanceOf: HttpError });
  t.is(old?.status, 400);
  t.regex(old?.message ?? "", /client version 1\.24 is too old\. Minimum supported API version is 1\.40/);
  t.regex(
    t.throws(() => splitVersionPrefix("/v1.50/info"))?.message ?? "",
    /too new\. Maximum supported API version is 1\.44/,
  );
});

test("filters parse both encodings, widen within a key and refuse unknown keys", (t) => {
  const modern = parseFilters('{"label":{"a=1":true,"b":true},"name":{"web":true}}', ["label", "name"]);
  t.deepEqual(filterValues(modern, "label"), ["a=1", "b"]);
  t.deepEqual(filterValues(parseFilters('{"name":["web","api"]}', ["name"]), "name"), ["web", "api"]);
  t.is(parseFilters(null, ["x"]).size, 0);
  t.regex(
    t.throws(() => parseFilters('{"colour":{"red":true}}', ["name"]))?.message ?? "",
    /^invalid filter 'colour'$/,
  );
  t.is(t.throws(() => parseFilters("{nope", ["name"]), { instanceOf: HttpError })?.status, 400);
  t.true(matchLabels(["a=1", "b"], { a: "1", b: "" }));
  t.false(matchLabels(["a=2"], { a: "1" }));
  t.false(matchLabels(["c"], { a: "1" }));
});

function grpcError(code: number, details: string, errorCode = ""): Error {
  return Object.assign(new Error(details), {
    code,
    details,
    metadata: { get: (key: string) => (key === "swarm-error-code" && errorCode ? [errorCode] : []) },
  });
}

test("gRPC statuses become Docker's HTTP statuses and messages", (t) => {
  t.is(httpErrorOf(grpcError(5, "service web not found")).status, 404);
  t.is(httpErrorOf(grpcError(6, 'a service named "web" already exists')).status, 409);
  t.is(httpErrorOf(grpcError(7, "denied")).status, 403);
  t.is(httpErrorOf(grpcError(14, "no leader")).status, 503);
  t.is(httpErrorOf(grpcError(12, "nope")).status, 501);
  t.is(httpErrorOf(grpcError(13, "boom")).status, 500);
  const stale = httpErrorOf(grpcError(9, "update of service x is out of sequence: read version 3, current 4"));
  t.is(stale.status, 500);
  t.regex(stale.message, /^update out of sequence/);
  t.is(httpErrorOf(grpcError(9, "secret s is in use by service web")).status, 400);
  const locked = httpErrorOf(grpcError(9, "this manager is locked", "MANAGER_LOCKED"));
  t.is(locked.status, 503);
  t.is(locked.message, lockedSwarmMessage);
  const invalid = httpErrorOf(grpcError(3, "spec.task.container.secrets[0].secretId: secret x not found"));
  t.is(invalid.status, 400);
  t.is(invalid.message, "TaskTemplate.ContainerSpec.Secrets[0].SecretID: secret x not found");
  t.is(dockerFieldPath("spec.annotations.name"), "Name");
  t.is(dockerFieldPath("spec.replicated.replicas"), "Mode.Replicated.Replicas");
  t.is(dockerFieldPath("spec.caConfig.externalCas[0].caCertPem"), "CAConfig.ExternalCAs[0].CACert");
});

test("times are written as Go writes them", (t) => {
  t.is(formatTime({ seconds: 1_700_000_000, nanos: 120_000_000 }), "2023-11-14T22:13:20.12Z");
  t.is(formatTime({ seconds: 1_700_000_000, nanos: 0 }), "2023-11-14T22:13:20Z");
  t.is(formatTime(null), goZeroTime);
  t.is(formatTimeFixed({ seconds: 1_700_000_000, nanos: 5 }), "2023-11-14T22:13:20.000000005Z");
  t.deepEqual(parseUnixTime("1700000000.5"), { seconds: 1_700_000_000, nanos: 500_000_000 });
  t.is(parseUnixTime("10m"), null);
});

test("log lines are stdcopy frames with sorted, escaped details and a fixed-width timestamp", (t) => {
  const message: swarm.v1.LogMessage.$Properties = {
    context: { serviceId: "svc", nodeId: "node", taskId: "task" },
    timestamp: { seconds: 1_700_000_000, nanos: 1 },
    stream: swarm.v1.LogStream.LOG_STREAM_STDERR,
    data: new TextEncoder().encode("hello\n"),
  };
  t.is(
    logDetails(message.context),
    "com.docker.swarm.node.id=node,com.docker.swarm.service.id=svc,com.docker.swarm.task.id=task",
  );
  const framed = encodeLogMessage(message, { timestamps: true, details: true, tty: false });
  t.is(framed[0], 2);
  t.is(framed.readUInt32BE(4), framed.length - 8);
  t.is(
    framed.subarray(8).toString(),
    "2023-11-14T22:13:20.000000001Z com.docker.swarm.node.id=node,com.docker.swarm.service.id=svc,com.docker.swarm.task.id=task hello\n",
  );
  t.is(encodeLogMessage(message, { timestamps: false, details: false, tty: true }).toString(), "hello\n");
  t.is(queryEscape("a b/c"), "a+b%2Fc");
});

test("the JSON reader accepts empty values for anything and refuses unread ones by path", (t) => {
  t.true(isEmptyJson({ a: null, b: { c: [] }, d: false, e: 0, f: "" }));
  t.false(isEmptyJson({ a: { b: 1 } }));
  const o = JsonObject.orEmpty("Spec", { Name: "x", Extra: null, Other: { Deep: 1 } });
  t.is(o.string("name"), "x");
  const error = t.throws(() => o.finish(), { instanceOf: UnsupportedFieldError });
  t.regex(error?.message ?? "", /^Spec\.Other: not supported by swarm-ts/);
  t.regex(t.throws(() => JsonObject.orEmpty("", { N: "x" }).int("N"))?.message ?? "", /^N: must be an integer/);
  t.deepEqual([...JsonObject.orEmpty("", { D: "aGk=" }).bytes("D")], [104, 105]);
});
