import { navigationSections, sectionForPath } from "../navigation.js";
import { Link } from "../router/link.js";

export interface NavBarProps {
  pathname: string;
  /** Shown only when an API key is stored, so a shared screen can be signed out of. */
  onSignOut: (() => void) | null;
}

/** Product name, the sections (built ones as links, the rest as "coming soon") and sign-out. */
export function NavBar({ pathname, onSignOut }: NavBarProps) {
  const currentPath = sectionForPath(pathname)?.path;
  return (
    <header className="nav-bar">
      <Link to="/" className="brand" aria-label="Gantry home">
        <span className="brand-mark" aria-hidden="true" />
        Gantry
      </Link>
      <nav aria-label="Main">
        <ul className="nav-list">
          {navigationSections.map((section) => (
            <li key={section.path}>
              {section.available ? (
                <Link
                  to={section.path}
                  className="nav-item"
                  aria-current={section.path === currentPath ? "page" : undefined}
                >
                  {section.title}
                </Link>
              ) : (
                <span className="nav-item nav-item-disabled" aria-disabled="true" title="Coming soon">
                  {section.title}
                  <span className="coming-soon">coming soon</span>
                </span>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {onSignOut !== null && (
        <button type="button" className="button button-quiet nav-sign-out" onClick={onSignOut}>
          Sign out
        </button>
      )}
    </header>
  );
}
