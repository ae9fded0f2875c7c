import { GantryError } from "../../core/index.js";
import type { OtlpIngestResult, OtlpPartialSuccess } from "./ingest-otlp.js";
import { bytesField, message, stringField, varintField } from "./protobuf-writer.js";
import { type OtlpBodyKind, type OtlpHeaders, otlpBodyKind } from "./read-otlp-body.js";

// The HTTP answer to an OTLP export, in the format the request came in, as OTLP/HTTP prescribes:
// 200 with an ExportTraceServiceResponse (partial_success when spans were rejected), or a 4xx/5xx with
// a google.rpc.Status. JSON errors also carry Gantry's `{ "error": … }` envelope.

export interface OtlpHttpAnswer {
  status: 200 | 400 | 413 | 415 | 500 | 503;
  contentType: "application/x-protobuf" | "application/json";
  body: Uint8Array | string;
}

const contentTypes = { protobuf: "application/x-protobuf", json: "application/json" } as const;

/** ExportTraceServiceResponse in protobuf; empty (all accepted) when there is no partial success. */
export function encodeExportTraceServiceResponse(partialSuccess?: OtlpPartialSuccess): Uint8Array {
  if (partialSuccess === undefined) return new Uint8Array(0);
  // partial_success (1) { rejected_spans (1, int64), error_message (2, string) }
  return bytesField(
    1,
    message(varintField(1, partialSuccess.rejectedSpans), stringField(2, partialSuccess.errorMessage)),
  );
}

/** ExportTraceServiceResponse in OTLP/JSON (int64 as a decimal string, as proto3 JSON writes it). */
export function exportTraceServiceResponseJson(partialSuccess?: OtlpPartialSuccess): string {
  if (partialSuccess === undefined) return "{}";
  return JSON.stringify({
    partialSuccess: {
      rejectedSpans: String(partialSuccess.rejectedSpans),
      errorMessage: partialSuccess.errorMessage,
    },
  });
}

/** The 200 answer for an ingest result. */
export function encodeOtlpResponse(
  result: Pick<OtlpIngestResult, "kind" | "partialSuccess">,
): OtlpHttpAnswer {
  return {
    status: 200,
    contentType: contentTypes[result.kind],
    body:
      result.kind === "protobuf"
        ? encodeExportTraceServiceResponse(result.partialSuccess)
        : exportTraceServiceResponseJson(result.partialSuccess),
  };
}

/** HTTP status for an error thrown by ingestOtlp: 4xx for anything the sender got wrong. */
export function otlpStatusForError(error: GantryError): OtlpHttpAnswer["status"] {
  if (error.code === "OTLP_BODY_TOO_LARGE") return 413;
  if (error.code === "OTLP_CONTENT_TYPE_UNSUPPORTED" || error.code === "OTLP_CONTENT_ENCODING_UNSUPPORTED")
    return 415;
  if (error.category === "USER") return 400;
  // The store failing is transient far more often than not; 503 makes OTLP exporters retry.
  if (error.category === "THIRD_PARTY" || error.domain === "STORE") return 503;
  return 500;
}

// google.rpc.Code for each status.
const rpcCodes: Record<OtlpHttpAnswer["status"], number> = {
  200: 0,
  400: 3,
  413: 8,
  415: 3,
  500: 13,
  503: 14,
};

/** The error answer for anything ingestOtlp threw; 5xx answers never carry the cause. */
export function encodeOtlpError(thrown: unknown, headers: OtlpHeaders): OtlpHttpAnswer {
  const error = GantryError.isInstance(thrown)
    ? thrown
    : new GantryError({
        code: "INTERNAL_ERROR",
        message: "The OTLP receiver failed to store the spans; see the server log",
        domain: "TELEMETRY",
        category: "SYSTEM",
        cause: thrown,
      });
  const status = otlpStatusForError(error);
  const text = status >= 500 ? "The OTLP receiver could not store the spans; retry later" : error.message;
  let kind: OtlpBodyKind = "json";
  try {
    kind = otlpBodyKind(headers);
  } catch {
    // An unsupported content type is answered in JSON.
  }
  if (kind === "protobuf") {
    return {
      status,
      contentType: contentTypes.protobuf,
      body: message(varintField(1, rpcCodes[status]), stringField(2, text)),
    };
  }
  const envelope = error.toJSON();
  if (status >= 500) delete envelope.cause;
  return {
    status,
    contentType: contentTypes.json,
    body: JSON.stringify({ code: rpcCodes[status], message: text, error: envelope }),
  };
}
