import test from "ava";
import { genericResourceEnv } from "./generic-resource-env.js";

test("genericResourceEnv joins a kind's units and upper-cases the kind", (t) => {
  t.deepEqual(
    genericResourceEnv({
      assignedGenericResources: [
        { kind: "gpu", value: "UUID1" },
        { kind: "nvidia.com-gpu", value: "UUID2" },
        { kind: "gpu", value: "UUID3" },
        { kind: "ssd", count: 3 },
      ],
    }),
    { DOCKER_RESOURCE_GPU: "UUID1,UUID3", "DOCKER_RESOURCE_NVIDIA.COM-GPU": "UUID2", DOCKER_RESOURCE_SSD: "3" },
  );
  t.deepEqual(genericResourceEnv({}), {});
});
