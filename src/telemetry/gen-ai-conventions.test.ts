import { SpanKind } from "@opentelemetry/api";
import * as semconv from "@opentelemetry/semantic-conventions/incubating";
import { describe, expect, it } from "vitest";
import {
  gantryKeys,
  genAiKeys,
  genAiOperations,
  spanKinds,
  spanNames,
  splitModelId,
} from "./gen-ai-conventions.js";

// The pinned literals must agree with the installed semantic-conventions package: a rename upstream
// fails here, and the fix is one line in gen-ai-conventions.ts.
const upstream: Record<keyof typeof genAiKeys, string> = {
  operationName: semconv.ATTR_GEN_AI_OPERATION_NAME,
  providerName: semconv.ATTR_GEN_AI_PROVIDER_NAME,
  conversationId: semconv.ATTR_GEN_AI_CONVERSATION_ID,
  requestModel: semconv.ATTR_GEN_AI_REQUEST_MODEL,
  requestTemperature: semconv.ATTR_GEN_AI_REQUEST_TEMPERATURE,
  requestMaxTokens: semconv.ATTR_GEN_AI_REQUEST_MAX_TOKENS,
  requestTopP: semconv.ATTR_GEN_AI_REQUEST_TOP_P,
  requestTopK: semconv.ATTR_GEN_AI_REQUEST_TOP_K,
  requestSeed: semconv.ATTR_GEN_AI_REQUEST_SEED,
  requestStream: semconv.ATTR_GEN_AI_REQUEST_STREAM,
  responseModel: semconv.ATTR_GEN_AI_RESPONSE_MODEL,
  responseId: semconv.ATTR_GEN_AI_RESPONSE_ID,
  responseFinishReasons: semconv.ATTR_GEN_AI_RESPONSE_FINISH_REASONS,
  usageInputTokens: semconv.ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  usageOutputTokens: semconv.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  usageCacheReadInputTokens: semconv.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  usageCacheCreationInputTokens: semconv.ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  usageReasoningOutputTokens: semconv.ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  agentName: semconv.ATTR_GEN_AI_AGENT_NAME,
  agentId: semconv.ATTR_GEN_AI_AGENT_ID,
  agentDescription: semconv.ATTR_GEN_AI_AGENT_DESCRIPTION,
  agentVersion: semconv.ATTR_GEN_AI_AGENT_VERSION,
  workflowName: semconv.ATTR_GEN_AI_WORKFLOW_NAME,
  toolName: semconv.ATTR_GEN_AI_TOOL_NAME,
  toolCallId: semconv.ATTR_GEN_AI_TOOL_CALL_ID,
  toolType: semconv.ATTR_GEN_AI_TOOL_TYPE,
  toolDescription: semconv.ATTR_GEN_AI_TOOL_DESCRIPTION,
  toolCallArguments: semconv.ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
  toolCallResult: semconv.ATTR_GEN_AI_TOOL_CALL_RESULT,
  errorType: semconv.ATTR_ERROR_TYPE,
  serverAddress: semconv.ATTR_SERVER_ADDRESS,
  serverPort: semconv.ATTR_SERVER_PORT,
  mcpMethodName: semconv.ATTR_MCP_METHOD_NAME,
  mcpSessionId: semconv.ATTR_MCP_SESSION_ID,
  jsonRpcRequestId: semconv.ATTR_JSONRPC_REQUEST_ID,
  deploymentEnvironmentName: semconv.ATTR_DEPLOYMENT_ENVIRONMENT_NAME,
};

describe("gen-ai conventions", () => {
  it("pins every gen_ai.* key exactly as the installed semantic conventions spell it", () => {
    expect(genAiKeys).toEqual(upstream);
  });

  it("pins the operation names the conventions define", () => {
    expect(genAiOperations).toEqual({
      chat: semconv.GEN_AI_OPERATION_NAME_VALUE_CHAT,
      invokeAgent: semconv.GEN_AI_OPERATION_NAME_VALUE_INVOKE_AGENT,
      executeTool: semconv.GEN_AI_OPERATION_NAME_VALUE_EXECUTE_TOOL,
      invokeWorkflow: semconv.GEN_AI_OPERATION_NAME_VALUE_INVOKE_WORKFLOW,
    });
  });

  it("keeps Gantry's own keys under gantry.* and never inside gen_ai.*", () => {
    for (const key of Object.values(gantryKeys)) expect(key).toMatch(/^gantry\./);
  });

  it("names spans '{operation} {target}' with the prescribed kinds", () => {
    expect(spanNames.invokeAgent("triage")).toBe("invoke_agent triage");
    expect(spanNames.chat("gpt-4o")).toBe("chat gpt-4o");
    expect(spanNames.executeTool("lookup_order")).toBe("execute_tool lookup_order");
    expect(spanNames.invokeWorkflow("refunds")).toBe("invoke_workflow refunds");
    expect(spanNames.mcp("tools/call", "lookup_order")).toBe("tools/call lookup_order");
    expect(spanNames.mcp("tools/list")).toBe("tools/list");
    expect(spanKinds.invokeAgent(false)).toBe(SpanKind.INTERNAL);
    expect(spanKinds.invokeAgent(true)).toBe(SpanKind.CLIENT);
    expect(spanKinds.chat).toBe(SpanKind.CLIENT);
    expect(spanKinds.executeTool).toBe(SpanKind.INTERNAL);
  });

  it("splits provider:model ids and leaves bare names alone", () => {
    expect(splitModelId("openai:gpt-4o")).toEqual({ provider: "openai", model: "gpt-4o" });
    expect(splitModelId("ollama:llama3.1:8b")).toEqual({ provider: "ollama", model: "llama3.1:8b" });
    expect(splitModelId("gpt-4o")).toEqual({ provider: undefined, model: "gpt-4o" });
  });
});
