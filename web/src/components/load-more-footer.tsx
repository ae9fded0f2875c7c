import type { ApiError } from "../api/api-error.js";

export interface LoadMoreFooterProps {
  shownCount: number;
  /** "trace" or "session"; pluralised with an "s". */
  noun: string;
  hasMore: boolean;
  loadingMore: boolean;
  pageError: ApiError | null;
  onLoadMore: () => void;
}

/** Under a paged list: how many are shown, and a button for the next page while there is one. */
export function LoadMoreFooter({
  shownCount,
  noun,
  hasMore,
  loadingMore,
  pageError,
  onLoadMore,
}: LoadMoreFooterProps) {
  return (
    <div className="list-footer">
      <span className="muted-cell" role="status">
        {shownCount === 1 ? `1 ${noun}` : `${shownCount} ${noun}s`}
        {hasMore ? " shown" : ""}
      </span>
      {pageError !== null && (
        <span className="list-footer-error" role="alert">
          {pageError.message}
        </span>
      )}
      {hasMore && (
        <button type="button" className="button" onClick={onLoadMore} disabled={loadingMore}>
          {loadingMore ? "Loading…" : "Load more"}
        </button>
      )}
    </div>
  );
}
