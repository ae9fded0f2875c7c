import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { GantryError } from "../../core/index.js";
import type { AuthVariables } from "../auth-middleware.js";
import type { ServerContext } from "../server-context.js";
import { chatChunkStream } from "./chat-chunk-stream.js";
import { chatCompletionBody } from "./chat-completion-body.js";
import { chatRequestToModelRequest, parseChatRequest } from "./chat-request-to-model-request.js";
import { describeRoute, gatewayHeaderNames, gatewayHeaders } from "./gateway-headers.js";
import { modelListBody } from "./model-list-body.js";
import { rateLimitMiddleware } from "./rate-limit-middleware.js";
import { RateLimiter } from "./rate-limiter.js";

/**
 * The OpenAI-compatible gateway: `POST /v1/chat/completions` (plain and SSE) and `GET /v1/models`,
 * served by the workspace's ModelClient (tiers, failover, cost) behind per-key rate limits.
 * Authentication runs before (create-app.ts); errors leave in OpenAI's shape (openai-error.ts).
 */
export function gatewayRoutes(context: ServerContext): Hono<{ Variables: AuthVariables }> {
  const app = new Hono<{ Variables: AuthVariables }>();
  const limiter = new RateLimiter(context.workspace.config.server.rateLimits, context.clock);
  const seconds = () => Math.floor(context.clock.now() / 1000);

  app.use("/v1/chat/completions", rateLimitMiddleware(limiter));
  app.use("/v1/models", rateLimitMiddleware(limiter));

  app.get("/v1/models", (c) => c.json(modelListBody(context.models.listModels(), seconds())));

  app.post("/v1/chat/completions", async (c) => {
    const chat = parseChatRequest(await jsonBody(c.req.raw));
    const request = {
      ...chatRequestToModelRequest(chat, context.workspace.config.models.tiers),
      // A client that hangs up stops the model call, and with it the bill.
      abortSignal: c.req.raw.signal,
    };
    // Opaque, as OpenAI's are; randomUUID draws from a pooled entropy buffer (no syscall per request).
    const identity = { id: `chatcmpl-${randomUUID().replaceAll("-", "")}`, createdSeconds: seconds() };

    if (chat.stream !== true) {
      const result = await context.models.client.generate(request);
      return c.json(chatCompletionBody(result, identity), 200, gatewayHeaders(result));
    }

    const source = await context.models.client.stream(request);
    const headers: Record<string, string> = {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      // Proxies such as nginx would otherwise buffer the stream and deliver it in one piece.
      "x-accel-buffering": "no",
    };
    // Attempts and cost are only final when the stream ends: they come in the end-of-stream summary.
    if (source.modelId) headers[gatewayHeaderNames.model] = source.modelId;
    if (source.route) headers[gatewayHeaderNames.route] = describeRoute(source.route);
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    const body = chatChunkStream(
      source,
      {
        ...identity,
        model: source.modelId ?? request.model ?? chat.model,
        includeUsage: chat.stream_options?.include_usage === true,
      },
      (error) =>
        console.error(`[gantry] POST /v1/chat/completions stream ended with ${error.code}: ${error.message}`),
    );
    return c.body(body, 200);
  });

  return app;
}

async function jsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new GantryError({
      code: "GATEWAY_REQUEST_INVALID",
      message: "The request body is not JSON",
      domain: "SERVER",
      category: "USER",
      hint: "Send a Chat Completions body with content-type application/json.",
    });
  }
}
