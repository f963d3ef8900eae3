// The page's address: "#/services", "#/services/<id>", "#/nodes", … (the hash, so any path the
// server serves is the page, and the back button works without a server round trip).

/** The views. */
export const views = ["cluster", "nodes", "services", "stacks", "networks", "events", "secrets", "configs"] as const;
/** One view. */
export type ViewName = (typeof views)[number] | "service";

/** Where the page is. */
export interface Route {
  readonly view: ViewName;
  /** The service on show (view "service"). */
  readonly id: string;
}

/** The route in a location hash; unknown ones are the services list. */
export function routeOf(hash: string): Route {
  const [view = "", id = ""] = hash.replace(/^#\/?/, "").split("/");
  if (view === "services" && id) return { view: "service", id: decodeURIComponent(id) };
  if ((views as readonly string[]).includes(view)) return { view: view as ViewName, id: "" };
  return { view: "services", id: "" };
}

/** The hash of a route. */
export function hrefOf(view: ViewName, id = ""): string {
  return view === "service" ? `#/services/${encodeURIComponent(id)}` : `#/${view}`;
}
