import {
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  TraceFlags,
  type Tracer,
  trace,
} from "@opentelemetry/api";
import { defaultResource, resourceFromAttributes } from "@opentelemetry/resources";
import { AlwaysOnSampler, BasicTracerProvider, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { type Clock, packageVersion } from "../core/index.js";
import { ensureAsyncContextManager } from "./async-context-manager.js";
import {
  BoundedExportProcessor,
  type ExportQueueOptions,
  type ExportQueueStats,
} from "./bounded-export-processor.js";
import {
  type AgentInput,
  agentAttributes,
  type ChatRequestInput,
  type ChatResultInput,
  chatRequestAttributes,
  chatResultAttributes,
  type SignalsInput,
  signalAttributes,
  type ToolInput,
  toolAttributes,
  type WorkflowInput,
  workflowAttributes,
} from "./gen-ai-attributes.js";
import { gantryKeys, genAiKeys, spanKinds, spanNames, splitModelId } from "./gen-ai-conventions.js";
import { InheritedAttributesProcessor } from "./inherited-attributes-processor.js";
import { createOtlpHttpExporter, type OtlpExportOptions } from "./otlp-http-exporter.js";
import { type SpawnSubagentOptions, spawnSubagent } from "./propagation/spawn-subagent.js";
import { type Redactor, serialiseRedacted } from "./redaction.js";
import { runInSpan, type SpanRunOptions } from "./run-in-span.js";
import { type SpanStoreTarget, StoreSpanExporter } from "./store-span-exporter.js";
import {
  type TailSamplingOptions,
  TailSamplingProcessor,
  type TailSamplingStats,
} from "./tail-sampling-processor.js";

export interface TelemetryOptions {
  /** `service.name` of every span. */
  serviceName: string;
  serviceVersion?: string;
  /** `gantry.project.id` on the resource; the store indexes spans by it. */
  projectId?: string;
  /** `deployment.environment.name` on the resource (`production`…); drift checks compare by it. */
  environment?: string;
  /** Export to Gantry's store (`store.spans.insertMany`). */
  store?: SpanStoreTarget;
  /** Export to an OTLP/HTTP endpoint. */
  otlp?: OtlpExportOptions;
  /** More exporters by name (each behind its own bounded queue, listed in `stats()`). */
  exporters?: Record<string, SpanExporter>;
  /** Tail-based sampling of whole traces; without it every trace is exported. */
  sampling?: TailSamplingOptions;
  /** Queue settings of every exporter. */
  queue?: ExportQueueOptions;
  /** Record tool arguments and results (opt-in: they may be sensitive), after redaction. */
  captureToolContent?: boolean;
  /** Longest recorded tool argument or result text. Default 8192 characters. */
  maxContentLength?: number;
  /** Runs after the default redaction of tool content; return `undefined` to record nothing. */
  redact?: Redactor;
  /** Span times from this clock instead of the high-resolution system time (tests). */
  clock?: Clock;
}

/** Counters for `/api/v1/info`. */
export interface TelemetryStats {
  /** Spans started and not yet ended. */
  openSpans: number;
  sampling: TailSamplingStats | null;
  exporters: Record<string, ExportQueueStats>;
}

/** Where a helper span goes: under `parent` (default: the active context), ended when `signal` aborts. */
export interface SpanScope {
  parent?: Context;
  signal?: AbortSignal;
}

export type SpanFunction<T> = (span: Span) => Promise<T> | T;

export interface ToolSpanInput extends ToolInput {
  /** Recorded as `gen_ai.tool.call.arguments` only with `captureToolContent`. */
  arguments?: unknown;
}

export interface Telemetry {
  readonly tracer: Tracer;
  /** Any span: runs `fn` with it active and ends it on return, throw or abort. */
  withSpan<T>(options: SpanRunOptions, fn: SpanFunction<T>): Promise<T>;
  /** `invoke_agent {name}`: INTERNAL, or CLIENT when `remote`; session and agent pass on to every span below. */
  startAgentSpan<T>(agent: AgentInput, fn: SpanFunction<T>, scope?: SpanScope): Promise<T>;
  /** `chat {model}` (CLIENT); finish it with `recordChatResult`. */
  startChatSpan<T>(request: ChatRequestInput, fn: SpanFunction<T>, scope?: SpanScope): Promise<T>;
  /** `execute_tool {name}` (INTERNAL); with `captureToolContent`, `fn`'s return value is recorded as the result. */
  startToolSpan<T>(tool: ToolSpanInput, fn: SpanFunction<T>, scope?: SpanScope): Promise<T>;
  /** `invoke_workflow {name}` (INTERNAL). */
  startWorkflowSpan<T>(workflow: WorkflowInput, fn: SpanFunction<T>, scope?: SpanScope): Promise<T>;
  /** A subagent as a child of the active span, even when `options.schedule` runs it later from elsewhere. */
  spawnSubagent<T>(
    agent: string | AgentInput,
    fn: SpanFunction<T>,
    options?: SpawnSubagentOptions<T>,
  ): Promise<T>;
  /** Response model, finish reasons, usage, cost (on this span only) and every attempt. */
  recordChatResult(span: Span, result: ChatResultInput): void;
  /** Behavioural signals and the outcome label, on an open span. */
  setSignals(span: Span, signals: SignalsInput): void;
  /** An outcome known after a span ended: a `gantry.outcome` marker span under it, in the same trace. */
  recordOutcome(target: { traceId: string; spanId: string }, outcome: string): void;
  /** Trace and span id of the active span, to hand to a run record or an HTTP response. */
  activeSpanContext(): { traceId: string; spanId: string } | undefined;
  /** Exports everything finished so far (decides complete traces when sampling). */
  flush(): Promise<void>;
  /** Flushes and stops; spans ended afterwards are dropped and counted. */
  shutdown(): Promise<void>;
  stats(): TelemetryStats;
}

function withInheritedBaggage(parent: Context, entries: Record<string, string | undefined>): Context {
  let baggage = propagation.getBaggage(parent) ?? propagation.createBaggage();
  for (const [key, value] of Object.entries(entries)) {
    if (value !== undefined) baggage = baggage.setEntry(key, { value });
  }
  return propagation.setBaggage(parent, baggage);
}

/** Sets up tracing for one process: the tracer, the GenAI span helpers, exporters and sampling. */
export function createTelemetry(options: TelemetryOptions): Telemetry {
  ensureAsyncContextManager();
  const queues: Record<string, BoundedExportProcessor> = {};
  if (options.store)
    queues.store = new BoundedExportProcessor(new StoreSpanExporter(options.store), options.queue);
  if (options.otlp)
    queues.otlp = new BoundedExportProcessor(createOtlpHttpExporter(options.otlp), options.queue);
  for (const [name, exporter] of Object.entries(options.exporters ?? {})) {
    queues[name] = new BoundedExportProcessor(exporter, options.queue);
  }
  const downstream = Object.values(queues);
  const sampler = options.sampling ? new TailSamplingProcessor(downstream, options.sampling) : undefined;
  const inherited = new InheritedAttributesProcessor();
  const version = packageVersion();
  const resource = defaultResource().merge(
    resourceFromAttributes({
      "service.name": options.serviceName,
      "service.version": options.serviceVersion,
      [gantryKeys.projectId]: options.projectId,
      "deployment.environment.name": options.environment,
    }),
  );
  const provider = new BasicTracerProvider({
    resource,
    // Record everything; what leaves the process is decided at the tail, with the whole trace in view.
    sampler: new AlwaysOnSampler(),
    spanProcessors: [inherited, ...(sampler ? [sampler] : downstream)],
  });
  const tracer = provider.getTracer("gantry", version);
  const clock = options.clock;
  const maxContentLength = options.maxContentLength ?? 8192;

  const withSpan = <T>(spanOptions: SpanRunOptions, fn: SpanFunction<T>) =>
    runInSpan(tracer, clock, spanOptions, fn);

  const startAgentSpan = <T>(agent: AgentInput, fn: SpanFunction<T>, scope: SpanScope = {}) => {
    const parent = withInheritedBaggage(scope.parent ?? context.active(), {
      [gantryKeys.agentName]: agent.name,
      [gantryKeys.sessionId]: agent.sessionId,
    });
    return withSpan(
      {
        name: spanNames.invokeAgent(agent.name),
        kind: spanKinds.invokeAgent(agent.remote === true),
        attributes: agentAttributes(agent),
        parent,
        signal: scope.signal,
      },
      fn,
    );
  };

  const recordContent = (
    span: Span,
    key: string,
    tool: string,
    field: "arguments" | "result",
    value: unknown,
  ) => {
    if (!options.captureToolContent || value === undefined) return;
    const text = serialiseRedacted(value, { field, tool }, options.redact, maxContentLength);
    if (text !== undefined) span.setAttribute(key, text);
  };

  return {
    tracer,
    withSpan,
    startAgentSpan,

    startChatSpan(request, fn, scope = {}) {
      return withSpan(
        {
          name: spanNames.chat(splitModelId(request.model).model),
          kind: spanKinds.chat,
          attributes: chatRequestAttributes(request),
          parent: scope.parent,
          signal: scope.signal,
        },
        fn,
      );
    },

    startToolSpan(tool, fn, scope = {}) {
      return withSpan(
        {
          name: spanNames.executeTool(tool.name),
          kind: spanKinds.executeTool,
          attributes: toolAttributes(tool),
          parent: scope.parent,
          signal: scope.signal,
        },
        options.captureToolContent
          ? async (span) => {
              recordContent(span, genAiKeys.toolCallArguments, tool.name, "arguments", tool.arguments);
              const result = await fn(span);
              recordContent(span, genAiKeys.toolCallResult, tool.name, "result", result);
              return result;
            }
          : fn,
      );
    },

    startWorkflowSpan(workflow, fn, scope = {}) {
      const parent = withInheritedBaggage(scope.parent ?? context.active(), {
        [gantryKeys.sessionId]: workflow.sessionId,
      });
      return withSpan(
        {
          name: spanNames.invokeWorkflow(workflow.name),
          kind: spanKinds.invokeWorkflow,
          attributes: workflowAttributes(workflow),
          parent,
          signal: scope.signal,
        },
        fn,
      );
    },

    spawnSubagent(agent, fn, spawnOptions) {
      return spawnSubagent(
        (input, inner, scope) => startAgentSpan(input, inner, scope),
        agent,
        fn,
        spawnOptions,
      );
    },

    recordChatResult(span, result) {
      span.setAttributes(chatResultAttributes(result));
    },

    setSignals(span, signals) {
      span.setAttributes(signalAttributes(signals));
    },

    recordOutcome(target, outcome) {
      // A remote-flagged parent makes the marker a local root, so tail sampling decides it (or follows
      // the decision already taken for its trace) instead of waiting for a parent that already ended.
      const parent = trace.setSpanContext(ROOT_CONTEXT, {
        traceId: target.traceId,
        spanId: target.spanId,
        traceFlags: TraceFlags.SAMPLED,
        isRemote: true,
      });
      const span = tracer.startSpan(
        spanNames.outcome,
        { kind: SpanKind.INTERNAL, attributes: { [gantryKeys.outcome]: outcome }, startTime: clock?.now() },
        parent,
      );
      span.end(clock?.now());
    },

    activeSpanContext() {
      const span = trace.getSpan(context.active());
      if (!span) return undefined;
      const { traceId, spanId } = span.spanContext();
      return { traceId, spanId };
    },

    flush: () => provider.forceFlush(),
    shutdown: () => provider.shutdown(),

    stats() {
      const exporters: Record<string, ExportQueueStats> = {};
      for (const [name, queue] of Object.entries(queues)) exporters[name] = queue.stats();
      return { openSpans: inherited.openSpans, sampling: sampler?.stats() ?? null, exporters };
    },
  };
}
