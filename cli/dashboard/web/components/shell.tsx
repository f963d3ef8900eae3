// The page's frame: a skip link, the header with the link status, the navigation, and the main
// region, which takes the focus on every route change so keyboard and screen-reader users land on
// the new view's heading.
import type { ComponentChildren, JSX } from "preact";
import { useEffect, useRef } from "preact/hooks";
import type { LinkStatus } from "../../shared/wire.js";
import { hrefOf, type Route, type ViewName } from "../route.js";

const navItems: readonly { view: ViewName; label: string }[] = [
  { view: "cluster", label: "Cluster" },
  { view: "nodes", label: "Nodes" },
  { view: "services", label: "Services" },
  { view: "stacks", label: "Stacks" },
  { view: "networks", label: "Networks" },
  { view: "events", label: "Events" },
  { view: "secrets", label: "Secrets" },
  { view: "configs", label: "Configs" },
];

/** The frame around every view. */
export function Shell(props: {
  route: Route;
  link: LinkStatus;
  streaming: boolean;
  loaded: boolean;
  children: ComponentChildren;
}): JSX.Element {
  const { route, link, streaming } = props;
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [route.view, route.id]);
  const active = route.view === "service" ? "services" : route.view;
  const status = !streaming
    ? { tone: "bad", text: "The dashboard server does not answer; retrying…" }
    : !link.connected
      ? { tone: "bad", text: `No link to the cluster: ${link.error}` }
      : { tone: "ok", text: `Live: ${link.target}` };
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <span class="brand">swarm-ts</span>
        <p class={`link-status link-${status.tone}`} role="status" data-testid="link-status">
          <span class="dot" aria-hidden="true" />
          {props.loaded || !streaming ? status.text : "Connecting…"}
        </p>
      </header>
      <nav class="sidebar" aria-label="Views">
        <ul>
          {navItems.map((item) => (
            <li key={item.view}>
              <a href={hrefOf(item.view)} aria-current={item.view === active ? "page" : undefined}>
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" ref={main} tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}
