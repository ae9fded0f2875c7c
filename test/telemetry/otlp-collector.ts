import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";

// A minimal OTLP/HTTP JSON collector on loopback, for tests: it records every request to /v1/traces
// and answers with the status the test chooses.

export interface OtlpJsonAttribute {
  key: string;
  value: Record<string, unknown>;
}

export interface OtlpJsonSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: OtlpJsonAttribute[];
  status?: { code?: number; message?: string };
}

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: {
    resourceSpans: Array<{
      resource?: { attributes?: OtlpJsonAttribute[] };
      scopeSpans: Array<{ scope?: { name?: string }; spans: OtlpJsonSpan[] }>;
    }>;
  };
}

export interface LoopbackCollector {
  url: string;
  requests: ReceivedRequest[];
  /** Status answered to the next requests (200 by default). */
  respondWith(status: number): void;
  spans(): OtlpJsonSpan[];
  close(): Promise<void>;
}

/** Starts the collector on 127.0.0.1 with a free port. */
export async function startLoopbackCollector(): Promise<LoopbackCollector> {
  const requests: ReceivedRequest[] = [];
  let status = 200;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      let raw = Buffer.concat(chunks);
      if (request.headers["content-encoding"] === "gzip") raw = gunzipSync(raw);
      if (status === 200) {
        requests.push({
          path: request.url ?? "",
          headers: request.headers,
          body: JSON.parse(raw.toString("utf8")),
        });
      }
      response.writeHead(status, { "content-type": "application/json" });
      response.end(status === 200 ? "{}" : JSON.stringify({ code: 3, message: "rejected by the test" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/traces`,
    requests,
    respondWith(next) {
      status = next;
    },
    spans() {
      return requests.flatMap((received) =>
        received.body.resourceSpans.flatMap((resource) =>
          resource.scopeSpans.flatMap((scope) => scope.spans),
        ),
      );
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** An OTLP JSON attribute list as a plain object (string, int, double, bool and arrays of them). */
export function attributeMap(attributes: OtlpJsonAttribute[] = []): Record<string, unknown> {
  const unwrap = (value: Record<string, unknown>): unknown => {
    if ("stringValue" in value) return value.stringValue;
    if ("intValue" in value) return Number(value.intValue);
    if ("doubleValue" in value) return value.doubleValue;
    if ("boolValue" in value) return value.boolValue;
    if ("arrayValue" in value) {
      const values = (value.arrayValue as { values?: Record<string, unknown>[] }).values ?? [];
      return values.map(unwrap);
    }
    return value;
  };
  return Object.fromEntries(attributes.map((attribute) => [attribute.key, unwrap(attribute.value)]));
}
