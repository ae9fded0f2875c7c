import type { z } from "zod";
import { GantryError } from "../core/index.js";

// A tool an agent can call: typed input and output checked at the boundary, side-effect annotations
// the policy point reads, and a timeout. `defineTool` only checks and freezes the definition.

const toolMarker = Symbol.for("gantry.tool");

/** Hints about side effects, as MCP spells them; the policy point and the resume logic read them. */
export interface ToolAnnotations {
  /** Reads only; safe to repeat. */
  readOnly?: boolean;
  /** Changes or deletes something that matters (refunds, deletes). */
  destructive?: boolean;
  /** Repeating a call with the same input has no further effect. */
  idempotent?: boolean;
}

/** What a tool's `execute` is handed besides its input. */
export interface ToolContext {
  runId: string;
  agent: string;
  sessionId?: string;
  /** The model's id for this call. */
  toolCallId: string;
  /**
   * Stable across retries and resumes of the same call (`{runId}:{toolCallId}`): pass it to the
   * system that performs the side effect so a repeat is recognised and not done twice.
   */
  idempotencyKey: string;
  /** 1 the first time; higher when a resumed run re-executes a call whose result was never recorded. */
  attempt: number;
  /** Aborts on the tool's timeout, the run's wall clock, or the caller's cancel. */
  signal: AbortSignal;
  /**
   * A credential minted for this call only (bound to the tool and these arguments, short-lived):
   * hand it to the service that performs the action, which checks it with `verifyToolCredential`.
   * Absent when the runtime has no signing secret.
   */
  credential?: string;
}

export interface ToolConfig<Input, Output> {
  /** Letters, digits, `_` and `-` (what every provider accepts), 1-64 characters. */
  name: string;
  /** What the model reads to decide when to call it. */
  description: string;
  input: z.ZodType<Input>;
  /** Checked on every result: a renamed field fails loudly instead of flowing on as undefined. */
  output?: z.ZodType<Output>;
  execute: (input: Input, context: ToolContext) => Promise<Output> | Output;
  annotations?: ToolAnnotations;
  /** Default 30 000 ms. */
  timeoutMs?: number;
}

export interface ToolDefinition<Input = unknown, Output = unknown>
  extends Readonly<ToolConfig<Input, Output>> {
  readonly [toolMarker]: true;
  readonly annotations: ToolAnnotations;
  readonly timeoutMs: number;
}

// biome-ignore lint/suspicious/noExplicitAny: a list of tools holds tools of every input and output type.
export type AnyTool = ToolDefinition<any, any>;

const toolNamePattern = /^[A-Za-z0-9_-]{1,64}$/;

function invalidTool(name: string, problem: string, hint: string): GantryError {
  return new GantryError({
    code: "TOOL_DEFINITION_INVALID",
    message: `Tool "${name}": ${problem}`,
    domain: "TOOL",
    category: "USER",
    details: { tool: name },
    hint,
  });
}

/** Declares a tool; throws TOOL_DEFINITION_INVALID for a bad name, schema or timeout. */
export function defineTool<Input, Output>(config: ToolConfig<Input, Output>): ToolDefinition<Input, Output> {
  if (typeof config.name !== "string" || !toolNamePattern.test(config.name)) {
    throw invalidTool(
      String(config.name),
      "the name must be 1-64 letters, digits, '_' or '-'",
      "Rename the tool, e.g. lookup_order.",
    );
  }
  if (typeof config.description !== "string" || config.description.trim() === "") {
    throw invalidTool(
      config.name,
      "description is empty",
      "Say in one sentence what the tool does and when to use it.",
    );
  }
  if (typeof config.input?.safeParse !== "function") {
    throw invalidTool(config.name, "input is not a zod schema", "Pass input: z.object({ ... }).");
  }
  if (config.output !== undefined && typeof config.output.safeParse !== "function") {
    throw invalidTool(
      config.name,
      "output is not a zod schema",
      "Pass output: z.object({ ... }) or leave it out.",
    );
  }
  if (typeof config.execute !== "function") {
    throw invalidTool(
      config.name,
      "execute is not a function",
      "Pass execute: async (input, context) => result.",
    );
  }
  const timeoutMs = config.timeoutMs ?? 30_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw invalidTool(
      config.name,
      `timeoutMs must be a positive integer, got ${timeoutMs}`,
      "Use e.g. timeoutMs: 10_000.",
    );
  }
  return Object.freeze({
    ...config,
    annotations: { ...config.annotations },
    timeoutMs,
    [toolMarker]: true as const,
  });
}

/** Whether a value was made by `defineTool` (also across duplicate package copies). */
export function isTool(value: unknown): value is AnyTool {
  return (
    typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[toolMarker] === true
  );
}
