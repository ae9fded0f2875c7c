import { GantryError, type JsonValue } from "../core/index.js";
import { toolOutputInvalid } from "./run-errors.js";
import type { AnyTool, ToolContext } from "./tool-definition.js";

// One tool call at the boundary: input checked against the tool's schema, `execute` bounded by the
// tool's timeout and the run's signal, the result checked against the output schema. A bad input, a
// throw or a timeout is a tool error the model sees and can react to; a result that breaks the output
// schema is a broken contract between the tool and its schema, so it fails the run loudly.

export type ToolOutcome =
  | { kind: "ok"; output: JsonValue }
  | { kind: "error"; error: { code: string; message: string } }
  | { kind: "fatal"; error: GantryError };

function issuesText(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 5)
    .map(
      (issue) => `${issue.path.length > 0 ? issue.path.map(String).join(".") : "(root)"}: ${issue.message}`,
    )
    .join("; ");
}

function toJson(value: unknown): JsonValue {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

function withTimeout<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

class ToolTimeout extends Error {}

/** Runs one validated tool call; never throws (the outcome says what happened). */
export async function executeTool(
  tool: AnyTool,
  rawInput: unknown,
  context: Omit<ToolContext, "signal">,
  runSignal: AbortSignal,
): Promise<ToolOutcome> {
  const input = tool.input.safeParse(rawInput);
  if (!input.success) {
    return {
      kind: "error",
      error: {
        code: "TOOL_INPUT_INVALID",
        message: `Invalid arguments for ${tool.name}: ${issuesText(input.error.issues)}`,
      },
    };
  }
  const timeout = new AbortController();
  const timer = setTimeout(
    () => timeout.abort(new ToolTimeout(`timed out after ${tool.timeoutMs} ms`)),
    tool.timeoutMs,
  );
  const signal = AbortSignal.any([runSignal, timeout.signal]);
  let raw: unknown;
  try {
    raw = await withTimeout(
      Promise.resolve().then(() => tool.execute(input.data, { ...context, signal })),
      signal,
    );
  } catch (error) {
    if (error instanceof ToolTimeout) {
      return { kind: "error", error: { code: "TOOL_TIMEOUT", message: `${tool.name} ${error.message}` } };
    }
    if (runSignal.aborted)
      return { kind: "error", error: { code: "TOOL_CANCELLED", message: `${tool.name} was cancelled` } };
    const code = GantryError.isInstance(error) ? error.code : "TOOL_FAILED";
    const message = error instanceof Error ? error.message : String(error);
    return { kind: "error", error: { code, message: `${tool.name} failed: ${message}` } };
  } finally {
    clearTimeout(timer);
  }
  if (tool.output) {
    const output = tool.output.safeParse(raw);
    if (!output.success)
      return { kind: "fatal", error: toolOutputInvalid(tool.name, issuesText(output.error.issues)) };
    return { kind: "ok", output: toJson(output.data) };
  }
  return { kind: "ok", output: toJson(raw) };
}
