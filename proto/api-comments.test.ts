// Goal: a reader of proto/ finds a comment on every message, field, enum, enum value, service and
// method of the API, so the .proto files can be read as the API's reference.
import test from "ava";
import { readdirSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import protobuf from "protobufjs";

const protoRoot = import.meta.dirname;

/** Loads the API sources with comments attached. */
function loadApi(): protobuf.Root {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) =>
    isAbsolute(target) || target.startsWith("google/") ? target : join(protoRoot, target);
  const dir = join(protoRoot, "swarm", "v1");
  root.loadSync(
    readdirSync(dir)
      .filter((f) => f.endsWith(".proto"))
      .map((f) => join(dir, f)),
    { alternateCommentMode: true },
  );
  root.resolveAll();
  return root;
}

/** Names of every API element that has no comment. */
function uncommented(ns: protobuf.NamespaceBase): string[] {
  const missing: string[] = [];
  const check = (name: string, comment: string | null | undefined): void => {
    if (!comment?.trim()) missing.push(name);
  };
  for (const item of ns.nestedArray) {
    if (item.fullName.startsWith(".google.")) continue;
    if (item instanceof protobuf.Type) {
      check(item.fullName, item.comment);
      for (const field of item.fieldsArray) check(field.fullName, field.comment);
      missing.push(...uncommented(item));
    } else if (item instanceof protobuf.Enum) {
      check(item.fullName, item.comment);
      for (const value of Object.keys(item.values)) check(`${item.fullName}.${value}`, item.comments[value]);
    } else if (item instanceof protobuf.Service) {
      check(item.fullName, item.comment);
      for (const method of item.methodsArray) check(method.fullName, method.comment);
    } else if (item instanceof protobuf.Namespace) {
      missing.push(...uncommented(item));
    }
  }
  return missing;
}

test("every API element has a comment", (t) => {
  t.deepEqual(uncommented(loadApi()), []);
});

test("the API defines every service the mission needs", (t) => {
  const root = loadApi();
  const services = ["Control", "Dispatcher", "Raft", "RaftMembership", "CA", "Logs", "LogBroker", "Watch"];
  for (const name of services) t.truthy(root.lookupService(`swarm.v1.${name}`), `service ${name} is missing`);
});
