import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import type { ApprovalRecord } from "../../src/guard/index.js";
import type { RunDetailJson } from "../../src/server/index.js";
import { answerApprovalApi, buildSampleApprovals } from "./fake-approval-api.js";
import { answerEvalApi } from "./fake-eval-api.js";
import { buildSampleEvals, type FakeEvals } from "./fake-eval-samples.js";
import { answerPromptApi } from "./fake-prompt-api.js";
import { buildSamplePrompts, type FakePrompt } from "./fake-prompt-samples.js";
import { answerRunApi } from "./fake-run-api.js";
import { buildSampleRuns } from "./fake-run-samples.js";
import { answerTraceApi } from "./fake-trace-api.js";
import type { FakeTrace } from "./fake-trace-builder.js";
import { buildSampleTraces } from "./fake-trace-samples.js";

/** What /api/v1/info answers on success; shaped like src/server/routes/info-routes.ts. */
export const sampleServerInfo = {
  name: "gantry",
  version: "0.1.0",
  workspace: { name: "support-desk", root: "/home/platform/support-desk" },
  store: {
    kind: "sqlite",
    location: "/home/platform/support-desk/.gantry/gantry.db",
    migrationsCurrent: true,
  },
  models: [
    { id: "sim:default", provider: "sim", default: true, tiers: ["large"] },
    { id: "sim:fast", provider: "sim", default: false, tiers: ["small", "large"] },
  ],
  tiers: { small: ["sim:fast"], large: ["sim:default", "sim:fast"] },
  auth: { required: false },
  uptimeSeconds: 3 * 3600 + 12 * 60 + 5,
};

export interface FakeControlPlaneOptions {
  /** Folder of the built dashboard (dist/web). */
  dashboardFolder: string;
  /** When set, /api/* answers 401 unless `Authorization: Bearer <requiredApiKey>` is sent. */
  requiredApiKey?: string;
  /** When set, /api/v1/info answers this status and error instead of the info. */
  infoFailure?: { status: number; code: string; message: string; hint?: string };
  /** The clock the sample traces are placed against; defaults to the real time at start. */
  now?: number;
  /** The traces served by /api/v1/traces and /api/v1/sessions; defaults to buildSampleTraces(now). */
  traces?: FakeTrace[];
  /** The largest page the list endpoints return, whatever `limit` asks for (default 200). */
  maxPageSize?: number;
  /** The runs served by /api/v1/runs; defaults to buildSampleRuns(now, traces). */
  runs?: RunDetailJson[];
  /** The approvals served (and decided) by /api/v1/approvals; defaults to buildSampleApprovals(now). */
  approvals?: ApprovalRecord[];
  /** The prompts served by /api/v1/prompts; defaults to buildSamplePrompts(now). */
  prompts?: FakePrompt[];
  /** The suites and eval runs served by /api/v1/evals; defaults to buildSampleEvals(now, traces). */
  evals?: FakeEvals;
}

export interface FakeControlPlane {
  url: string;
  /** The Authorization header of every /api request, in order (undefined when none was sent). */
  authorizationHeaders: (string | undefined)[];
  /** Path and query of every /api request, in order. */
  apiRequests: string[];
  /** Serves one more trace from now on, as if a run had just finished. */
  addTrace: (trace: FakeTrace) => void;
  close: () => Promise<void>;
}

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
};

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

// The real server's error body: `{ error: GantryErrorJSON }`.
function sendError(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  hint?: string,
): void {
  const domain = code.startsWith("AUTH_") ? "AUTH" : "SERVER";
  const category = status >= 500 ? "SYSTEM" : "USER";
  sendJson(response, status, {
    error: { name: "GantryError", code, message, domain, category, details: {}, ...(hint ? { hint } : {}) },
  });
}

async function serveDashboard(folder: string, pathname: string, response: ServerResponse): Promise<void> {
  const candidate = normalize(join(folder, decodeURIComponent(pathname)));
  const insideFolder = candidate.startsWith(folder + sep);
  if (insideFolder && extname(candidate) !== "") {
    try {
      const content = await readFile(candidate);
      response.writeHead(200, {
        "content-type": contentTypes[extname(candidate)] ?? "application/octet-stream",
      });
      response.end(content);
      return;
    } catch {
      // Not a file: fall through to the single-page-app fallback, as the real server does.
    }
  }
  const indexHtml = await readFile(join(folder, "index.html"));
  response.writeHead(200, { "content-type": contentTypes[".html"] });
  response.end(indexHtml);
}

