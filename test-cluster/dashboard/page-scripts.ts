// Scripts the dashboard tests run inside the page. They are source text, not functions: a
// function's source under tsx carries helper calls (esbuild's `__name`) the page does not have.

/**
 * Starts waiting for the text of the element `selector` matches to include `want` (or, with
 * `atEnd`, to end with it); the page keeps the time it did.
 */
export function watchForText(selector: string, want: string, atEnd = false): string {
  return `(() => {
    const [selector, want, atEnd] = ${JSON.stringify([selector, want, atEnd])};
    window.__seen = new Promise((resolve) => {
      const check = () => {
        const text = document.querySelector(selector)?.textContent ?? "";
        if (!(atEnd ? text.endsWith(want) : text.includes(want))) return false;
        resolve(Date.now());
        return true;
      };
      if (check()) return;
      const observer = new MutationObserver(() => check() && observer.disconnect());
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  })()`;
}

/** The page's clock when the text {@link watchForText} waits for showed. */
export const timeTextShowed = "window.__seen";

/** The id of the element that has the focus. */
export const focusedId = "document.activeElement?.id";

/** Milestones of the page's first load, in ms since its navigation started (the page's own clock). */
export interface LoadTiming {
  /** The page's HTML received. */
  readonly html: number;
  /** The page parsed (its inline script runs next). */
  readonly parsed: number;
  /** The live stream's first message (the snapshot) arrived. */
  readonly snapshot: number;
  /** The services list first showed services (the page's own mark). */
  readonly shown: number;
}

/** Reads {@link LoadTiming} in the page. */
export const loadTiming = `(() => {
  const nav = performance.getEntriesByType("navigation")[0];
  return {
    html: Math.round(nav?.responseEnd ?? -1),
    parsed: Math.round(nav?.domInteractive ?? -1),
    snapshot: Math.round(performance.getEntriesByName("swarm:snapshot")[0]?.startTime ?? -1),
    shown: Math.round(performance.getEntriesByName("swarm:services-shown")[0]?.startTime ?? -1),
  };
})()`;
