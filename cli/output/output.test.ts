// Goal: tables, templates, argv splitting, error lines and progress follow Docker's conventions.
import test from "ava";
import { swarm } from "../../proto/index.js";
import { UsageError } from "../client/usage-error.js";
import { describeError } from "../commands/exit-codes.js";
import { splitAtFirstPositional } from "../commands/split-argv.js";
import { progressOf } from "../progress/progress-model.js";
import { progressLines } from "../progress/render-progress.js";
import { formatList } from "./print.js";
import { renderTable } from "./table.js";
import { parseTemplate } from "./template.js";
import { humanDuration } from "./time-ago.js";

test("tables pad columns by three spaces and templates look fields up ignoring case", (t) => {
  t.is(renderTable(["ID", "NAME"], [["a", "web"]]), "ID   NAME\na    web\n");
  t.is(
    parseTemplate("{{.ID}}\\t{{upper .Name}} {{json .Spec}} {{.Missing}}").render({
      id: "x",
      name: "web",
      spec: { a: 1 },
    }),
    'x\tWEB {"a":1} <no value>',
  );
  t.is(parseTemplate("table {{.ID}} {{.Name}}").header, "ID NAME");
  t.throws(() => parseTemplate("{{range .}}"), { instanceOf: UsageError });
  t.is(formatList({ quiet: true }, { columns: ["ID"], rows: [{ ID: "a" }, { ID: "b" }] }), "a\nb\n");
  t.is(humanDuration(5_000), "5 seconds");
  t.is(humanDuration(65_000), "About a minute");
});

test("argv splitting keeps the container's command intact after the image", (t) => {
  const flags = {
    name: { type: "option" as const },
    detach: { type: "boolean" as const, char: "d" },
    env: { type: "option" as const, char: "e" },
  };
  t.deepEqual(splitAtFirstPositional(["--name", "x", "-e", "A=1", "-d", "busybox", "ls", "-l"], flags), {
    flags: ["--name", "x", "-e", "A=1", "-d"],
    positionals: ["busybox", "ls", "-l"],
  });
  // A flag of swarmctl's after the image is the command's: `sh -e -c …` keeps its -e.
  t.deepEqual(splitAtFirstPositional(["-e", "A=1", "img", "sh", "-e", "-c", "echo hi"], flags), {
    flags: ["-e", "A=1"],
    positionals: ["img", "sh", "-e", "-c", "echo hi"],
  });
  t.deepEqual(splitAtFirstPositional(["--name=x", "busybox"], flags), {
    flags: ["--name=x"],
    positionals: ["busybox"],
  });
  t.deepEqual(splitAtFirstPositional(["-d", "--", "-img"], flags), { flags: ["-d"], positionals: ["-img"] });
});

test("errors become one line and an exit code: usage 2, failures 1", (t) => {
  t.deepEqual(describeError(new UsageError("--x", "bad")), { line: "--x: bad", code: 2 });
  const grpc = Object.assign(new Error("3 INVALID_ARGUMENT: spec.name: is required"), {
    code: 3,
    details: "spec.name: is required",
  });
  t.deepEqual(describeError(grpc), { line: "spec.name: is required", code: 1 });
  const parse = Object.assign(new Error("Parsing --replicas\n\tExpected an integer\nSee more help with --help"), {
    oclif: { exit: 2 },
  });
  t.deepEqual(describeError(parse), { line: "Parsing --replicas: Expected an integer", code: 2 });
});

test("progress counts converged slots, shows task errors and gives up on repeated failures", (t) => {
  const S = swarm.v1.TaskState;
  const taskSpec = { container: { image: "busybox" } };
  const service = { id: "s", spec: { annotations: { name: "web" }, task: taskSpec, replicated: { replicas: 2 } } };
  const task = (id: string, slot: number, state: swarm.v1.TaskState, err = "") => ({
    id,
    slot,
    spec: taskSpec,
    desiredState: S.TASK_STATE_RUNNING,
    status: { state, err },
    meta: { createdAt: { seconds: 100 } },
  });
  const half = progressOf({
    service,
    tasks: [task("a", 1, S.TASK_STATE_RUNNING), task("b", 2, S.TASK_STATE_PREPARING)],
    goal: "create",
    sinceMs: 0,
  });
  t.is(half.done, 1);
  t.false(half.converged);
  t.is(progressLines(half)[0], "overall progress: 1 out of 2 tasks");
  t.true(
    progressOf({
      service,
      tasks: [task("a", 1, S.TASK_STATE_RUNNING), task("b", 2, S.TASK_STATE_RUNNING)],
      goal: "create",
      sinceMs: 0,
    }).converged,
  );
  const failing = [
    task("a", 1, S.TASK_STATE_RUNNING),
    ...["x", "y", "z"].map((id) => ({
      ...task(id, 2, S.TASK_STATE_FAILED, "exit 1"),
      desiredState: S.TASK_STATE_SHUTDOWN,
    })),
  ];
  const failed = progressOf({ service, tasks: failing, goal: "create", sinceMs: 0 });
  t.regex(failed.failure ?? "", /3 tasks failed; the last: exit 1/);
  t.regex(progressLines(failed)[2] ?? "", /^2\/2: failed: exit 1$/);
  const paused = progressOf({
    service: {
      ...service,
      updateStatus: { state: swarm.v1.UpdateStatus.State.UPDATE_STATE_PAUSED, message: "task failed" },
    },
    tasks: [],
    goal: "update",
    sinceMs: 0,
  });
  t.is(paused.failure, "update paused: task failed");
});

test("table formats align tab-separated columns as Docker's tabwriter does", (t) => {
  const rows = [
    { ID: "k3x9", Name: "web", Replicas: "3/3" },
    { ID: "p0q1w2e3r4t5", Name: "a-much-longer-name", Replicas: "1/1" },
  ];
  // Each column is as wide as its widest cell plus 3, and at least 10; the last one is not padded.
  t.is(
    formatList({ format: "table {{.ID}}\\t{{.Name}}\\t{{.Replicas}}" }, { columns: [], rows }),
    [
      "ID             NAME                 REPLICAS",
      "k3x9           web                  3/3",
      "p0q1w2e3r4t5   a-much-longer-name   1/1",
      "",
    ].join("\n"),
  );
  t.is(
    formatList({ format: "table {{.ID}}\t{{.Name}}" }, { columns: [], rows: [{ ID: "a", Name: "b" }] }),
    "ID        NAME\na         b\n",
  );
  // Without tabs nothing is aligned, and a format without `table` prints no header.
  t.is(formatList({ format: "table {{.ID}} {{.Name}}" }, { columns: [], rows }).split("\n")[1], "k3x9 web");
  t.is(
    formatList({ format: "{{.ID}}\\t{{.Name}}" }, { columns: [], rows }),
    "k3x9\tweb\np0q1w2e3r4t5\ta-much-longer-name\n",
  );
});
