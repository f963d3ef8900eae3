// Goal: the dashboard acts only for the holder of its token, only under its own name, and only
// on JSON writes from its own origin; the listen address and a failed command read as swarmctl's.
import type { IncomingMessage } from "node:http";
import test from "ava";
import { UsageError } from "../../client/usage-error.js";
import { browserOpener, parseListen } from "../../commands/dashboard.js";
import { Access, cookieValue } from "./access.js";
import { errorLine } from "./action-runner.js";
import { hostNamesFor, isLoopback } from "./dashboard-server.js";
import { logRequestOf } from "./logs-stream.js";

const request = (headers: Record<string, string>): IncomingMessage => ({ headers }) as unknown as IncomingMessage;

test("Access admits the token's holder by cookie or bearer token, and no one else", (t) => {
  const access = new Access("tok-123", 4280, hostNamesFor("127.0.0.1"));
  t.true(access.authorized(request({ cookie: "a=b; swarm_dashboard_4280=tok-123" })));
  t.true(access.authorized(request({ authorization: "Bearer tok-123" })));
  t.false(access.authorized(request({ cookie: "swarm_dashboard_4281=tok-123" })), "another port's cookie");
  t.false(access.authorized(request({ cookie: "swarm_dashboard_4280=tok-12" })));
  t.false(access.authorized(request({ authorization: "Bearer nope", cookie: "swarm_dashboard_4280=tok-123" })));
  t.false(access.authorized(request({})));
  t.regex(access.cookieHeader(), /^swarm_dashboard_4280=tok-123; Path=\/; HttpOnly; SameSite=Strict$/);
  t.is(cookieValue(" x=1 ;y=2", "y"), "2");
});

test("Access answers only under its own host names, and takes writes only as same-origin JSON", (t) => {
  const loopback = new Access("t", 4280, hostNamesFor("127.0.0.1"));
  t.true(loopback.hostAllowed(request({ host: "127.0.0.1:4280" })));
  t.true(loopback.hostAllowed(request({ host: "localhost:4280" })));
  t.false(loopback.hostAllowed(request({ host: "evil.example:4280" })), "a rebound DNS name");
  t.false(loopback.hostAllowed(request({ host: "127.0.0.1:80" })));
  t.false(loopback.hostAllowed(request({})));
  const v6 = new Access("t", 9, hostNamesFor("::1"));
  t.true(v6.hostAllowed(request({ host: "[::1]:9" })));
  t.true(new Access("t", 9, hostNamesFor("0.0.0.0")).hostAllowed(request({ host: "10.0.0.5:9" })));

  const json = { host: "127.0.0.1:4280", "content-type": "application/json" };
  t.true(loopback.writeAllowed(request(json)));
  t.true(loopback.writeAllowed(request({ ...json, origin: "http://127.0.0.1:4280" })));
  t.false(loopback.writeAllowed(request({ ...json, origin: "http://evil.example" })));
  t.false(loopback.writeAllowed(request({ ...json, "content-type": "text/plain" })), "what a cross-site form sends");
});

test("listen addresses parse as swarmctl's flags do, and only loopback ones count as loopback", (t) => {
  t.deepEqual(parseListen("127.0.0.1:4280"), { host: "127.0.0.1", port: 4280 });
  t.deepEqual(parseListen("[::1]:0"), { host: "::1", port: 0 });
  t.deepEqual(parseListen("localhost:8080"), { host: "localhost", port: 8080 });
  t.throws(() => parseListen("127.0.0.1"), { instanceOf: UsageError });
  t.throws(() => parseListen("127.0.0.1:70000"), { instanceOf: UsageError });
  t.true(isLoopback("127.64.3.1"));
  t.true(isLoopback("::1"));
  t.false(isLoopback("0.0.0.0"));
  t.false(isLoopback("10.0.0.5"));
  t.is(browserOpener("linux").command, "xdg-open");
});

test("a failed command reads as the one line swarmctl printed", (t) => {
  const failed = Object.assign(new Error("Command failed"), { code: 1 });
  t.is(errorLine("Error: no such service: web\n", failed), "no such service: web");
  t.is(errorLine("", failed), "the command exited with code 1");
  t.regex(errorLine("", Object.assign(new Error("x"), { killed: true })), /did not finish within 60 s/);
});

test("log requests take a service, tail, follow and since, and name what is wrong", (t) => {
  t.deepEqual(logRequestOf(new URLSearchParams("service=abc&tail=all&follow=1&since=10m")), {
    serviceId: "abc",
    taskId: "",
    follow: true,
    tail: -1,
    since: "10m",
  });
  t.throws(() => logRequestOf(new URLSearchParams("")), { message: /^service:/ });
  t.throws(() => logRequestOf(new URLSearchParams("service=a&tail=99999999")), { message: /^tail:/ });
  t.throws(() => logRequestOf(new URLSearchParams("service=a&since=yesterday")), { message: /--since/ });
});
