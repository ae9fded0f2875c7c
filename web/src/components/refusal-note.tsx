import type { ApiError } from "../api/api-error.js";
import { HintText } from "./hint-text.js";

/** Why an action (a POST) was refused: the server's message, its code and hint, announced as an alert. */
export function RefusalNote({ error }: { error: ApiError }) {
  return (
    <div className="approval-error" role="alert">
      <p>
        {error.message} <code>{error.code}</code>
      </p>
      {error.hint !== undefined && (
        <p className="muted">
          <HintText text={error.hint} />
        </p>
      )}
    </div>
  );
}
