// Unit conversions and the small parsers behind the stack loader.
import test from "ava";
import { interpolateString, InterpolationProblem } from "./interpolate.js";
import { parseShortPort, parseShortVolume, splitShellWords, SyntaxProblem } from "./short-syntax.js";
import {
  parseBoolean,
  parseBytes,
  parseDurationNs,
  parseFileMode,
  parseInteger,
  parseNanoCpus,
  UnitProblem,
} from "./units.js";

test("parseDurationNs reads Go durations", (t) => {
  t.is(parseDurationNs("1m30s"), 90e9);
  t.is(parseDurationNs("10s"), 10e9);
  t.is(parseDurationNs("500ms"), 500e6);
  t.is(parseDurationNs("1.5h"), 5400e9);
  t.is(parseDurationNs("2us"), 2000);
  t.is(parseDurationNs("0"), 0);
  for (const bad of ["10", "", "1x", "s", "10 s", "-1s"])
    t.throws(() => parseDurationNs(bad), { instanceOf: UnitProblem }, bad);
});

test("parseBytes reads sizes in binary multiples", (t) => {
  t.is(parseBytes("64M"), 64 * 1024 ** 2);
  t.is(parseBytes("1g"), 1024 ** 3);
  t.is(parseBytes("512k"), 512 * 1024);
  t.is(parseBytes("1.5GiB"), 1.5 * 1024 ** 3);
  t.is(parseBytes("100"), 100);
  t.is(parseBytes(4096), 4096);
  for (const bad of ["64X", "M", "-1", 1.5]) t.throws(() => parseBytes(bad), { instanceOf: UnitProblem });
});

test("parseNanoCpus, parseInteger, parseBoolean and parseFileMode convert interpolated strings too", (t) => {
  t.is(parseNanoCpus("0.5"), 5e8);
  t.is(parseNanoCpus(2), 2e9);
  t.is(parseNanoCpus("0.001"), 1e6);
  t.throws(() => parseNanoCpus("half"), { instanceOf: UnitProblem });
  t.is(parseInteger("3"), 3);
  t.throws(() => parseInteger("three"), { instanceOf: UnitProblem, message: "must be integer" });
  t.throws(() => parseInteger(1.5), { instanceOf: UnitProblem });
  t.throws(() => parseInteger(-1), { instanceOf: UnitProblem });
  t.true(parseBoolean("true"));
  t.false(parseBoolean("False"));
  t.throws(() => parseBoolean("maybe"), { instanceOf: UnitProblem });
  t.is(parseFileMode("0440"), 0o440);
  t.is(parseFileMode(0o400), 0o400);
  t.throws(() => parseFileMode("0999"), { instanceOf: UnitProblem });
});

test("interpolateString substitutes as Compose does", (t) => {
  const env: Record<string, string> = { A: "a", EMPTY: "" };
  const lookup = (name: string): string | undefined => env[name];
  const unset: string[] = [];
  const run = (text: string): string => interpolateString(text, lookup, (name) => unset.push(name));
  t.is(run("$A-${A}"), "a-a");
  t.is(run("${EMPTY:-d} ${EMPTY-d} ${NONE-d} ${NONE:-d}"), "d  d d");
  t.is(run("${A:+alt} ${EMPTY:+alt} ${EMPTY+alt}"), "alt  alt");
  t.is(run("${NONE:-${A}x}"), "ax");
  t.is(run("$$A costs $$5 and $ alone"), "$A costs $5 and $ alone");
  t.is(run("${NONE}"), "");
  t.deepEqual(unset, ["NONE"]);
  t.throws(() => run("${EMPTY:?must be set}"), { instanceOf: InterpolationProblem, message: /EMPTY.*must be set/ });
  t.notThrows(() => run("${EMPTY?only if unset}"));
  t.throws(() => run("${NONE?}"), { instanceOf: InterpolationProblem });
  t.throws(() => run("${A"), { instanceOf: InterpolationProblem });
  t.throws(() => run("${A B}"), { instanceOf: InterpolationProblem });
});

test("parseShortPort expands ranges and reads protocol and host address", (t) => {
  t.deepEqual(parseShortPort("8080:80"), [{ target: 80, published: 8080, mode: "ingress" }]);
  t.deepEqual(parseShortPort(80), [{ target: 80, mode: "ingress" }]);
  t.deepEqual(parseShortPort("127.0.0.1:53:53/udp"), [
    { target: 53, published: 53, protocol: "udp", mode: "ingress", host_ip: "127.0.0.1" },
  ]);
  t.deepEqual(parseShortPort("[::1]:81:80"), [{ target: 80, published: 81, mode: "ingress", host_ip: "::1" }]);
  t.is(parseShortPort("3000-3002").length, 3);
  t.throws(() => parseShortPort("9000-9002:80-81"), { instanceOf: SyntaxProblem });
  t.throws(() => parseShortPort("http"), { instanceOf: SyntaxProblem });
});

test("parseShortVolume tells bind mounts from named volumes and reads options", (t) => {
  t.deepEqual(parseShortVolume("./data:/data:ro"), {
    type: "bind",
    source: "./data",
    target: "/data",
    read_only: true,
  });
  t.deepEqual(parseShortVolume("db:/db:nocopy"), {
    type: "volume",
    source: "db",
    target: "/db",
    volume: { nocopy: true },
  });
  t.deepEqual(parseShortVolume("/cache"), { type: "volume", target: "/cache" });
  t.throws(() => parseShortVolume("db:/db:fast"), { instanceOf: SyntaxProblem });
});

test("splitShellWords splits a command string like a shell, without expansion", (t) => {
  t.deepEqual(splitShellWords(`sh -c 'echo "hi"; exit 1'`), ["sh", "-c", 'echo "hi"; exit 1']);
  t.deepEqual(splitShellWords(`a\\ b "c \\"d\\"" ''`), ["a b", 'c "d"', ""]);
  t.throws(() => splitShellWords(`echo "open`), { instanceOf: SyntaxProblem });
});
