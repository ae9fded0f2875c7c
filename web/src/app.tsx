import { type ReactNode, useCallback, useEffect, useMemo, useState } from "react";
import { createApiClient } from "./api/api-client.js";
import { ApiContext, type ApiContextValue } from "./api/api-context.js";
import type { ApiError } from "./api/api-error.js";
import type { ApiKeyStore } from "./api/api-key-store.js";
import { NavBar } from "./components/nav-bar.js";
import { SignInForm } from "./components/sign-in-form.js";
import { ApprovalsPage } from "./pages/approvals-page.js";
import { ComingSoonPage } from "./pages/coming-soon-page.js";
import { EvalComparePage } from "./pages/eval-compare-page.js";
import { EvalRunPage } from "./pages/eval-run-page.js";
import { EvalsPage } from "./pages/evals-page.js";
import { NotFoundPage } from "./pages/not-found-page.js";
import { OverviewPage } from "./pages/overview-page.js";
import { PromptPage } from "./pages/prompt-page.js";
import { PromptsPage } from "./pages/prompts-page.js";
import { RunPage } from "./pages/run-page.js";
import { RunsPage } from "./pages/runs-page.js";
import { SessionPage } from "./pages/session-page.js";
import { SessionsPage } from "./pages/sessions-page.js";
import { TracePage } from "./pages/trace-page.js";
import { TracesPage } from "./pages/traces-page.js";
import { useLocationPathname } from "./router/history-location.js";
import { resolveRoute } from "./routes.js";

/** Why the sign-in form is showing: no key was sent yet, or the one sent was refused. */
type SignInState = { required: false } | { required: true; rejection: ApiError | null };

interface Page {
  title: string;
  element: ReactNode;
  /** Trace pages use the whole window width: waterfalls and dense tables need it. */
  wide: boolean;
}

function pageFor(pathname: string): Page {
  const route = resolveRoute(pathname);
  switch (route.page) {
    case "overview":
      return { title: "Overview", element: <OverviewPage />, wide: false };
    case "traces":
      return { title: "Traces", element: <TracesPage />, wide: true };
    case "trace":
      // Keyed by id: another trace starts with fresh selection and collapse state.
      return {
        title: `Trace ${route.traceId.slice(0, 8)}`,
        element: <TracePage key={route.traceId} traceId={route.traceId} />,
        wide: true,
      };
    case "sessions":
      return { title: "Sessions", element: <SessionsPage />, wide: true };
    case "session":
      return {
        title: `Session ${route.sessionId}`,
        element: <SessionPage key={route.sessionId} sessionId={route.sessionId} />,
        wide: true,
      };
    case "runs":
      return { title: "Runs", element: <RunsPage />, wide: true };
    case "run":
      return {
        title: `Run ${route.runId}`,
        element: <RunPage key={route.runId} runId={route.runId} />,
        wide: true,
      };
    case "prompts":
      return { title: "Prompts", element: <PromptsPage />, wide: true };
    case "prompt":
      return {
        title: `Prompt ${route.promptId}`,
        element: <PromptPage key={route.promptId} promptId={route.promptId} />,
        wide: true,
      };
    case "evals":
      return { title: "Evals", element: <EvalsPage />, wide: true };
    case "eval-run":
      return {
        title: `Eval run ${route.runId.slice(-8)}`,
        element: <EvalRunPage key={route.runId} runId={route.runId} />,
        wide: true,
      };
    case "eval-compare":
      return { title: "Compare eval runs", element: <EvalComparePage />, wide: true };
    case "approvals":
      return { title: "Approvals", element: <ApprovalsPage />, wide: false };
    case "coming-soon":
      return { title: route.section.title, element: <ComingSoonPage section={route.section} />, wide: false };
    case "not-found":
      return { title: "Not found", element: <NotFoundPage pathname={pathname} />, wide: false };
  }
}

const browserFetch: typeof fetch = (input, init) => window.fetch(input, init);

/** The dashboard shell: navigation, the API key gate, and the page for the current path. */
export function App({ keyStore }: { keyStore: ApiKeyStore }) {
  const pathname = useLocationPathname();
  const [apiKey, setApiKey] = useState(() => keyStore.read());
  const [signIn, setSignIn] = useState<SignInState>({ required: false });

  const client = useMemo(() => createApiClient({ fetch: browserFetch, apiKey }), [apiKey]);

  const reportAuthRequired = useCallback(
    (error: ApiError) => {
      // A refused key is forgotten so a reload does not send it again.
      if (apiKey !== null) {
        keyStore.clear();
        setApiKey(null);
      }
      setSignIn({ required: true, rejection: apiKey === null ? null : error });
    },
    [apiKey, keyStore],
  );

  const apiContext = useMemo<ApiContextValue>(
    () => ({ client, reportAuthRequired }),
    [client, reportAuthRequired],
  );

  function handleSignIn(newKey: string) {
    keyStore.save(newKey);
    setApiKey(newKey);
    setSignIn({ required: false });
  }

  function handleSignOut() {
    keyStore.clear();
    setApiKey(null);
    setSignIn({ required: false });
  }

  const page = pageFor(pathname);
  const title = signIn.required ? "Sign in" : page.title;
  useEffect(() => {
    document.title = `${title} · Gantry`;
  }, [title]);

  return (
    <ApiContext.Provider value={apiContext}>
      <NavBar pathname={pathname} onSignOut={apiKey === null ? null : handleSignOut} />
      <main className={page.wide && !signIn.required ? "content content-wide" : "content"}>
        {signIn.required ? <SignInForm rejection={signIn.rejection} onSubmit={handleSignIn} /> : page.element}
      </main>
    </ApiContext.Provider>
  );
}
