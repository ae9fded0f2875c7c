// The telemetry module's only entry point: other modules import from here, never from files inside.

// Tracing core: span helpers, exporters, tail sampling.
export { AsyncLocalStorageContextManager, ensureAsyncContextManager } from "./async-context-manager.js";
export {
  BoundedExportProcessor,
  type ExportQueueOptions,
  type ExportQueueStats,
} from "./bounded-export-processor.js";
export {
  createTelemetry,
  type SpanFunction,
  type SpanScope,
  type Telemetry,
  type TelemetryOptions,
  type TelemetryStats,
  type ToolSpanInput,
} from "./create-telemetry.js";
export {
  type AgentInput,
  type AttemptInput,
  agentAttributes,
  attemptAttributes,
  type ChatRequestInput,
  type ChatResultInput,
  type CostInput,
  chatRequestAttributes,
  chatResultAttributes,
  costAttributes,
  type PromptInput,
  promptAttributes,
  type SignalsInput,
  signalAttributes,
  type ToolInput,
  toolAttributes,
  type UsageInput,
  usageAttributes,
  type WorkflowInput,
  workflowAttributes,
} from "./gen-ai-attributes.js";
export {
  type GenAiOperation,
  gantryEvents,
  gantryKeys,
  genAiEvaluation,
  genAiKeys,
  genAiOperations,
  inheritedBaggageKeys,
  pinnedSemanticConventionsVersion,
  spanKinds,
  spanNames,
  splitModelId,
} from "./gen-ai-conventions.js";
export { decodeOtlpJson } from "./otlp/decode-otlp-json.js";
export { decodeOtlpProtobuf } from "./otlp/decode-otlp-protobuf.js";
export {
  encodeExportTraceServiceResponse,
  encodeOtlpError,
  encodeOtlpResponse,
  exportTraceServiceResponseJson,
  type OtlpHttpAnswer,
  otlpStatusForError,
} from "./otlp/encode-otlp-response.js";
export {
  type IngestOtlpOptions,
  ingestOtlp,
  type OtlpIngestResult,
  type OtlpPartialSuccess,
} from "./otlp/ingest-otlp.js";
export {
  type AttributeConvention,
  attributeMappingRules,
  type MappedField,
  type MappedSpanAttributes,
  mapSpanAttributes,
} from "./otlp/map-span-attributes.js";
// OTLP receiver (`POST /v1/traces`): decoding, attribute mapping, ingest into the store.
export type { DecodedOtlpSpans, OtlpRejectedSpan, OtlpSpan } from "./otlp/otlp-span.js";
export {
  defaultOtlpBodyLimits,
  type OtlpBody,
  type OtlpBodyKind,
  type OtlpBodyLimits,
  type OtlpHeaders,
  type ReadOtlpBodyResult,
  readOtlpBody,
} from "./otlp/read-otlp-body.js";
export {
  nanosToEpochMs,
  otlpAttributeKeys,
  otlpSpansToRecords,
  otlpSpanToRecord,
  type ToSpanRecordsOptions,
} from "./otlp/to-span-records.js";
export { createOtlpHttpExporter, type OtlpExportOptions } from "./otlp-http-exporter.js";
export { otlpSettingsFromEnv } from "./otlp-settings-from-env.js";
export {
  createTracedFetch,
  extractHttpContext,
  type HeaderCarrier,
  injectHttpHeaders,
  runWithHttpContext,
  tracedFetch,
} from "./propagation/http-propagation.js";
export {
  extractJobContext,
  jobTraceField,
  runWithJobContext,
  type TracedJobPayload,
  unwrapJobPayload,
  wrapJobPayload,
} from "./propagation/job-propagation.js";
export { extractMcpMeta, injectMcpMeta, type McpParams } from "./propagation/mcp-propagation.js";
export type { SpawnSubagentOptions } from "./propagation/spawn-subagent.js";
export {
  extractTraceCarrier,
  type InjectOptions,
  injectTraceCarrier,
  type TraceCarrier,
} from "./propagation/w3c-propagation.js";
export { defaultRedact, type RedactionTarget, type Redactor, redactedText } from "./redaction.js";
export { abortSignalOf, runInSpan, type SpanRunOptions, withAbortSignal } from "./run-in-span.js";
export { attributesToJson, hrTimeToEpochMs, toSpanRecord } from "./span-record-mapping.js";
export { type SpanStoreTarget, StoreSpanExporter } from "./store-span-exporter.js";
export {
  type SamplingReason,
  sampledByRate,
  type TailSamplingOptions,
  TailSamplingProcessor,
  type TailSamplingStats,
} from "./tail-sampling-processor.js";
export {
  type IntegritySpan,
  runTraceIntegrityChecks,
  type TraceIntegrityOptions,
  type TraceIntegrityViolation,
  type TraceIntegrityViolationKind,
  toIntegritySpan,
} from "./trace-integrity-suite.js";
