// Goal: `--format` reads Docker's PascalCase field names, including a spec's embedded annotations.
import test from "ava";
import { parseTemplate } from "./template.js";

test("templates read Docker's field names over the API's shapes", (t) => {
  const service = { id: "abc", spec: { annotations: { name: "web", labels: { tier: "front" } }, mode: "x" } };
  t.is(parseTemplate("{{.ID}} {{.Spec.Name}} {{json .Spec.Labels}}").render(service), 'abc web {"tier":"front"}');
  t.is(parseTemplate("{{.Spec.Annotations.Name}}").render(service), "web", "today's form still works");
  t.is(parseTemplate("{{.Status.State}}").render({ status: { state: "running" } }), "running");
  t.is(parseTemplate("{{.Spec.Missing}}").render(service), "<no value>");
});
