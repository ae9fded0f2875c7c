import type { JsonValue } from "../core/index.js";
import type { RunState, StoredMessage } from "./run-state.js";

// The tool calls of the last assistant message that have no result yet. Every call the model made
// must be answered (providers reject a conversation with an unanswered call), so results live in one
// tool message right after it, appended as each call finishes.

type ToolMessage = Extract<StoredMessage, { role: "tool" }>;
export interface PendingToolCall {
  toolCallId: string;
  toolName: string;
  input: JsonValue;
}

function lastAssistantIndex(state: RunState): number {
  for (let index = state.messages.length - 1; index >= 0; index--) {
    const role = state.messages[index]?.role;
    if (role === "assistant") return index;
    if (role !== "tool") return -1;
  }
  return -1;
}

/** Calls still waiting for a result, in the order the model made them. */
export function pendingToolCalls(state: RunState): PendingToolCall[] {
  const index = lastAssistantIndex(state);
  if (index < 0) return [];
  const assistant = state.messages[index] as Extract<StoredMessage, { role: "assistant" }>;
  const answered = new Set<string>();
  const next = state.messages[index + 1];
  if (next?.role === "tool") for (const part of next.content) answered.add(part.toolCallId);
  return assistant.content
    .filter((part) => part.type === "tool-call")
    .filter((part) => !answered.has(part.toolCallId))
    .map(({ toolCallId, toolName, input }) => ({ toolCallId, toolName, input }));
}

/** The tool message after the last assistant message, created when missing. */
export function toolMessage(state: RunState): ToolMessage {
  const last = state.messages.at(-1);
  if (last?.role === "tool") return last;
  const message: ToolMessage = { role: "tool", content: [] };
  state.messages.push(message);
  return message;
}

/** Records a call's result (or error) where the model will read it. */
export function answerToolCall(
  state: RunState,
  call: PendingToolCall,
  result: { output: JsonValue } | { error: string },
): void {
  toolMessage(state).content.push({
    type: "tool-result",
    toolCallId: call.toolCallId,
    toolName: call.toolName,
    output:
      "output" in result
        ? { type: "json", value: result.output }
        : { type: "error-text", value: result.error },
  });
}

/** Answers every pending call with `reason` (the call never ran). */
export function closePendingToolCalls(state: RunState, reason: string): void {
  for (const call of pendingToolCalls(state)) answerToolCall(state, call, { error: reason });
}
