// Goal: `--format` reads Docker's PascalCase field names, including a spec's embedded annotations
// and Docker's names of fields the API names otherwise, and prints Docker's words for enum fields
// (task and node states, availability, role, reachability, restart condition, update state and
// order, ports, mounts), also where the API left a default out; values that merely spell an enum
// name, and the plain JSON output, are left as they are.
import test from "ava";
import { swarm } from "../../proto/index.js";
import { plain } from "./plain.js";
import { parseTemplate } from "./template.js";

const render = (template: string, value: unknown): string => parseTemplate(template).render(value);

test("templates read Docker's field names over the API's shapes", (t) => {
  const service = { id: "abc", spec: { annotations: { name: "web", labels: { tier: "front" } }, mode: "x" } };
  t.is(parseTemplate("{{.ID}} {{.Spec.Name}} {{json .Spec.Labels}}").render(service), 'abc web {"tier":"front"}');
  t.is(parseTemplate("{{.Spec.Annotations.Name}}").render(service), "web", "today's form still works");
  t.is(parseTemplate("{{.Status.State}}").render({ status: { state: "running" } }), "running");
  t.is(parseTemplate("{{.Spec.Missing}}").render(service), "<no value>");
});

test("templates print Docker's words for a task's enum fields; labels spelling an enum name stay", (t) => {
  const task = plain(swarm.v1.Task, {
    id: "t1",
    status: { state: swarm.v1.TaskState.TASK_STATE_RUNNING, message: "started" },
    desiredState: swarm.v1.TaskState.TASK_STATE_SHUTDOWN,
    spec: {
      restart: { condition: swarm.v1.RestartPolicy.Condition.RESTART_CONDITION_ON_FAILURE },
      container: { image: "process://sleep", env: ["MODE=TASK_STATE_RUNNING"] },
    },
    serviceAnnotations: { name: "web", labels: { state: "TASK_STATE_FAILED" } },
  });
  t.is(render("{{.Status.State}} {{.DesiredState}}", task), "running shutdown");
  t.is(render("{{upper .Status.State}}", task), "RUNNING");
  t.is(render("{{.Spec.RestartPolicy.Condition}} {{.Spec.Restart.Condition}}", task), "on-failure on-failure");
  t.is(render("{{json .Status}}", task), '{"state":"running","message":"started"}');
  t.is(render("{{json .ServiceAnnotations.Labels}}", task), '{"state":"TASK_STATE_FAILED"}');
  t.is(render("{{json .Spec.ContainerSpec.Env}}", task), '["MODE=TASK_STATE_RUNNING"]');
  // The plain JSON of `inspect` keeps the API's names.
  t.regex(JSON.stringify(task), /"state":"TASK_STATE_RUNNING"/);
});

test("templates print Docker's words for a node's enum fields, defaults the API leaves out included", (t) => {
  const worker = plain(swarm.v1.Node, {
    id: "n1",
    spec: { annotations: { name: "w1" } },
    status: { state: swarm.v1.NodeStatus.State.STATE_READY, addr: "10.0.0.2" },
  });
  t.is(render("{{.Spec.Role}} {{.Spec.Availability}} {{.Status.State}}", worker), "worker active ready");
  t.is(
    render("{{json .Spec}}", worker),
    '{"annotations":{"name":"w1"},"desiredRole":"worker","availability":"active"}',
  );
  const manager = plain(swarm.v1.Node, {
    id: "n2",
    spec: {
      desiredRole: swarm.v1.NodeSpec.Role.ROLE_MANAGER,
      availability: swarm.v1.NodeSpec.Availability.AVAILABILITY_DRAIN,
    },
    status: { state: swarm.v1.NodeStatus.State.STATE_DOWN },
    managerStatus: { leader: true, reachability: swarm.v1.ManagerStatus.Reachability.REACHABILITY_UNREACHABLE },
  });
  t.is(
    render("{{.Spec.Role}} {{.Spec.Availability}} {{.Status.State}} {{.ManagerStatus.Reachability}}", manager),
    "manager drain down unreachable",
  );
});

test("templates print Docker's words for a service's update, endpoint and mount enums", (t) => {
  const service = plain(swarm.v1.Service, {
    id: "s1",
    spec: {
      annotations: { name: "web" },
      replicated: { replicas: 2 },
      task: {
        container: {
          image: "process://sleep",
          mounts: [{ type: swarm.v1.Mount.Type.TYPE_TMPFS, target: "/tmp/x" }],
        },
      },
      update: { order: swarm.v1.UpdateConfig.Order.ORDER_START_FIRST },
      endpoint: {
        mode: swarm.v1.EndpointSpec.ResolutionMode.RESOLUTION_MODE_DNSRR,
        ports: [{ protocol: swarm.v1.PortConfig.Protocol.PROTOCOL_UDP, targetPort: 53, publishedPort: 53 }],
      },
    },
    updateStatus: { state: swarm.v1.UpdateStatus.State.UPDATE_STATE_ROLLBACK_STARTED },
  });
  t.is(render("{{.Spec.Mode.Replicated.Replicas}}", service), "2");
  t.is(render("{{.UpdateStatus.State}} {{.Spec.UpdateConfig.Order}}", service), "rollback_started start-first");
  t.is(render("{{.Spec.UpdateConfig.FailureAction}}", service), "pause", "the default, left out by the API");
  t.is(render("{{.Spec.EndpointSpec.Mode}}", service), "dnsrr");
  t.is(
    render("{{json .Spec.EndpointSpec.Ports}}", service),
    '[{"protocol":"udp","targetPort":53,"publishedPort":53,"publishMode":"ingress"}]',
  );
  t.is(render("{{json .Spec.TaskTemplate.ContainerSpec.Mounts}}", service), '[{"type":"tmpfs","target":"/tmp/x"}]');
  const fresh = plain(swarm.v1.Service, { id: "s2", spec: { annotations: { name: "new" } }, updateStatus: {} });
  t.is(render("[{{.UpdateStatus.State}}]", fresh), "[]", "no update has run: Docker prints nothing");
});
