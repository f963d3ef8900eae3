// The StackControl a deploy needs, over a gRPC Control client.
/* eslint-disable @typescript-eslint/unbound-method -- call() invokes each method with the client as `this`. */
import type * as grpc from "@grpc/grpc-js";
import type { ControlClient, swarm } from "../../proto/index.js";
import type { StackControl } from "./deploy-stack.js";
import { removeNetworkWhenFree } from "../../common/index.js";

type Unary<Req, Res> = (req: Req, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown;

/** Adapts a Control client to the promise-based calls of {@link StackControl}. */
export function stackControlOf(client: ControlClient): StackControl {
  const call = <Req, Res>(fn: Unary<Req, Res>, req: Req): Promise<Res> =>
    new Promise((resolve, reject) => fn.call(client, req, (err, res) => (err ? reject(err) : resolve(res!))));
  return {
    listServices: async () =>
      (await call<swarm.v1.IListServicesRequest, swarm.v1.ListServicesResponse>(client.listServices, {})).services,
    listSecrets: async () =>
      (await call<swarm.v1.IListSecretsRequest, swarm.v1.ListSecretsResponse>(client.listSecrets, {})).secrets,
    listConfigs: async () =>
      (await call<swarm.v1.IListConfigsRequest, swarm.v1.ListConfigsResponse>(client.listConfigs, {})).configs,
    listNetworks: async () =>
      (await call<swarm.v1.IListNetworksRequest, swarm.v1.ListNetworksResponse>(client.listNetworks, {})).networks,
    listTasks: async (serviceId) =>
      (
        await call<swarm.v1.IListTasksRequest, swarm.v1.ListTasksResponse>(client.listTasks, {
          filters: { serviceIds: [serviceId] },
        })
      ).tasks,
    createSecret: async (spec) =>
      (await call<swarm.v1.ICreateSecretRequest, swarm.v1.CreateSecretResponse>(client.createSecret, { spec })).secret
        ?.id ?? "",
    createConfig: async (spec) =>
      (await call<swarm.v1.ICreateConfigRequest, swarm.v1.CreateConfigResponse>(client.createConfig, { spec })).config
        ?.id ?? "",
    createNetwork: async (spec) =>
      (await call<swarm.v1.ICreateNetworkRequest, swarm.v1.CreateNetworkResponse>(client.createNetwork, { spec }))
        .network?.id ?? "",
    createService: async (spec, queryRegistry = false) => {
      const answer = await call<swarm.v1.ICreateServiceRequest, swarm.v1.CreateServiceResponse>(client.createService, {
        spec,
        queryRegistry,
      });
      return { id: answer.service?.id ?? "", warnings: answer.warnings };
    },
    updateService: async (serviceId, version, spec, queryRegistry = false) =>
      (
        await call<swarm.v1.IUpdateServiceRequest, swarm.v1.UpdateServiceResponse>(client.updateService, {
          serviceId,
          serviceVersion: { index: version },
          spec,
          queryRegistry,
        })
      ).warnings,
    removeService: async (serviceId) => void (await call(client.removeService, { serviceId })),
    removeSecret: async (secretId) => void (await call(client.removeSecret, { secretId })),
    removeConfig: async (configId) => void (await call(client.removeConfig, { configId })),
    removeNetwork: (networkId) => removeNetworkWhenFree(() => call(client.removeNetwork, { networkId })),
  };
}
