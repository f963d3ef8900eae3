// Networks as `swarmctl network ls` and `network inspect` describe them: driver, subnet and gateway,
// VXLAN id, MTU, what kind of network it is, and the services on it with their virtual IPs.
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { NetworkView } from "../../shared/view-models.js";
import { Ago, Labels } from "../components/bits.js";
import { useNow } from "../hooks.js";
import { hrefOf } from "../route.js";
import { FilterBox, matches } from "./services-view.js";

/** The words for what kind of network it is: ingress, attachable, internal, encrypted. */
export function networkKinds(n: NetworkView): string[] {
  return [
    ...(n.ingress ? ["ingress"] : []),
    ...(n.attachable ? ["attachable"] : []),
    ...(n.internal ? ["internal"] : []),
    ...(n.encrypted ? ["encrypted"] : []),
  ];
}

/** The networks view. */
export function NetworksView({ networks }: { networks: ReadonlyMap<string, NetworkView> }): JSX.Element {
  const now = useNow();
  const [filter, setFilter] = useState("");
  const rows = [...networks.values()]
    .filter((n) => matches(filter, n.name, n.id, n.stack, ...n.subnets.map((s) => s.subnet)))
    .sort((a, b) => a.name.localeCompare(b.name));
  return (
    <section aria-labelledby="view-title">
      <div class="view-head">
        <h1 id="view-title">Networks</h1>
        <FilterBox label="Filter networks" value={filter} onInput={setFilter} />
      </div>
      {networks.size === 0 ? (
        <p class="empty">
          No networks. Create one with <code>swarmctl network create NAME</code>.
        </p>
      ) : (
        <div class="table-wrap">
          <table class="list" data-testid="networks">
            <caption class="visually-hidden">Networks, {rows.length} shown</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Subnet</th>
                <th scope="col">Services (virtual IP)</th>
                <th scope="col">Kind</th>
                <th scope="col" class="wide">
                  Driver
                </th>
                <th scope="col" class="wide">
                  VNI
                </th>
                <th scope="col" class="wide">
                  MTU
                </th>
                <th scope="col" class="wide">
                  Labels
                </th>
                <th scope="col" class="wide">
                  Created
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((n) => (
                <tr key={n.id} data-network={n.name}>
                  <th scope="row">
                    {n.name}
                    <span class="muted mono block">{n.id.slice(0, 12)}</span>
                  </th>
                  <td class="mono">
                    {n.subnets.length ? (
                      n.subnets.map((s) => (
                        <span key={s.subnet} class="block">
                          {s.subnet}
                          {s.gateway && <span class="muted"> gw {s.gateway}</span>}
                        </span>
                      ))
                    ) : (
                      <span class="muted">–</span>
                    )}
                  </td>
                  <td>
                    {n.services.length ? (
                      <ul class="inline-list">
                        {n.services.map((s) => (
                          <li key={s.id}>
                            <a href={hrefOf("service", s.id)}>{s.name}</a>
                            {s.addr && <span class="mono muted"> {s.addr}</span>}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span class="muted">–</span>
                    )}
                  </td>
                  <td>{networkKinds(n).join(", ") || <span class="muted">–</span>}</td>
                  <td class="wide">{n.driver}</td>
                  <td class="wide mono">{n.vni || "–"}</td>
                  <td class="wide mono">{n.mtu || "–"}</td>
                  <td class="wide">
                    <Labels labels={n.labels} />
                  </td>
                  <td class="wide">
                    <Ago ms={n.createdMs} now={now} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
