// A LanguageModelV3 as an `@openai/agents-core` Model, so the OpenAI Agents loop can run on the same
// mock model as the AI SDK and Gantry. It converts the agents' Responses-style items to a V3 prompt
// and the V3 result back to output items, as any adapter between the two must (the agents SDK's own
// `aisdk()` adapter lives in @openai/agents-extensions, which is not installed here). Only what the
// benchmark's conversation uses is converted: text messages, function calls and their results.

import type {
  JSONValue,
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3FunctionTool,
  LanguageModelV3Message,
  LanguageModelV3ToolResultOutput,
} from "@ai-sdk/provider";
import {
  type AgentInputItem,
  type AgentOutputItem,
  type Model,
  type ModelRequest,
  type ModelResponse,
  type StreamEvent,
  Usage,
} from "@openai/agents-core";

type InputItem = Exclude<AgentInputItem, string>;

function userText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((part: { type?: string; text?: string }) => (part.type === "input_text" ? (part.text ?? "") : ""))
    .join("");
}

function assistantText(content: unknown): string {
  if (!Array.isArray(content)) return "";
  return content
    .map((part: { type?: string; text?: string }) => (part.type === "output_text" ? (part.text ?? "") : ""))
    .join("");
}

function toolOutput(output: unknown): LanguageModelV3ToolResultOutput {
  const text =
    typeof output === "string"
      ? output
      : output && typeof output === "object" && "text" in output
        ? String((output as { text: unknown }).text)
        : JSON.stringify(output);
  // Function tools return JSON text; hand it to the model as JSON, as the AI SDK does for objects.
  try {
    return { type: "json", value: JSON.parse(text) as JSONValue };
  } catch {
    return { type: "text", value: text };
  }
}

function toPrompt(request: ModelRequest): LanguageModelV3Message[] {
  const messages: LanguageModelV3Message[] = [];
  if (request.systemInstructions) messages.push({ role: "system", content: request.systemInstructions });
  const items: InputItem[] =
    typeof request.input === "string"
      ? [{ role: "user", content: request.input } as InputItem]
      : (request.input as InputItem[]);
  for (const item of items) {
    const anyItem = item as { role?: string; type?: string; content?: unknown };
    if (anyItem.type === "function_call") {
      const call = item as Extract<InputItem, { type: "function_call" }>;
      messages.push({
        role: "assistant",
        content: [
          {
            type: "tool-call",
            toolCallId: call.callId,
            toolName: call.name,
            input: JSON.parse(call.arguments || "{}"),
          },
        ],
      });
    } else if (anyItem.type === "function_call_result") {
      const result = item as Extract<InputItem, { type: "function_call_result" }>;
      messages.push({
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: result.callId,
            toolName: result.name,
            output: toolOutput(result.output),
          },
        ],
      });
    } else if (anyItem.role === "user") {
      messages.push({ role: "user", content: [{ type: "text", text: userText(anyItem.content) }] });
    } else if (anyItem.role === "assistant") {
      messages.push({ role: "assistant", content: [{ type: "text", text: assistantText(anyItem.content) }] });
    } else if (anyItem.role === "system") {
      messages.push({ role: "system", content: String(anyItem.content) });
    }
  }
  return messages;
}

function toTools(request: ModelRequest): LanguageModelV3FunctionTool[] {
  return request.tools.flatMap((tool) =>
    tool.type === "function"
      ? [
          {
            type: "function" as const,
            name: tool.name,
            description: tool.description,
            inputSchema: tool.parameters as LanguageModelV3FunctionTool["inputSchema"],
          },
        ]
      : [],
  );
}

/** Wraps `model` in the agents SDK's Model interface (non-streamed calls; a stream replays the result). */
export function agentsCoreModel(model: LanguageModelV3): Model {
  const getResponse = async (request: ModelRequest): Promise<ModelResponse> => {
    const tools = toTools(request);
    const options: LanguageModelV3CallOptions = {
      prompt: toPrompt(request),
      ...(tools.length > 0 ? { tools, toolChoice: { type: "auto" } } : {}),
      ...(request.modelSettings.maxTokens ? { maxOutputTokens: request.modelSettings.maxTokens } : {}),
      ...(request.signal ? { abortSignal: request.signal } : {}),
    };
    const result = await model.doGenerate(options);
    const output: AgentOutputItem[] = [];
    for (const part of result.content) {
      if (part.type === "text" && part.text !== "") {
        output.push({
          type: "message",
          role: "assistant",
          status: "completed",
          content: [{ type: "output_text", text: part.text }],
        });
      } else if (part.type === "tool-call") {
        output.push({
          type: "function_call",
          callId: part.toolCallId,
          name: part.toolName,
          arguments: part.input,
          status: "completed",
        });
      }
    }
    const inputTokens = result.usage.inputTokens.total ?? 0;
    const outputTokens = result.usage.outputTokens.total ?? 0;
    return {
      usage: new Usage({ requests: 1, inputTokens, outputTokens, totalTokens: inputTokens + outputTokens }),
      output,
      ...(result.response?.id ? { responseId: result.response.id } : {}),
    };
  };
  return {
    getResponse,
    async *getStreamedResponse(request: ModelRequest): AsyncIterable<StreamEvent> {
      const response = await getResponse(request);
      yield {
        type: "response_done",
        response: {
          id: response.responseId ?? "response",
          usage: {
            requests: 1,
            inputTokens: response.usage.inputTokens,
            outputTokens: response.usage.outputTokens,
            totalTokens: response.usage.totalTokens,
          },
          // The stream event's schema lists fewer item kinds than AgentOutputItem; ours are all in it.
          output: response.output as never,
        },
      };
    },
  };
}
