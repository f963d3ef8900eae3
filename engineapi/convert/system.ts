// The bodies of `GET /version` and `GET /info`: the serving node as an engine (swarm-ts's version,
// the host's kernel, CPUs and memory) and, in `/info`, the `Swarm` section the docker CLI reads:
// which node it talks to (`node ls` marks it, `node inspect self` reads it), whether it is a
// manager (`stack deploy` refuses otherwise) and the cluster. Every list is `[]`, never null,
// and every object the CLI's templates walk is present.
import { apiVersionMax, apiVersionMin, formatApiVersion } from "../api-version.js";
import type { JsonOut } from "./go-json.js";

/** What the serving host and process are. */
export interface HostFacts {
  readonly hostname: string;
  readonly kernelVersion: string;
  readonly operatingSystem: string;
  readonly osVersion: string;
  /** Docker's architecture name, e.g. "x86_64". */
  readonly architecture: string;
  /** Go's GOARCH-style name, e.g. "amd64" (`/version`'s `Arch`). */
  readonly arch: string;
  readonly cpus: number;
  readonly memoryBytes: number;
  /** swarm-ts's version. */
  readonly version: string;
  /** The runtime that serves, e.g. "node-v20.19.0" (Docker's GoVersion field). */
  readonly runtimeVersion: string;
  /** Where the node keeps its state. */
  readonly stateDir: string;
  /** Now, for `SystemTime`. */
  readonly now: Date;
}

/** The swarm part of `/info`, as the front end learned it from the manager. */
export interface SwarmInfo {
  readonly NodeID: string;
  readonly NodeAddr: string;
  readonly LocalNodeState: "inactive" | "pending" | "active" | "error" | "locked";
  readonly ControlAvailable: boolean;
  readonly Error: string;
  readonly RemoteManagers: readonly { readonly NodeID: string; readonly Addr: string }[];
  readonly Nodes?: number;
  readonly Managers?: number;
  readonly Cluster?: JsonOut;
}

/** The product name shown by `docker version` ("Server: swarm-ts"). */
export const platformName = "swarm-ts";

/** `GET /version`. */
export function versionOut(host: HostFacts): JsonOut {
  const details = {
    ApiVersion: formatApiVersion(apiVersionMax),
    Arch: host.arch,
    BuildTime: "",
    Experimental: "false",
    GitCommit: "",
    GoVersion: host.runtimeVersion,
    KernelVersion: host.kernelVersion,
    MinAPIVersion: formatApiVersion(apiVersionMin),
    Os: "linux",
  };
  return {
    Platform: { Name: platformName },
    Components: [{ Name: "Engine", Version: host.version, Details: details }],
    Version: host.version,
    ApiVersion: formatApiVersion(apiVersionMax),
    MinAPIVersion: formatApiVersion(apiVersionMin),
    GitCommit: "",
    GoVersion: host.runtimeVersion,
    Os: "linux",
    Arch: host.arch,
    KernelVersion: host.kernelVersion,
    BuildTime: "",
  };
}

/** `GET /info`. */
export function infoOut(host: HostFacts, swarmInfo: SwarmInfo, warnings: readonly string[]): JsonOut {
  const commit = { ID: "", Expected: "" };
  return {
    ID: swarmInfo.NodeID,
    Containers: 0,
    ContainersRunning: 0,
    ContainersPaused: 0,
    ContainersStopped: 0,
    Images: 0,
    Driver: "",
    DriverStatus: [],
    Plugins: { Volume: [], Network: ["overlay"], Authorization: [], Log: [] },
    MemoryLimit: true,
    SwapLimit: true,
    KernelMemoryTCP: false,
    CpuCfsPeriod: true,
    CpuCfsQuota: true,
    CPUShares: true,
    CPUSet: true,
    PidsLimit: true,
    IPv4Forwarding: true,
    BridgeNfIptables: true,
    BridgeNfIp6tables: true,
    Debug: false,
    NFd: 0,
    OomKillDisable: false,
    NGoroutines: 0,
    SystemTime: host.now.toISOString(),
    LoggingDriver: "",
    CgroupDriver: "none",
    CgroupVersion: "2",
    NEventsListener: 0,
    KernelVersion: host.kernelVersion,
    OperatingSystem: host.operatingSystem,
    OSVersion: host.osVersion,
    OSType: "linux",
    Architecture: host.architecture,
    IndexServerAddress: "",
    RegistryConfig: {
      AllowNondistributableArtifactsCIDRs: [],
      AllowNondistributableArtifactsHostnames: [],
      InsecureRegistryCIDRs: [],
      IndexConfigs: {},
      Mirrors: [],
    },
    NCPU: host.cpus,
    MemTotal: host.memoryBytes,
    GenericResources: [],
    DockerRootDir: host.stateDir,
    HttpProxy: "",
    HttpsProxy: "",
    NoProxy: "",
    Name: host.hostname,
    Labels: [],
    ExperimentalBuild: false,
    ServerVersion: host.version,
    Runtimes: {},
    DefaultRuntime: "",
    Swarm: swarmInfo,
    LiveRestoreEnabled: false,
    Isolation: "default",
    InitBinary: "",
    ContainerdCommit: commit,
    RuncCommit: commit,
    InitCommit: commit,
    SecurityOptions: [],
    Warnings: [...warnings],
  };
}
