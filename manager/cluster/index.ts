// The face of manager/cluster: the cluster object and its defaults.
export * from "./cluster-object.js";
export * from "./cluster-limits.js";
