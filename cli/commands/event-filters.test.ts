// Goal: `events --filter` takes Docker's keys; one key's values are alternatives, keys all apply.
import test from "ava";
import { UsageError } from "../client/usage-error.js";
import { eventMatches, parseEventFilters, watchedKinds, type FilterableEvent } from "./event-filters.js";

const serviceId = "s".repeat(25);
const nodeId = "n".repeat(25);
const task: FilterableEvent = {
  type: "task",
  action: "update",
  id: "t".repeat(25),
  name: "",
  object: { serviceId, serviceAnnotations: { name: "web" }, nodeId },
};
const service: FilterableEvent = {
  type: "service",
  action: "create",
  id: serviceId,
  name: "web",
  object: { spec: { annotations: { name: "web", labels: { tier: "front" } } } },
};
const node: FilterableEvent = {
  type: "node",
  action: "update",
  id: nodeId,
  name: "",
  object: { description: { hostname: "worker-1" } },
};

test("events filters match type, event, service, node, scope and label as Docker's", (t) => {
  const match = (event: FilterableEvent, ...values: string[]): boolean =>
    eventMatches(event, parseEventFilters(values));
  t.true(match(task, "service=web"));
  t.true(match(task, "service=sss"), "an id prefix");
  t.true(match(service, "service=web", "event=create"));
  t.false(match(service, "service=web", "event=update"));
  t.true(match(service, "event=update", "event=create"), "values of one key are alternatives");
  t.true(match(node, "node=worker-1"));
  t.true(match(task, "node=worker-1") === false && match(task, `node=${nodeId}`));
  t.false(match(node, "service=web"));
  t.true(match(service, "label=tier"));
  t.true(match(service, "label=tier=front"));
  t.false(match(service, "label=tier=back"));
  t.true(match(service, "scope=swarm"));
  t.false(match(service, "scope=local"));
  t.true(match(task, "type=task", "type=node"));
  t.false(match(task, "type=service"));
  t.deepEqual(watchedKinds(parseEventFilters(["type=node", "type=task"])), ["node", "task"]);
  t.is(watchedKinds(parseEventFilters([])).length, 7);
});

test("events filters refuse unknown keys and values naming the flag", (t) => {
  for (const bad of ["colour=red", "type=volume", "event=die", "scope=global"])
    t.is(t.throws(() => parseEventFilters([bad]), { instanceOf: UsageError })?.flag, "--filter", bad);
});
