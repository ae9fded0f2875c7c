import { Link } from "../router/link.js";

/** Any path the dashboard does not know. */
export function NotFoundPage({ pathname }: { pathname: string }) {
  return (
    <section className="placeholder">
      <h1>Page not found</h1>
      <p className="muted">
        Nothing lives at <code>{pathname}</code>.
      </p>
      <p>
        <Link to="/">Go to the overview</Link>
      </p>
    </section>
  );
}
