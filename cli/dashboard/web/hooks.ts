// Small hooks the views share: the live state, a clock that ticks for relative times, and the
// page's route.
import { useEffect, useState } from "preact/hooks";
import type { LiveState, LiveStore } from "./live-store.js";
import { type Route, routeOf } from "./route.js";

/** The store's state, re-rendering on each change. */
export function useLive(store: LiveStore): LiveState {
  const [state, setState] = useState(store.get());
  useEffect(() => {
    setState(store.get());
    return store.subscribe(() => setState(store.get()));
  }, [store]);
  return state;
}

/** The time now, refreshed every `periodMs` (for "5 seconds ago"). */
export function useNow(periodMs = 5_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(timer);
  }, [periodMs]);
  return now;
}

/** The route of the location hash, following its changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(routeOf(location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(routeOf(location.hash));
    addEventListener("hashchange", onChange);
    return () => removeEventListener("hashchange", onChange);
  }, []);
  return route;
}
