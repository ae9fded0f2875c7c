import type { SpansRepository } from "../../store/index.js";
import type { OtlpRejectedSpan } from "./otlp-span.js";
import {
  type OtlpBody,
  type OtlpBodyKind,
  type OtlpBodyLimits,
  type OtlpHeaders,
  readOtlpBody,
} from "./read-otlp-body.js";
import { otlpSpansToRecords, type ToSpanRecordsOptions } from "./to-span-records.js";

// The whole receiver behind `POST /v1/traces`: read the body, decode, map, store, and say what was
// rejected in OTLP's partial-success terms. A route only turns the result (or the thrown USER error)
// into an HTTP answer with encodeOtlpResponse / encodeOtlpError.

export interface IngestOtlpOptions extends ToSpanRecordsOptions {
  limits?: Partial<OtlpBodyLimits>;
}

/** OTLP's ExportTracePartialSuccess. */
export interface OtlpPartialSuccess {
  rejectedSpans: number;
  errorMessage: string;
}

export interface OtlpIngestResult {
  /** The body format, so the answer can be sent in the same one. */
  kind: OtlpBodyKind;
  accepted: number;
  rejected: OtlpRejectedSpan[];
  /** Present when any span was rejected (the OTLP answer for a partly bad batch). */
  partialSuccess?: OtlpPartialSuccess;
}

const reasonsShown = 5;

function partialSuccessOf(rejected: OtlpRejectedSpan[], total: number): OtlpPartialSuccess {
  const shown = rejected.slice(0, reasonsShown).map((span) => `span ${span.index}: ${span.reason}`);
  const more = rejected.length > reasonsShown ? `; and ${rejected.length - reasonsShown} more` : "";
  return {
    rejectedSpans: rejected.length,
    errorMessage: `${rejected.length} of ${total} spans rejected: ${shown.join("; ")}${more}`,
  };
}

/**
 * Ingests one OTLP/HTTP trace export (protobuf or JSON, optionally gzip) into the store. Throws a USER
 * GantryError (OTLP_BODY_INVALID, OTLP_BODY_TOO_LARGE, OTLP_CONTENT_TYPE_UNSUPPORTED,
 * OTLP_CONTENT_ENCODING_UNSUPPORTED) for a body it cannot use; bad spans are rejected one by one.
 */
export async function ingestOtlp(
  store: { spans: Pick<SpansRepository, "insertMany"> },
  body: OtlpBody,
  headers: OtlpHeaders,
  options: IngestOtlpOptions = {},
): Promise<OtlpIngestResult> {
  const decoded = await readOtlpBody(body, headers, options.limits);
  const records = otlpSpansToRecords(decoded.spans, options);
  await store.spans.insertMany(records);
  const result: OtlpIngestResult = {
    kind: decoded.kind,
    accepted: records.length,
    rejected: decoded.rejected,
  };
  if (decoded.rejected.length > 0) {
    result.partialSuccess = partialSuccessOf(decoded.rejected, records.length + decoded.rejected.length);
  }
  return result;
}
