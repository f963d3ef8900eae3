// Stacks: the services, secrets, configs and networks deployed together under one name (the
// com.docker.stack.namespace label that `swarmctl stack deploy` writes).
import type { JSX } from "preact";
import type { ServiceView, StackView } from "../../shared/view-models.js";
import { hrefOf } from "../route.js";

/** The stacks view. */
export function StacksView(props: {
  stacks: ReadonlyMap<string, StackView>;
  services: ReadonlyMap<string, ServiceView>;
}): JSX.Element {
  const idOf = new Map([...props.services.values()].map((s) => [s.name, s.id]));
  const rows = [...props.stacks.values()].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <section aria-labelledby="view-title">
      <h1 id="view-title">Stacks</h1>
      {rows.length === 0 ? (
        <p class="empty">
          No stacks. Deploy one with <code>swarmctl stack deploy -c stack.yml NAME</code>.
        </p>
      ) : (
        <div class="table-wrap">
          <table class="list" data-testid="stacks">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Services</th>
                <th scope="col">Replicas</th>
                <th scope="col">Secrets</th>
                <th scope="col">Configs</th>
                <th scope="col">Networks</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.name}>
                  <th scope="row">{s.name}</th>
                  <td>
                    <ul class="inline-list">
                      {s.services.map((name) => (
                        <li key={name}>
                          {idOf.has(name) ? <a href={hrefOf("service", idOf.get(name))}>{name}</a> : name}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {s.running}/{s.desired}
                  </td>
                  <td>{s.secrets}</td>
                  <td>{s.configs}</td>
                  <td>{s.networks}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
