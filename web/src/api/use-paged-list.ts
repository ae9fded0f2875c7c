import { useCallback, useEffect, useRef, useState } from "react";
import type { ResponseParser } from "./api-client.js";
import { toApiError } from "./api-client.js";
import { useApi } from "./api-context.js";
import type { ApiError } from "./api-error.js";
import { type ItemPage, mergeRefreshedPage, type PagedItems } from "./merge-refreshed-page.js";

export type PagedListState<Item> =
  | { status: "loading" }
  | {
      status: "ready";
      list: PagedItems<Item>;
      loadedAt: number;
      refreshing: boolean;
      loadingMore: boolean;
      /** A failed "Load more" or refresh; the items already shown stay. */
      pageError: ApiError | null;
    }
  | { status: "error"; error: ApiError };

export interface PagedList<Item> {
  state: PagedListState<Item>;
  loadMore: () => void;
  /** Reloads the first page and folds it into what is shown. */
  refresh: () => void;
  /** Starts over from the first page, showing the loading state. */
  reload: () => void;
}

export interface PagedListOptions<Item> {
  /** The first page's API path; a change starts the list over. */
  path: string;
  /** The path of a later page, given the cursor the previous page returned. */
  pathWithCursor: (cursor: string) => string;
  /** Must be stable (module level), like useApiResource's parser. */
  parse: ResponseParser<ItemPage<Item>>;
  keyOf: (item: Item) => string;
}

/** Loads an API list page by page, with "Load more" and a merging refresh. */
export function usePagedList<Item>(options: PagedListOptions<Item>): PagedList<Item> {
  const { client, reportAuthRequired } = useApi();
  const { path, parse } = options;
  const [state, setState] = useState<PagedListState<Item>>({ status: "loading" });
  const [generation, setGeneration] = useState(0);
  // Callbacks read the latest options without re-running the first-page effect.
  const latest = useRef(options);
  latest.current = options;
  const stateRef = useRef(state);
  stateRef.current = state;
  const pending = useRef(new Set<AbortController>());

  const request = useCallback(
    (requestPath: string, onPage: (page: ItemPage<Item>) => void, onError: (error: ApiError) => void) => {
      const controller = new AbortController();
      pending.current.add(controller);
      client.getJson(requestPath, parse, controller.signal).then(
        (page) => {
          pending.current.delete(controller);
          if (!controller.signal.aborted) onPage(page);
        },
        (error: unknown) => {
          pending.current.delete(controller);
          if (controller.signal.aborted) return;
          const apiError = toApiError(error);
          if (apiError.isAuthRequired) reportAuthRequired(apiError);
          onError(apiError);
        },
      );
    },
    [client, parse, reportAuthRequired],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the reload trigger.
  useEffect(() => {
    const inFlight = pending.current;
    setState({ status: "loading" });
    request(
      path,
      (page) =>
        setState({
          status: "ready",
          list: { ...page, pagesLoaded: 1 },
          loadedAt: Date.now(),
          refreshing: false,
          loadingMore: false,
          pageError: null,
        }),
      (error) => setState({ status: "error", error }),
    );
    return () => {
      for (const controller of inFlight) controller.abort();
      inFlight.clear();
    };
  }, [path, request, generation]);

  const loadMore = useCallback(() => {
    const current = stateRef.current;
    if (current.status !== "ready" || current.loadingMore || current.list.nextCursor === null) return;
    const cursor = current.list.nextCursor;
    setState({ ...current, loadingMore: true, pageError: null });
    request(
      latest.current.pathWithCursor(cursor),
      (page) =>
        setState((previous) => {
          if (previous.status !== "ready") return previous;
          const known = new Set(previous.list.items.map(latest.current.keyOf));
          const added = page.items.filter((item) => !known.has(latest.current.keyOf(item)));
          return {
            ...previous,
            loadingMore: false,
            list: {
              items: [...previous.list.items, ...added],
              nextCursor: page.nextCursor,
              pagesLoaded: previous.list.pagesLoaded + 1,
            },
          };
        }),
      (error) =>
        setState((previous) =>
          previous.status === "ready" ? { ...previous, loadingMore: false, pageError: error } : previous,
        ),
    );
  }, [request]);

  const refresh = useCallback(() => {
    const current = stateRef.current;
    if (current.status !== "ready" || current.refreshing || current.loadingMore) return;
    setState({ ...current, refreshing: true });
    request(
      latest.current.path,
      (page) =>
        setState((previous) =>
          previous.status !== "ready"
            ? previous
            : {
                ...previous,
                refreshing: false,
                pageError: null,
                loadedAt: Date.now(),
                list: mergeRefreshedPage(previous.list, page, latest.current.keyOf),
              },
        ),
      (error) =>
        setState((previous) =>
          previous.status === "ready" ? { ...previous, refreshing: false, pageError: error } : previous,
        ),
    );
  }, [request]);

  const reload = useCallback(() => setGeneration((count) => count + 1), []);
  return { state, loadMore, refresh, reload };
}
