// One validator per Control method, run before the method's handler on whichever manager the call
// reaches (a follower too, before it forwards), so every field a method takes is checked the same
// way: object references and versions, list filters (enum values, bounded lists), and the specs.
// A method missing from this table is a compile error (the table is typed by the service), and
// two tests walk every field of every request by reflection over the proto: an unknown value in
// any enum field (enum-coverage.test.ts) and an oversized value in any string, bytes, list or map
// field (size-coverage.test.ts) must be refused naming that field.
import { InvalidArgumentError } from "../../common/index.js";
import { type controlService, swarm } from "../../proto/index.js";
import { filterValueBytesMax, filterValuesMax, nameLengthMax, objectRefBytesMax } from "./limits.js";
import {
  checkEnum,
  checkInteger,
  checkList,
  checkString,
  checkStringList,
  checkStringMap,
  type PlacementChecks,
  validateDataSpec,
  validateLabels,
  validateNodeSpec,
  validateServiceSpec,
} from "./validate.js";
import { validateNetworkSpec } from "./validate-network.js";

/** A Control method's name, as the handlers object spells it. */
export type ControlMethod = keyof typeof controlService;

/** Checks one request; throws InvalidArgumentError naming the field. */
export type RequestValidator = (request: never) => void;

/** Service modes a ListServices filter may name (modeOf's names). */
const serviceModes: ReadonlySet<string> = new Set(["replicated", "global", "replicated-job", "global-job"]);

/** Checks a required object reference (id, name or id prefix). */
function checkRef(field: string, ref: string | null | undefined): void {
  checkString(field, ref, objectRefBytesMax, { required: true });
}

/** Checks the version a write quotes. */
function checkVersion(field: string, version: swarm.v1.Version.$Properties | null | undefined): void {
  if (!version?.index) throw new InvalidArgumentError(`${field}.index`, "is required: pass the version you read");
  checkInteger(`${field}.index`, version.index, Number.MAX_SAFE_INTEGER);
}

/** The filters every List method shares. */
interface CommonFilters {
  readonly names?: readonly string[] | null;
  readonly idPrefixes?: readonly string[] | null;
  readonly namePrefixes?: readonly string[] | null;
  readonly labels?: Readonly<Record<string, string>> | null;
}

function checkFilterValues(field: string, values: readonly string[] | null | undefined): void {
  checkStringList(field, values, filterValuesMax, filterValueBytesMax);
}

function checkCommonFilters(filters: CommonFilters | null | undefined): void {
  checkFilterValues("filters.names", filters?.names);
  checkFilterValues("filters.idPrefixes", filters?.idPrefixes);
  checkFilterValues("filters.namePrefixes", filters?.namePrefixes);
  checkStringMap("filters.labels", filters?.labels);
}

function checkEnumFilter(
  field: string,
  values: Readonly<Record<string, number | string>>,
  list: readonly number[] | null | undefined,
): void {
  for (const [i, value] of checkList(field, list, filterValuesMax).entries())
    checkEnum(`${field}[${i}]`, values, value);
}

/** Checks a secret's or config's update: only labels may change, the name and data are compared by the handler. */
function checkDataUpdate(
  kind: "secret" | "config",
  spec: { annotations?: swarm.v1.Annotations.$Properties | null; data?: Uint8Array | null } | null | undefined,
): void {
  checkString("spec.annotations.name", spec?.annotations?.name, nameLengthMax);
  validateLabels("spec.annotations.labels", spec?.annotations?.labels);
  // The data cannot change; a copy of it (to say so) is within the create limit.
  if ((spec?.data?.length ?? 0) > 0) validateDataSpec(kind, { ...spec, annotations: { name: "x" } });
}

