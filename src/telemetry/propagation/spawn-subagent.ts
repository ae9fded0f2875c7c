import { type Context, context, type Span } from "@opentelemetry/api";
import type { AgentInput } from "../gen-ai-attributes.js";

// Subagents escape their parent when they start from somewhere the caller's async context does not
// reach: a concurrency pool or queue that runs the task from whoever frees a slot, an event handler.
// Capturing the context when the subagent is *spawned*, not when it runs, fixes that for good.

export interface SpawnSubagentOptions<T> {
  /** Aborts the subagent; its span ends with an `aborted` event. Defaults to the spawner's signal. */
  signal?: AbortSignal;
  /**
   * Runs the task later (a pool, a limiter, a queue); the task still runs as a child of the spawning
   * span, whatever context the scheduler calls it from. Default: run now.
   */
  schedule?: (task: () => Promise<T>) => Promise<T>;
}

/** What spawnSubagent needs from telemetry: start an `invoke_agent` span under a given parent. */
export type AgentSpanRunner = <T>(
  agent: AgentInput,
  fn: (span: Span) => Promise<T> | T,
  options: { parent: Context; signal?: AbortSignal },
) => Promise<T>;

/** Runs `fn` as a subagent: an `invoke_agent` span that is a child of the span active at the call. */
export function spawnSubagent<T>(
  runAgentSpan: AgentSpanRunner,
  agent: string | AgentInput,
  fn: (span: Span) => Promise<T> | T,
  options: SpawnSubagentOptions<T> = {},
): Promise<T> {
  const parent = context.active();
  const input = typeof agent === "string" ? { name: agent } : agent;
  const task = () => runAgentSpan(input, fn, { parent, signal: options.signal });
  return options.schedule ? options.schedule(task) : task();
}
