import { useSyncExternalStore } from "react";

// pushState fires no event of its own, so navigate() announces changes with this one.
const locationChangeEvent = "gantry:location-change";

function currentPathname(): string {
  return window.location.pathname;
}

function currentSearch(): string {
  return window.location.search;
}

function subscribeToLocation(listener: () => void): () => void {
  window.addEventListener("popstate", listener);
  window.addEventListener(locationChangeEvent, listener);
  return () => {
    window.removeEventListener("popstate", listener);
    window.removeEventListener(locationChangeEvent, listener);
  };
}

export interface NavigateOptions {
  /** Replace the current history entry (a filter tweak, a selection) instead of adding one. */
  replace?: boolean;
  /** Stay where the page is scrolled; for changes within the same page. */
  keepScroll?: boolean;
}

/** Goes to a path (with its query) inside the dashboard without reloading the page. */
export function navigate(path: string, options: NavigateOptions = {}): void {
  const current = `${window.location.pathname}${window.location.search}${window.location.hash}`;
  if (path === current) return;
  if (options.replace) window.history.replaceState(null, "", path);
  else window.history.pushState(null, "", path);
  window.dispatchEvent(new Event(locationChangeEvent));
  if (!options.keepScroll) window.scrollTo(0, 0);
}

/** The current pathname; the component re-renders on navigate() and on back/forward. */
export function useLocationPathname(): string {
  return useSyncExternalStore(subscribeToLocation, currentPathname);
}

/** The current query string with its "?" (or ""); re-renders like useLocationPathname. */
export function useLocationSearch(): string {
  return useSyncExternalStore(subscribeToLocation, currentSearch);
}
