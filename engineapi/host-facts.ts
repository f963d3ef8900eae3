// The serving host as `/version` and `/info` describe it, read from the operating system once
// (the kernel, CPUs and memory do not change while swarmd runs) with the time read per request.
import { realClock } from "../common/index.js";
import { readFileSync } from "node:fs";
import { arch, cpus, hostname, release, totalmem } from "node:os";
import type { HostFacts } from "./convert/system.js";

/** Node's architecture names as Docker reports them (uname -m) and as Go names them (GOARCH). */
const architectures: Readonly<Record<string, { uname: string; goarch: string }>> = {
  x64: { uname: "x86_64", goarch: "amd64" },
  arm64: { uname: "aarch64", goarch: "arm64" },
  arm: { uname: "armv7l", goarch: "arm" },
  ia32: { uname: "i686", goarch: "386" },
  s390x: { uname: "s390x", goarch: "s390x" },
  ppc64: { uname: "ppc64le", goarch: "ppc64le" },
};

/** PRETTY_NAME and VERSION_ID of /etc/os-release, when there is one. */
function osRelease(): { name: string; version: string } {
  try {
    const text = readFileSync("/etc/os-release", "utf8");
    const field = (key: string): string =>
      new RegExp(`^${key}=(.*)$`, "m").exec(text)?.[1]?.replace(/^"|"$/g, "") ?? "";
    return { name: field("PRETTY_NAME") || "Linux", version: field("VERSION_ID") };
  } catch {
    return { name: "Linux", version: "" };
  }
}

/** Reads the host's facts; `now` is filled per call by the returned function. */
export function hostFactsReader(options: { version: string; stateDir: string }): () => HostFacts {
  const names = architectures[arch()] ?? { uname: arch(), goarch: arch() };
  const os = osRelease();
  const fixed = {
    hostname: hostname(),
    kernelVersion: release(),
    operatingSystem: os.name,
    osVersion: os.version,
    architecture: names.uname,
    arch: names.goarch,
    cpus: cpus().length,
    memoryBytes: totalmem(),
    version: options.version,
    runtimeVersion: `node-${process.version}`,
    stateDir: options.stateDir,
  };
  return () => ({ ...fixed, now: new Date(realClock.now()) });
}
