import type { ItemPage } from "../api/merge-refreshed-page.js";
import { parseSessionList, type SessionSummary, sessionListPath } from "../api/sessions-api.js";
import { usePagedList } from "../api/use-paged-list.js";
import { PagedListRefreshButton, PagedListView } from "../components/paged-list-view.js";
import { SessionTable } from "../components/sessions/session-table.js";

const pageSize = 50;
const firstPagePath = `${sessionListPath}?limit=${pageSize}`;

function parseSessionPage(value: unknown): ItemPage<SessionSummary> {
  const page = parseSessionList(value);
  return { items: page.sessions, nextCursor: page.nextCursor };
}

function sessionKey(session: SessionSummary): string {
  return session.sessionId;
}

function pathWithCursor(cursor: string): string {
  return `${firstPagePath}&cursor=${encodeURIComponent(cursor)}`;
}

/** Sessions: conversations and jobs that span several traces, most recently active first. */
export function SessionsPage() {
  const list = usePagedList({
    path: firstPagePath,
    pathWithCursor,
    parse: parseSessionPage,
    keyOf: sessionKey,
  });

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Sessions</h1>
          <p className="muted">
            Traces that share a <code>gantry.session.id</code>: one conversation or job across several runs.
          </p>
        </div>
        <div className="page-actions">
          <PagedListRefreshButton list={list} />
        </div>
      </div>
      <PagedListView
        list={list}
        noun="session"
        empty={
          <div className="empty-state">
            <h2>No sessions yet</h2>
            <p className="muted">
              A session appears when spans carry <code>gantry.session.id</code> (or{" "}
              <code>gen_ai.conversation.id</code>
              ), as agent runs started with a session do.
            </p>
          </div>
        }
        renderItems={(sessions) => <SessionTable sessions={sessions} />}
      />
    </>
  );
}
