import type { ReactNode } from "react";
import type { PagedList } from "../api/use-paged-list.js";
import { ErrorPanel } from "./error-panel.js";
import { LoadMoreFooter } from "./load-more-footer.js";

// What every paged list page shows around its table: the same loading line, error panel, empty state
// and "Load more" footer, and the same Refresh button, driven by usePagedList.

export interface PagedListViewProps<Item> {
  list: PagedList<Item>;
  /** "trace" or "session"; pluralised with an "s" in the loading line and error title. */
  noun: string;
  /** Shown when the first page is empty. */
  empty: ReactNode;
  /** The table of the items loaded so far. */
  renderItems: (items: Item[]) => ReactNode;
}

/** A paged list's body: loading, error with retry, empty state, or the items and a "Load more" footer. */
export function PagedListView<Item>({ list, noun, empty, renderItems }: PagedListViewProps<Item>) {
  const { state, loadMore, reload } = list;
  return (
    <>
      {state.status === "loading" && (
        <p className="muted loading-line" role="status">
          {`Loading ${noun}s…`}
        </p>
      )}
      {state.status === "error" && (
        <ErrorPanel title={`Could not load ${noun}s`} error={state.error} onRetry={reload} />
      )}
      {state.status === "ready" &&
        (state.list.items.length === 0 ? (
          empty
        ) : (
          <>
            {renderItems(state.list.items)}
            <LoadMoreFooter
              shownCount={state.list.items.length}
              noun={noun}
              hasMore={state.list.nextCursor !== null}
              loadingMore={state.loadingMore}
              pageError={state.pageError}
              onLoadMore={loadMore}
            />
          </>
        ))}
    </>
  );
}

/** Refreshes a paged list in place; disabled until it has loaded and while a refresh runs. */
export function PagedListRefreshButton<Item>({ list }: { list: PagedList<Item> }) {
  const { state, refresh } = list;
  return (
    <button
      type="button"
      className="button"
      onClick={refresh}
      disabled={state.status !== "ready" || state.refreshing}
    >
      {state.status === "ready" && state.refreshing ? "Refreshing…" : "Refresh"}
    </button>
  );
}
