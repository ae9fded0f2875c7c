import type { ApiError } from "../api/api-error.js";
import { HintText } from "./hint-text.js";

export interface ErrorPanelProps {
  title: string;
  error: ApiError;
  onRetry?: () => void;
}

/** A failed request, with the server's own message and code so the cause can be looked up. */
export function ErrorPanel({ title, error, onRetry }: ErrorPanelProps) {
  return (
    <div className="error-panel" role="alert">
      <h2 className="error-panel-title">{title}</h2>
      <p className="error-panel-message">{error.message}</p>
      {error.hint !== undefined && (
        <p className="error-panel-hint">
          <HintText text={error.hint} />
        </p>
      )}
      <p className="error-panel-meta">
        <code>{error.code}</code>
        {error.status > 0 && <span> · HTTP {error.status}</span>}
      </p>
      {onRetry !== undefined && (
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
