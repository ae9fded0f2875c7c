import { Hono } from "hono";
import { encodeOtlpError, encodeOtlpResponse, ingestOtlp } from "../../telemetry/index.js";
import type { ServerContext } from "../server-context.js";

/**
 * `POST /v1/traces`: the OTLP/HTTP receiver (JSON or protobuf, optionally gzip). Answers in the
 * request's own encoding, with OTLP's partial success for bad spans and a 4xx for bad bodies, so
 * standard exporters read every answer; only a store failure is a 5xx (503, which exporters retry).
 */
export function otlpRoutes(context: ServerContext): Hono {
  const app = new Hono();
  app.post("/v1/traces", async (c) => {
    let answer: ReturnType<typeof encodeOtlpResponse>;
    try {
      answer = encodeOtlpResponse(await ingestOtlp(context.store, c.req.raw.body, c.req.raw.headers));
    } catch (error) {
      answer = encodeOtlpError(error, c.req.raw.headers);
      if (answer.status >= 500) console.error("[gantry] OTLP ingest failed:", error);
    }
    return c.body(answer.body as Uint8Array<ArrayBuffer> | string, answer.status, {
      "content-type": answer.contentType,
    });
  });
  return app;
}
