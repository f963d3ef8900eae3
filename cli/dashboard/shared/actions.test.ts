// Goal: every dashboard action runs the swarmctl command its dialog shows, connection flags go
// before the command words (Docker's global form), and nothing a request body holds can become a flag or a second command.
import test from "ava";
import { ActionError, argvOf, commandLineOf, parseAction, shellQuote } from "./actions.js";
import { bytesText, cpusText, spanText } from "./format.js";

test("actions build the swarmctl command their dialog shows", (t) => {
  const host = ["--host", "10.0.0.2:4242"];
  t.is(commandLineOf({ kind: "scale", service: "web", replicas: 5 }, []), "swarmctl service scale --detach web=5");
  t.deepEqual(argvOf({ kind: "scale", service: "web", replicas: 5 }, host), [
    "--host",
    "10.0.0.2:4242",
    "service",
    "scale",
    "--detach",
    "web=5",
  ]);
  t.is(
    commandLineOf({ kind: "update-image", service: "web", image: " nginx:1.28 " }, []),
    "swarmctl service update --detach --image nginx:1.28 web",
  );
  t.is(commandLineOf({ kind: "rollback", service: "web" }, []), "swarmctl service rollback --detach web");
  t.is(commandLineOf({ kind: "force-update", service: "web" }, []), "swarmctl service update --detach --force web");
  t.is(commandLineOf({ kind: "remove-service", service: "web" }, []), "swarmctl service rm web");
  t.is(
    commandLineOf({ kind: "availability", node: "abc123", availability: "drain" }, ["--host", "unix:///run/x y.sock"]),
    "swarmctl --host 'unix:///run/x y.sock' node update --availability drain abc123",
  );
  t.is(commandLineOf({ kind: "promote", node: "abc123" }, []), "swarmctl node promote abc123");
  t.is(commandLineOf({ kind: "demote", node: "abc123" }, []), "swarmctl node demote abc123");
  t.is(shellQuote("it's"), `'it'\\''s'`);
});

test("parseAction refuses what is not an action, naming the field", (t) => {
  t.deepEqual(parseAction({ kind: "scale", service: "web", replicas: 2 }), {
    kind: "scale",
    service: "web",
    replicas: 2,
  });
  const refused = (value: unknown, field: string): void => {
    const error = t.throws(() => parseAction(value), { instanceOf: ActionError });
    t.is(error?.field, field);
  };
  refused(null, "action");
  refused({ kind: "exec", service: "web" }, "kind");
  refused({ kind: "scale", service: "--host=evil:1", replicas: 1 }, "service");
  refused({ kind: "scale", service: "web", replicas: -1 }, "replicas");
  refused({ kind: "scale", service: "web", replicas: 1.5 }, "replicas");
  refused({ kind: "scale", service: "web", replicas: "3" }, "replicas");
  refused({ kind: "update-image", service: "web", image: "--force" }, "image");
  refused({ kind: "update-image", service: "web", image: "a b" }, "image");
  refused({ kind: "availability", node: "abc", availability: "sideways" }, "availability");
  refused({ kind: "promote", node: "-abc" }, "node");
  refused({ kind: "demote" }, "node");
});

test("numbers and spans read as the page writes them", (t) => {
  t.is(bytesText(512 * 2 ** 20), "512 MiB");
  t.is(bytesText(1.5 * 2 ** 30), "1.5 GiB");
  t.is(cpusText(5e8), "0.5");
  t.is(cpusText(4e9), "4");
  t.is(spanText(65_000), "1 minute");
  t.is(spanText(500), "less than a second");
});