interface TraceContext {
  traces: FakeTrace[];
  runs: RunDetailJson[];
  approvals: ApprovalRecord[];
  prompts: FakePrompt[];
  evals: FakeEvals;
  now: number;
  maxPageSize: number;
}

function handleApi(
  request: IncomingMessage,
  response: ServerResponse,
  options: FakeControlPlaneOptions,
  traceContext: TraceContext,
  body: string,
): void {
  const authorization = request.headers.authorization;
  if (options.requiredApiKey !== undefined) {
    if (authorization === undefined) {
      sendError(
        response,
        401,
        "AUTH_REQUIRED",
        "This endpoint needs an API key",
        "Send `Authorization: Bearer gsk_…`.",
      );
      return;
    }
    if (authorization !== `Bearer ${options.requiredApiKey}`) {
      sendError(
        response,
        401,
        "AUTH_INVALID_KEY",
        "The API key is not valid: unknown, revoked or expired",
        "Create a key with `gantry keys create --name <name> --scopes read`.",
      );
      return;
    }
  }
  const url = new URL(request.url ?? "/", "http://localhost");
  const pathname = url.pathname;
  const traceAnswer =
    answerApprovalApi(
      { method: request.method ?? "GET", pathname, query: url.searchParams, body },
      traceContext,
    ) ??
    answerPromptApi({ method: request.method ?? "GET", pathname, query: url.searchParams }, traceContext) ??
    answerEvalApi(
      { method: request.method ?? "GET", pathname, query: url.searchParams, body },
      traceContext,
    ) ??
    answerTraceApi(pathname, url.searchParams, traceContext) ??
    answerRunApi(pathname, url.searchParams, traceContext);
  if (traceAnswer !== undefined) {
    sendJson(response, traceAnswer.status, traceAnswer.body);
    return;
  }
  if (pathname !== "/api/v1/info") {
    sendError(response, 404, "ROUTE_NOT_FOUND", `No API route ${request.method} ${pathname}`);
    return;
  }
  const failure = options.infoFailure;
  if (failure !== undefined) {
    sendError(response, failure.status, failure.code, failure.message, failure.hint);
    return;
  }
  sendJson(response, 200, { ...sampleServerInfo, auth: { required: options.requiredApiKey !== undefined } });
}

/**
 * A loopback stand-in for the control plane: the built dashboard, /healthz, /api/v1/info, the trace
 * and session endpoints over realistic sample traces, the runs endpoints over sample runs, approvals,
 * the prompt registry's read endpoints over sample prompts, and the evals endpoints over sample runs.
 */
export async function startFakeControlPlane(options: FakeControlPlaneOptions): Promise<FakeControlPlane> {
  const authorizationHeaders: (string | undefined)[] = [];
  const apiRequests: string[] = [];
  const folder = normalize(options.dashboardFolder);
  const now = options.now ?? Date.now();
  const traces = options.traces ?? buildSampleTraces(now);
  const traceContext: TraceContext = {
    traces,
    runs: options.runs ?? buildSampleRuns(now, traces),
    approvals: options.approvals ?? buildSampleApprovals(now),
    prompts: options.prompts ?? buildSamplePrompts(now),
    evals: options.evals ?? buildSampleEvals(now, traces),
    now,
    maxPageSize: options.maxPageSize ?? 200,
  };

  const server = createServer((request, response) => {
    const pathname = new URL(request.url ?? "/", "http://localhost").pathname;
    if (pathname === "/healthz") return sendJson(response, 200, { status: "ok" });
    if (pathname.startsWith("/api/")) {
      authorizationHeaders.push(request.headers.authorization);
      apiRequests.push(request.url ?? pathname);
      // Decisions carry a JSON body; read it whole before answering.
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () =>
        handleApi(request, response, options, traceContext, Buffer.concat(chunks).toString("utf8")),
      );
      return;
    }
    if (pathname.startsWith("/v1/")) return sendError(response, 404, "ROUTE_NOT_FOUND", "No gateway here");
    if (request.method !== "GET" && request.method !== "HEAD") {
      return sendError(response, 405, "METHOD_NOT_ALLOWED", `${request.method} is not allowed`);
    }
    serveDashboard(folder, pathname, response).catch((error: unknown) => {
      response.writeHead(500, { "content-type": "text/plain" });
      response.end(String(error));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    authorizationHeaders,
    apiRequests,
    addTrace: (trace) => traceContext.traces.push(trace),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
