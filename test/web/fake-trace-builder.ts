// Builds realistic spans in the shape of GET /api/v1/traces/:id (SpanJson), with the attribute names
// of src/telemetry/gen-ai-conventions.ts. Deterministic: a seeded generator makes the ids and jitter.

/** One span as the trace API answers it. */
export interface FakeSpan {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: string;
  startTimeMs: number;
  endTimeMs: number;
  durationMs: number;
  /** Lower case, as the store keeps it (`unset`, `ok`, `error`). */
  statusCode: "unset" | "ok" | "error";
  statusMessage: string | null;
  attributes: Record<string, unknown>;
  events: { name: string; timeMs: number; attributes: Record<string, unknown> }[];
  agent: string | null;
  model: string | null;
  sessionId: string | null;
  costMicros: number | null;
  depth: number;
}

export interface FakeTrace {
  traceId: string;
  spans: FakeSpan[];
}

/** A small seeded generator (mulberry32): the same seed gives the same traces on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function hexId(random: () => number, length: number): string {
  let id = "";
  while (id.length < length)
    id += Math.floor(random() * 0x10000)
      .toString(16)
      .padStart(4, "0");
  return id.slice(0, length);
}

export interface SpanOptions {
  parent?: string;
  name: string;
  kind?: string;
  /** Start, in milliseconds after the trace's start. */
  atMs: number;
  durationMs: number;
  agent?: string | null;
  model?: string | null;
  attributes?: Record<string, unknown>;
  error?: string;
  events?: { name: string; atMs: number; attributes?: Record<string, unknown> }[];
}

export interface ChatOptions {
  parent: string;
  atMs: number;
  durationMs: number;
  agent: string | null;
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number;
  /** Null for an unpriced model: the cost is unknown, and no `gantry.cost.micros` is recorded. */
  costMicros: number | null;
  finishReason?: string;
  attempts?: Record<string, unknown>[];
  extra?: Record<string, unknown>;
}

/** Adds spans to one trace; parents must be added before their children. */
export class TraceBuilder {
  readonly traceId: string;
  readonly spans: FakeSpan[] = [];
  private readonly depths = new Map<string, number>();

  constructor(
    private readonly random: () => number,
    private readonly startMs: number,
    private readonly sessionId: string | null,
  ) {
    this.traceId = hexId(random, 32);
  }

  /** A random integer in [low, high], for realistic jitter. */
  between(low: number, high: number): number {
    return Math.round(low + this.random() * (high - low));
  }

  span(options: SpanOptions): string {
    const spanId = hexId(this.random, 16);
    const depth = options.parent === undefined ? 0 : (this.depths.get(options.parent) ?? 0) + 1;
    this.depths.set(spanId, depth);
    const startTimeMs = this.startMs + options.atMs;
    const attributes: Record<string, unknown> = { ...options.attributes };
    if (options.agent) attributes["gantry.agent.name"] = options.agent;
    if (this.sessionId !== null) attributes["gantry.session.id"] = this.sessionId;
    if (options.error !== undefined) attributes["error.type"] ??= "Error";
    const cost = attributes["gantry.cost.micros"];
    this.spans.push({
      spanId,
      parentSpanId: options.parent ?? null,
      name: options.name,
      kind: options.kind ?? "internal",
      startTimeMs,
      endTimeMs: startTimeMs + options.durationMs,
      durationMs: options.durationMs,
      statusCode: options.error === undefined ? "unset" : "error",
      statusMessage: options.error ?? null,
      attributes,
      events: (options.events ?? []).map((event) => ({
        name: event.name,
        timeMs: startTimeMs + event.atMs,
        attributes: event.attributes ?? {},
      })),
      agent: options.agent ?? null,
      model: options.model ?? null,
      sessionId: this.sessionId,
      costMicros: typeof cost === "number" ? cost : null,
      depth,
    });
    return spanId;
  }

  agent(options: {
    parent?: string;
    agent: string;
    atMs: number;
    durationMs: number;
    error?: string;
  }): string {
    return this.span({
      parent: options.parent,
      name: `invoke_agent ${options.agent}`,
      atMs: options.atMs,
      durationMs: options.durationMs,
      agent: options.agent,
      error: options.error,
      attributes: { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": options.agent },
    });
  }

  chat(options: ChatOptions): string {
    const attributes: Record<string, unknown> = {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": options.provider,
      "gen_ai.request.model": options.model,
      "gen_ai.response.model": options.model,
      "gen_ai.response.finish_reasons": [options.finishReason ?? "stop"],
      "gen_ai.usage.input_tokens": options.inputTokens,
      "gen_ai.usage.output_tokens": options.outputTokens,
      "gantry.cost.source": options.costMicros === null ? "unknown" : "computed",
      ...options.extra,
    };
    if (options.cacheReadTokens) attributes["gen_ai.usage.cache_read.input_tokens"] = options.cacheReadTokens;
    if (options.costMicros !== null) attributes["gantry.cost.micros"] = options.costMicros;
    if (options.attempts) {
      attributes["gantry.model.attempts"] = JSON.stringify(options.attempts);
      attributes["gantry.model.attempt_count"] = options.attempts.length;
    }
    return this.span({
      parent: options.parent,
      name: `chat ${options.model}`,
      kind: "client",
      atMs: options.atMs,
      durationMs: options.durationMs,
      agent: options.agent,
      model: options.model,
      attributes,
    });
  }

  tool(options: {
    parent: string;
    tool: string;
    atMs: number;
    durationMs: number;
    agent: string | null;
    arguments?: unknown;
    result?: unknown;
    error?: string;
    events?: SpanOptions["events"];
  }): string {
    const attributes: Record<string, unknown> = {
      "gen_ai.operation.name": "execute_tool",
      "gen_ai.tool.name": options.tool,
      "gen_ai.tool.type": "function",
      "gen_ai.tool.call.id": `call_${hexId(this.random, 12)}`,
    };
    if (options.arguments !== undefined)
      attributes["gen_ai.tool.call.arguments"] = JSON.stringify(options.arguments);
    if (options.result !== undefined) attributes["gen_ai.tool.call.result"] = JSON.stringify(options.result);
    return this.span({
      parent: options.parent,
      name: `execute_tool ${options.tool}`,
      atMs: options.atMs,
      durationMs: options.durationMs,
      agent: options.agent,
      error: options.error,
      events: options.events,
      attributes,
    });
  }

  build(): FakeTrace {
    return {
      traceId: this.traceId,
      spans: [...this.spans].sort((left, right) => left.startTimeMs - right.startTimeMs),
    };
  }
}
