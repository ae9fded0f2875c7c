export { createApp } from "./create-app.js";
export { dashboardFolder } from "./dashboard-routes.js";
export { errorResponse, statusForError } from "./error-response.js";
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
export { isLoopbackHost, type RunningServer, type StartServerOptions, startServer } from "./start-server.js";
