// Faults for LocalCluster scenarios: process crashes and pauses, network partitions, full disks.
export { crashAndRestart, crashMachine, crashNode, pauseNode } from "./process-faults.js";
export { faultChain, PartitionUnavailableError, Partitions } from "./partition.js";
export { fillChunkBytes, fillDisk, fillerName, freeDisk, mountSmallDisk, unmountSmallDisk } from "./disk.js";
