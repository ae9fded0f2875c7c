import { type FormEvent, useId, useState } from "react";
import type { ApiError } from "../api/api-error.js";
import { HintText } from "./hint-text.js";

export interface SignInFormProps {
  /** Set when a key was sent and refused; the server's message and hint are shown. */
  rejection: ApiError | null;
  onSubmit: (apiKey: string) => void;
}

/** Asks for an API key when the server requires one; the key stays in this tab's sessionStorage. */
export function SignInForm({ rejection, onSubmit }: SignInFormProps) {
  const [apiKey, setApiKey] = useState("");
  const inputId = useId();
  const trimmedKey = apiKey.trim();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (trimmedKey !== "") onSubmit(trimmedKey);
  }

  return (
    <section className="sign-in" aria-labelledby={`${inputId}-title`}>
      <h1 id={`${inputId}-title`}>Sign in</h1>
      <p className="muted">
        This Gantry server requires an API key. Paste one to continue: it is kept in this browser tab only and
        sent with each request as a bearer token.
      </p>
      {rejection !== null && (
        <div className="sign-in-error" role="alert">
          <p>{rejection.message}</p>
          {rejection.hint !== undefined && (
            <p className="sign-in-error-hint">
              <HintText text={rejection.hint} />
            </p>
          )}
        </div>
      )}
      <form onSubmit={handleSubmit} className="sign-in-form">
        <label htmlFor={inputId}>API key</label>
        <input
          id={inputId}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={apiKey}
          onChange={(event) => setApiKey(event.target.value)}
          placeholder="gsk_…"
        />
        <button type="submit" className="button button-primary" disabled={trimmedKey === ""}>
          Sign in
        </button>
      </form>
    </section>
  );
}
