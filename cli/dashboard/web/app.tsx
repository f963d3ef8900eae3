// The page: one live store fed by the server's stream, the route picking the view, the action
// dialog, and a live region announcing what each action did.
import type { JSX } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import type { SessionInfo } from "../shared/wire.js";
import { ApiError, fetchSession } from "./api.js";
import { ActionDialog, type ActionRequest, ActionsContext } from "./components/action-dialog.js";
import { ErrorLine } from "./components/bits.js";
import { Shell } from "./components/shell.js";
import { useLive, useRoute } from "./hooks.js";
import { LiveStore } from "./live-store.js";
import { ClusterView } from "./views/cluster-view.js";
import { DataView } from "./views/data-view.js";
import { EventsView } from "./views/events-view.js";
import { NetworksView } from "./views/networks-view.js";
import { NodesView } from "./views/nodes-view.js";
import { ServiceView } from "./views/service-view.js";
import { ServicesView } from "./views/services-view.js";
import { StacksView } from "./views/stacks-view.js";

/** How long the line saying what an action did stays. */
export const announcementMs = 10_000;

/** Titles of the views, for the document title. */
const titles: Record<string, string> = {
  cluster: "Cluster",
  nodes: "Nodes",
  services: "Services",
  service: "Service",
  stacks: "Stacks",
  networks: "Networks",
  events: "Events",
  secrets: "Secrets",
  configs: "Configs",
};

/** The whole page. */
export function App(): JSX.Element {
  const store = useMemo(() => new LiveStore(), []);
  const route = useRoute();
  const state = useLive(store);
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [sessionError, setSessionError] = useState("");
  const [request, setRequest] = useState<ActionRequest | null>(null);
  const [announcement, setAnnouncement] = useState("");

  useEffect(() => {
    fetchSession().then(setSession, (e: unknown) => setSessionError(e instanceof ApiError ? e.message : String(e)));
  }, []);
  // The stream opens at once, beside the session call: the first view waits for no round trip.
  useEffect(() => {
    if (!sessionError) store.follow(route.view === "service" ? route.id : null);
  }, [sessionError, store, route.view, route.id]);
  useEffect(() => () => store.close(), [store]);
  useEffect(() => {
    if (!announcement) return;
    const timer = setTimeout(() => setAnnouncement(""), announcementMs);
    return () => clearTimeout(timer);
  }, [announcement]);
  useEffect(() => {
    const name = route.view === "service" ? (state.detail?.service?.service.name ?? "Service") : titles[route.view];
    document.title = `${name} · swarm-ts`;
  }, [route.view, state.detail]);

  if (sessionError)
    return (
      <main id="main" class="standalone">
        <h1>swarm-ts dashboard</h1>
        <ErrorLine text={sessionError} />
      </main>
    );

  const c = state.collections;
  let view;
  if (!state.loaded) view = <p class="loading">Loading the cluster…</p>;
  else
    switch (route.view) {
      case "cluster":
        view = <ClusterView cluster={state.cluster} nodes={c.nodes} chart={state.chart} />;
        break;
      case "nodes":
        view = <NodesView nodes={c.nodes} />;
        break;
      case "services":
        view = <ServicesView services={c.services} />;
        break;
      case "service":
        view = <ServiceView id={route.id} detail={state.detail} />;
        break;
      case "stacks":
        view = <StacksView stacks={c.stacks} services={c.services} />;
        break;
      case "networks":
        view = <NetworksView networks={c.networks} />;
        break;
      case "events":
        view = <EventsView events={state.events} />;
        break;
      case "secrets":
        view = <DataView kind="secret" items={c.secrets} />;
        break;
      case "configs":
        view = <DataView kind="config" items={c.configs} />;
        break;
    }

  return (
    <ActionsContext.Provider value={{ ask: setRequest }}>
      <Shell route={route} link={state.link} streaming={state.streaming} loaded={state.loaded}>
        {view}
      </Shell>
      <ActionDialog
        request={request}
        connectionArgs={session?.connectionArgs ?? []}
        onClose={() => setRequest(null)}
        onDone={(command) => {
          setRequest(null);
          setAnnouncement(`Done: ${command}`);
        }}
      />
      <p class="toast" role="status" aria-live="polite" data-testid="announcement">
        {announcement}
      </p>
    </ActionsContext.Provider>
  );
}
