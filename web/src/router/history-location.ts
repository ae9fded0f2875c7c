import { useSyncExternalStore } from "react";

// pushState fires no event of its own, so navigate() announces changes with this one.
const locationChangeEvent = "gantry:location-change";

function currentPathname(): string {
  return window.location.pathname;
}

function subscribeToLocation(listener: () => void): () => void {
  window.addEventListener("popstate", listener);
  window.addEventListener(locationChangeEvent, listener);
  return () => {
    window.removeEventListener("popstate", listener);
    window.removeEventListener(locationChangeEvent, listener);
  };
}

/** Goes to a path inside the dashboard without reloading the page. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  const current = `${window.location.pathname}${window.location.search}${window.location.hash}`;
  if (path === current) return;
  if (options.replace) window.history.replaceState(null, "", path);
  else window.history.pushState(null, "", path);
  window.dispatchEvent(new Event(locationChangeEvent));
  window.scrollTo(0, 0);
}

/** The current pathname; the component re-renders on navigate() and on back/forward. */
export function useLocationPathname(): string {
  return useSyncExternalStore(subscribeToLocation, currentPathname);
}
