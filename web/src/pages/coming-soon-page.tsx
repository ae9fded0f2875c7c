import type { NavigationSection } from "../navigation.js";
import { Link } from "../router/link.js";

/** Reached only by typing a section's URL: says plainly that the section does not exist yet. */
export function ComingSoonPage({ section }: { section: NavigationSection }) {
  return (
    <section className="placeholder">
      <h1>{section.title}</h1>
      <p className="muted">{section.summary}</p>
      <p>
        This part of the dashboard is coming soon. <Link to="/">Back to the overview</Link>
      </p>
    </section>
  );
}
