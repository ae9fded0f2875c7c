export { type ActiveRuns, createActiveRuns, type TrackedRun } from "./active-runs.js";
export { createApp } from "./create-app.js";
export { dashboardFolder } from "./dashboard-routes.js";
export { errorResponse, statusForError } from "./error-response.js";
export {
  createWorkspaceOnlineScorer,
  type OnlineScoringSchedule,
  type OnlineScoringScheduleOptions,
  scheduleOnlineScoring,
} from "./online-scoring-schedule.js";
export {
  type PromptDriftSchedule,
  type PromptDriftScheduleOptions,
  schedulePromptDriftChecks,
} from "./prompt-drift-schedule.js";
export { type AgentJson, type AgentToolJson, agentJson } from "./routes/agent-json.js";
export { agentsRoutes } from "./routes/agents-routes.js";
export { alertsRoutes } from "./routes/alerts-routes.js";
export {
  type EvalCaseResultJson,
  type EvalComparedCaseJson,
  type EvalComparisonJson,
  type EvalComparisonRowJson,
  type EvalRunDetailInput,
  type EvalRunDetailJson,
  type EvalRunJson,
  type EvalSuiteJson,
  type EvalSuiteProblemJson,
  type EvalTrialJson,
  evalComparison,
  evalRunDetail,
  evalRunJson,
  evalRunNotFound,
  evalSuiteJson,
  plannedTrials,
} from "./routes/eval-json.js";
export { readEvalComparison, readEvalRun, readEvalRunDetail } from "./routes/eval-read.js";
export { evalsRoutes } from "./routes/evals-routes.js";
export { promptConsumersRoutes } from "./routes/prompt-consumers-routes.js";
export {
  type PromptDetailJson,
  type PromptListItemJson,
  type PromptVersionMetricsJson,
  promptMetricsJson,
} from "./routes/prompt-json.js";
export { promptActorOf, promptsRoutes } from "./routes/prompts-routes.js";
export { runDetail, runNotFound } from "./routes/run-detail.js";
export {
  isResumable,
  type RunDetailJson,
  type RunErrorJson,
  type RunStateSummaryJson,
  type RunSummaryJson,
  type RunToolCallJson,
  runDetailJson,
  runSummaryJson,
} from "./routes/run-json.js";
export { parseRunListQuery } from "./routes/run-query-params.js";
export { runResultJson } from "./routes/run-response.js";
export { runsRoutes } from "./routes/runs-routes.js";
export { sessionsRoutes } from "./routes/sessions-routes.js";
export { type TraceDetailJson, traceDetail, traceNotFound } from "./routes/trace-detail.js";
export {
  type AgentRollupJson,
  type SessionJson,
  type SpanJson,
  sessionJson,
  spanJson,
  type TraceSummaryJson,
  traceSummaryJson,
} from "./routes/trace-json.js";
export { parseTimeParameter } from "./routes/trace-query-params.js";
export { tracesRoutes } from "./routes/traces-routes.js";
export type { ServerContext } from "./server-context.js";
export { resolveBaselineRun, type StartEvalRunInput, startEvalRun } from "./start-eval-run.js";
export { isLoopbackHost, type RunningServer, type StartServerOptions, startServer } from "./start-server.js";
export {
  type PreparedWorkspaceEval,
  prepareWorkspaceEval,
  type WorkspaceEvalParts,
} from "./workspace-eval.js";
export { workspaceEvalGates } from "./workspace-eval-gates.js";
export {
  suiteFileByName,
  type WorkspaceSuite,
  type WorkspaceSuiteProblem,
  workspaceSuites,
} from "./workspace-suites.js";
