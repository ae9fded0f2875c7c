import type { JSONSchema7, LanguageModelV3FunctionTool, LanguageModelV3ToolChoice } from "@ai-sdk/provider";
import { formatIssues, GantryError } from "../../core/index.js";
import type { ModelRequest } from "../../models/index.js";
import { chatMessagesToPrompt } from "./chat-messages-to-prompt.js";
import { type ChatRequest, chatRequestSchema } from "./chat-request-schema.js";
import { resolveGatewayModel } from "./resolve-gateway-model.js";

/** Validates a Chat Completions body; a bad one is a 400 naming the first wrong field as `param`. */
export function parseChatRequest(body: unknown): ChatRequest {
  const parsed = chatRequestSchema.safeParse(body, { reportInput: true });
  if (parsed.success) return parsed.data;
  const problems = formatIssues(parsed.error).map((problem) => ({
    param: openAiParam(problem.path),
    message: problem.message,
  }));
  const first = problems[0]!;
  throw new GantryError({
    code: "GATEWAY_REQUEST_INVALID",
    message: `Invalid chat completion request: ${problems.map((problem) => `${problem.param}: ${problem.message}`).join("; ")}`,
    domain: "SERVER",
    category: "USER",
    details: { param: first.param, problems },
    hint: "The body follows OpenAI's Chat Completions request; see docs/reference/http-api.md#gateway.",
  });
}

// `messages.0.content` → `messages[0].content`, as OpenAI writes `param`.
function openAiParam(path: string): string {
  return path.replace(/\.(\d+)(?=\.|$)/g, "[$1]");
}

/** A validated Chat Completions request as a Gantry model request (V3 prompt, tools, settings). */
export function chatRequestToModelRequest(
  request: ChatRequest,
  tiers: Readonly<Record<string, unknown>>,
): ModelRequest {
  const modelRequest: ModelRequest = {
    model: resolveGatewayModel(request.model, tiers),
    prompt: chatMessagesToPrompt(request.messages),
  };
  const maxOutputTokens = request.max_completion_tokens ?? request.max_tokens;
  if (maxOutputTokens != null) modelRequest.maxOutputTokens = maxOutputTokens;
  if (request.temperature != null) modelRequest.temperature = request.temperature;
  if (request.top_p != null) modelRequest.topP = request.top_p;
  if (request.seed != null) modelRequest.seed = request.seed;
  if (request.presence_penalty != null) modelRequest.presencePenalty = request.presence_penalty;
  if (request.frequency_penalty != null) modelRequest.frequencyPenalty = request.frequency_penalty;
  if (request.stop != null)
    modelRequest.stopSequences = typeof request.stop === "string" ? [request.stop] : request.stop;
  if (request.tools && request.tools.length > 0) modelRequest.tools = request.tools.map(functionTool);
  if (request.tool_choice != null) modelRequest.toolChoice = toolChoice(request.tool_choice);
  const format = request.response_format;
  if (format?.type === "json_object") modelRequest.responseFormat = { type: "json" };
  if (format?.type === "json_schema") {
    modelRequest.responseFormat = {
      type: "json",
      name: format.json_schema.name,
      ...(format.json_schema.description ? { description: format.json_schema.description } : {}),
      ...(format.json_schema.schema ? { schema: format.json_schema.schema as JSONSchema7 } : {}),
    };
  }
  // `user` and `parallel_tool_calls` have no V3 field: they travel as OpenAI provider options,
  // which other providers ignore.
  const openai: Record<string, string | boolean> = {};
  if (request.user != null) openai.user = request.user;
  if (request.parallel_tool_calls != null) openai.parallelToolCalls = request.parallel_tool_calls;
  if (format?.type === "json_schema" && format.json_schema.strict != null) {
    openai.strictJsonSchema = format.json_schema.strict;
  }
  if (Object.keys(openai).length > 0) modelRequest.providerOptions = { openai };
  return modelRequest;
}

function functionTool(tool: NonNullable<ChatRequest["tools"]>[number]): LanguageModelV3FunctionTool {
  return {
    type: "function",
    name: tool.function.name,
    ...(tool.function.description ? { description: tool.function.description } : {}),
    // OpenAI allows omitting parameters for a tool that takes none.
    inputSchema: (tool.function.parameters ?? { type: "object", properties: {} }) as JSONSchema7,
    ...(tool.function.strict != null ? { strict: tool.function.strict } : {}),
  };
}

function toolChoice(choice: NonNullable<ChatRequest["tool_choice"]>): LanguageModelV3ToolChoice {
  if (typeof choice === "string") return { type: choice };
  return { type: "tool", toolName: choice.function.name };
}
