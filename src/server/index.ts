export { createApp } from "./create-app.js";
export { dashboardFolder } from "./dashboard-routes.js";
export { errorResponse, statusForError } from "./error-response.js";
export type { ServerContext } from "./server-context.js";
export { isLoopbackHost, type RunningServer, type StartServerOptions, startServer } from "./start-server.js";