/** The validators of every Control method. */
export function controlRequestValidators(placement: PlacementChecks): Record<ControlMethod, RequestValidator> {
  const validators: Record<ControlMethod, (request: never) => void> = {
    // ---- nodes ----
    getNode: (req: swarm.v1.GetNodeRequest) => checkRef("nodeId", req.nodeId),
    listNodes: (req: swarm.v1.ListNodesRequest) => {
      checkCommonFilters(req.filters);
      checkEnumFilter("filters.roles", swarm.v1.NodeSpec.Role, req.filters?.roles);
      checkEnumFilter("filters.availabilities", swarm.v1.NodeSpec.Availability, req.filters?.availabilities);
      checkEnumFilter("filters.states", swarm.v1.NodeStatus.State, req.filters?.states);
    },
    updateNode: (req: swarm.v1.UpdateNodeRequest) => {
      checkRef("nodeId", req.nodeId);
      checkVersion("nodeVersion", req.nodeVersion);
      validateNodeSpec(req.spec);
    },
    removeNode: (req: swarm.v1.RemoveNodeRequest) => checkRef("nodeId", req.nodeId),

    // ---- tasks ----
    getTask: (req: swarm.v1.GetTaskRequest) => checkRef("taskId", req.taskId),
    listTasks: (req: swarm.v1.ListTasksRequest) => {
      const f = req.filters;
      checkCommonFilters(f);
      checkFilterValues("filters.serviceIds", f?.serviceIds);
      checkFilterValues("filters.nodeIds", f?.nodeIds);
      checkEnumFilter("filters.desiredStates", swarm.v1.TaskState, f?.desiredStates);
      checkEnumFilter("filters.states", swarm.v1.TaskState, f?.states);
      for (const [i, slot] of checkList("filters.slots", f?.slots, filterValuesMax).entries())
        checkInteger(`filters.slots[${i}]`, slot, Number.MAX_SAFE_INTEGER);
    },

    // ---- services ----
    createService: (req: swarm.v1.CreateServiceRequest) => validateServiceSpec(req.spec, placement),
    getService: (req: swarm.v1.GetServiceRequest) => checkRef("serviceId", req.serviceId),
    updateService: (req: swarm.v1.UpdateServiceRequest) => {
      checkRef("serviceId", req.serviceId);
      checkVersion("serviceVersion", req.serviceVersion);
      const rollback = checkEnum("rollback", swarm.v1.UpdateServiceRequest.Rollback, req.rollback);
      // A rollback takes the previous spec and ignores any spec sent with it.
      if (rollback === swarm.v1.UpdateServiceRequest.Rollback.ROLLBACK_NONE) validateServiceSpec(req.spec, placement);
    },
    removeService: (req: swarm.v1.RemoveServiceRequest) => checkRef("serviceId", req.serviceId),
    listServices: (req: swarm.v1.ListServicesRequest) => {
      checkCommonFilters(req.filters);
      for (const [i, mode] of checkList("filters.modes", req.filters?.modes, filterValuesMax).entries())
        if (!serviceModes.has(mode))
          throw new InvalidArgumentError(`filters.modes[${i}]`, `must be one of ${[...serviceModes].join(", ")}`);
    },

    // ---- secrets ----
    createSecret: (req: swarm.v1.CreateSecretRequest) => validateDataSpec("secret", req.spec),
    getSecret: (req: swarm.v1.GetSecretRequest) => checkRef("secretId", req.secretId),
    updateSecret: (req: swarm.v1.UpdateSecretRequest) => {
      checkRef("secretId", req.secretId);
      checkVersion("secretVersion", req.secretVersion);
      checkDataUpdate("secret", req.spec);
    },
    removeSecret: (req: swarm.v1.RemoveSecretRequest) => checkRef("secretId", req.secretId),
    listSecrets: (req: swarm.v1.ListSecretsRequest) => checkCommonFilters(req.filters),

    // ---- configs ----
    createConfig: (req: swarm.v1.CreateConfigRequest) => validateDataSpec("config", req.spec),
    getConfig: (req: swarm.v1.GetConfigRequest) => checkRef("configId", req.configId),
    updateConfig: (req: swarm.v1.UpdateConfigRequest) => {
      checkRef("configId", req.configId);
      checkVersion("configVersion", req.configVersion);
      checkDataUpdate("config", req.spec);
    },
    removeConfig: (req: swarm.v1.RemoveConfigRequest) => checkRef("configId", req.configId),
    listConfigs: (req: swarm.v1.ListConfigsRequest) => checkCommonFilters(req.filters),

    // ---- networks ----
    createNetwork: (req: swarm.v1.CreateNetworkRequest) => validateNetworkSpec(req.spec),
    getNetwork: (req: swarm.v1.GetNetworkRequest) => checkRef("networkId", req.networkId),
    removeNetwork: (req: swarm.v1.RemoveNetworkRequest) => checkRef("networkId", req.networkId),
    listNetworks: (req: swarm.v1.ListNetworksRequest) => checkCommonFilters(req.filters),

    // ---- cluster ----
    getCluster: (req: swarm.v1.GetClusterRequest) => checkRef("clusterId", req.clusterId),
    listClusters: (req: swarm.v1.ListClustersRequest) => checkCommonFilters(req.filters),
    // The cluster spec's own rules live beside the cluster methods (validateClusterSpec); its
    // labels are bounded as every object's are.
    updateCluster: (req: swarm.v1.UpdateClusterRequest) => {
      checkRef("clusterId", req.clusterId);
      checkVersion("clusterVersion", req.clusterVersion);
      validateLabels("spec.annotations.labels", req.spec?.annotations?.labels);
    },
    getUnlockKey: () => undefined,
    unlock: (req: swarm.v1.UnlockRequest) => checkString("unlockKey", req.unlockKey, objectRefBytesMax),
    // Served by the CA code beside these methods (operator-certificate.ts), which checks the
    // name, the expiry and the CSR (its size first) itself.
    issueOperatorCertificate: () => undefined,
    // A stream of the store's snapshot (manager/backup/), asked for with an empty request.
    backupCluster: () => undefined,
  };
  return validators;
}
