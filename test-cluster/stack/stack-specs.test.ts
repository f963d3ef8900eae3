// Every service and network spec the golden stack fixtures produce must pass the manager's own validation,
// with the scheduler's constraint and spread parsers, so `stack deploy` never sends a spec the
// Control API refuses. (cli/ cannot import manager/, so the check lives here.)
import test from "ava";
import { canonicalJson, loadStack, namespaceStack } from "../../cli/stack/index.js";
import { fixtureStackName, fixturesDir, stackFixtures } from "../../cli/stack/test-fixtures/cases.js";
import {
  parseConstraint,
  parseSpreadDescriptor,
  validateDataSpec,
  validateNetworkSpec,
  validateServiceSpec,
  type PlacementChecks,
} from "../../manager/index.js";
import { swarm } from "../../proto/index.js";

const placementChecks: PlacementChecks = {
  constraintCheck: (text, field) => void parseConstraint(text, { field }),
  spreadCheck: (text, field) => void parseSpreadDescriptor(text, { field }),
};

for (const fixture of stackFixtures) {
  test(`stack fixture ${fixture.name} yields specs the manager accepts`, async (t) => {
    const named = namespaceStack(
      fixtureStackName,
      await loadStack(fixture.files, { env: fixture.env, cwd: fixturesDir }),
    );
    t.true(named.services.length > 0);
    for (const service of named.services) {
      // The spec survives the wire unchanged: every field has the proto's type.
      const wire = swarm.v1.ServiceSpec.encode(swarm.v1.ServiceSpec.create(service.spec)).finish();
      t.is(canonicalJson(swarm.v1.ServiceSpec.decode(wire)), canonicalJson(service.spec), service.name);
      t.notThrows(() => validateServiceSpec(service.spec, placementChecks), service.name);
    }
    for (const [kind, objects] of [
      ["secret", named.secrets],
      ["config", named.configs],
    ] as const) {
      for (const object of objects)
        if (object.spec) t.notThrows(() => validateDataSpec(kind, object.spec), object.name);
    }
    for (const network of named.networks)
      if (network.spec) t.notThrows(() => validateNetworkSpec(network.spec), network.name);
  });
}
