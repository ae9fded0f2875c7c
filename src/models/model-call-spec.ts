import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3FinishReason,
  LanguageModelV3StreamPart,
} from "@ai-sdk/provider";

// The contract of the model-access layer. Every model call in Gantry (runtime, evals, the gateway)
// goes through a ModelClient; providers, prices, retry/failover, routing and the cache implement it.

/**
 * Token usage in one shape for every provider. The buckets are disjoint and each is priced on its own:
 * `input` excludes cache reads and writes (OpenAI counts cached tokens inside prompt tokens; we
 * subtract them), `output` excludes `reasoning` (OpenAI counts reasoning inside completion tokens).
 */
export interface NormalisedUsage {
  input: number;
  cacheRead: number;
  /** Cache writes at the 5-minute rate (Anthropic's default TTL). */
  cacheWrite: number;
  /** Cache writes at the 1-hour rate; 0 when the provider does not split them. */
  cacheWrite1h: number;
  output: number;
  reasoning: number;
}

export type CostSource = "reported" | "computed" | "unknown";

/** Cost of one call in integer micro-USD; `micros` is null exactly when `source` is `unknown`. */
export interface CallCost {
  micros: number | null;
  source: CostSource;
  /** Per-bucket micro-USD when computed from prices, for explaining a bill. */
  breakdown?: Partial<Record<keyof NormalisedUsage, number>>;
  /** The price snapshot used (bundled version or `override`). */
  priceVersion?: string;
}

/** Why an attempt ended the way it did; `retryable` and `failover` decide what the policy does next. */
export interface AttemptError {
  code: string;
  message: string;
  statusCode?: number;
  retryAfterMs?: number;
  retryable: boolean;
}

/** One try of one candidate. Every attempt of a request is returned, for traces and response headers. */
export interface ModelAttempt {
  /** 1-based across the whole request (retries and fallbacks alike). */
  number: number;
  modelId: string;
  provider: string;
  startedAt: number;
  durationMs: number;
  /** Time waited (backoff or Retry-After) before this attempt started. */
  waitedMs: number;
  outcome: "success" | "error" | "skipped-cooldown" | "aborted";
  error?: AttemptError;
  usage?: NormalisedUsage;
  cost?: CallCost;
  /** Things that went wrong without failing the attempt (a malformed stream chunk, a rejected cascade answer). */
  warnings?: string[];
}

/** What the router decided, and why. */
export interface RouteDecision {
  /** The tier chosen, when routing chose one. */
  tier?: string;
  /** rule | content | classifier | cascade | explicit (a `provider:model` id) | tier (a `tier:x` id) */
  reason: "rule" | "content" | "classifier" | "cascade" | "explicit" | "tier" | "default";
  /** Ordered candidates the retry policy will try. */
  candidates: string[];
  /** For cascades: whether the cheap answer was rejected and the request escalated. */
  escalated?: boolean;
  cascade?: string;
  /** For cascades: the stronger tier's candidates, tried when `validate` rejects the cheap answer. */
  escalateCandidates?: string[];
  /** For cascades: whether the cheap answer is good enough; false escalates. */
  validate?: (result: ModelCallResult) => boolean | Promise<boolean>;
}

/** A model call: the AI SDK call options plus what Gantry needs to route and account for it. */
export interface ModelRequest extends LanguageModelV3CallOptions {
  /** `provider:model`, `tier:<name>`, or omitted for the workspace default. */
  model?: string;
  /** Task profile for rule routing (e.g. `classification`). */
  taskProfile?: string;
  /** Skip the response cache for this call even when enabled. */
  noCache?: boolean;
  /** The versioned prompt behind this call: recorded on its `chat` span (`gantry.prompt.*`). */
  promptRef?: { id: string; version?: string; hash?: string; source?: string };
}

/** The outcome of a plain (non-streamed) call. */
export interface ModelCallResult {
  /** The model that produced the answer (`provider:model`). */
  modelId: string;
  content: LanguageModelV3Content[];
  finishReason: LanguageModelV3FinishReason;
  usage: NormalisedUsage;
  cost: CallCost;
  attempts: ModelAttempt[];
  route: RouteDecision;
  /** True when served from the response cache (cost is then 0, reported). */
  cached: boolean;
  /** The provider's response id and metadata, passed through. */
  responseId?: string;
  providerMetadata?: Record<string, unknown>;
}

/**
 * A streamed call: `stream` yields the provider's V3 parts (after failover chose a candidate) and
 * `result` settles when the stream ends, with usage and cost counted exactly as for a plain call.
 * A stream that fails after content was delivered is never re-sent: it errors with
 * `MODEL_STREAM_INTERRUPTED` and `result` rejects with the same error.
 */
export interface ModelStreamResult {
  stream: ReadableStream<LanguageModelV3StreamPart>;
  result: Promise<ModelCallResult>;
  /**
   * Known when the stream starts, before any content (the gateway sends them as headers): the model
   * whose stream this is, and the route. Attempts, usage and cost are on `result`.
   */
  modelId?: string;
  route?: RouteDecision;
}

/** The one door to models. */
export interface ModelClient {
  generate(request: ModelRequest): Promise<ModelCallResult>;
  stream(request: ModelRequest): Promise<ModelStreamResult>;
  /** The language model behind an id (no routing, retry or accounting); for adapters that need it. */
  languageModel(modelId: string): LanguageModelV3;
}
