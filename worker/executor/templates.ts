// Docker's service templates (`docker service create --hostname "{{.Node.Hostname}}-{{.Task.Slot}}"`):
// placeholders in hostname, env values and mount sources expanded per task. Only the fields Docker
// documents are known; anything else is a clear error rather than a silently empty string.
import { InvalidArgumentError } from "../../common/index.js";
import type { TaskContext } from "./executor.js";

const placeholder = /\{\{\s*\.([A-Za-z]+)\.([A-Za-z]+)\s*\}\}/g;

/** The task's name as Docker shows it: `service.slot.taskid`, or `service.nodeid.taskid` for global services. */
export function taskName(context: TaskContext): string {
  const t = context.task;
  const service = t.serviceAnnotations?.name ?? "";
  const slot = Number(t.slot ?? 0);
  return `${service}.${slot > 0 ? String(slot) : (t.nodeId ?? "")}.${t.id ?? ""}`;
}

/** Expands `{{.Service.Name}}`-style placeholders; `field` names the spec field for errors. */
export function expandTemplate(text: string, context: TaskContext, field: string): string {
  if (!text.includes("{{")) return text;
  const t = context.task;
  const values: Record<string, string> = {
    "Service.ID": t.serviceId ?? "",
    "Service.Name": t.serviceAnnotations?.name ?? "",
    "Service.Labels": JSON.stringify(t.serviceAnnotations?.labels ?? {}),
    "Node.ID": context.node.id,
    "Node.Hostname": context.node.hostname,
    "Task.ID": t.id ?? "",
    "Task.Name": taskName(context),
    "Task.Slot": String(Number(t.slot ?? 0)),
  };
  return text.replace(placeholder, (_match, scope: string, name: string) => {
    const value = values[`${scope}.${name}`];
    if (value === undefined)
      throw new InvalidArgumentError(field, `unknown template placeholder {{.${scope}.${name}}}`);
    return value;
  });
}
