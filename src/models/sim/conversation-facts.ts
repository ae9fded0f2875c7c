import type { JSONValue, LanguageModelV3CallOptions } from "@ai-sdk/provider";
import { toolOutputText } from "./render-prompt-text.js";

/** A tool result seen in the current turn, as text and (when it was JSON) as a value. */
export interface ToolResultFact {
  toolName: string;
  text: string;
  value: JSONValue | undefined;
}

/** An offered function tool: what the sim may call and how to build its arguments. */
export interface OfferedTool {
  name: string;
  description: string;
  inputSchema: unknown;
}

/** What scenario rules match on and templates read, extracted once per call. */
export interface ConversationFacts {
  lastUserText: string;
  systemText: string;
  /** Assistant messages since the last user message: 0 on a turn's first call, 1 after one tool round… */
  step: number;
  /** Tool results since the last user message, oldest first. */
  toolResults: ToolResultFact[];
  offeredTools: OfferedTool[];
  responseFormat: "text" | "json" | "json-schema";
  responseSchema: unknown;
}

/** Reads the facts the scenario engine needs from an AI SDK call. */
export function conversationFacts(options: LanguageModelV3CallOptions): ConversationFacts {
  const systemParts: string[] = [];
  let lastUserIndex = -1;
  options.prompt.forEach((message, index) => {
    if (message.role === "system") systemParts.push(message.content);
    if (message.role === "user") lastUserIndex = index;
  });
  const lastUser = lastUserIndex >= 0 ? options.prompt[lastUserIndex] : undefined;
  const lastUserText =
    lastUser?.role === "user"
      ? lastUser.content
          .filter((part) => part.type === "text")
          .map((part) => part.text)
          .join("\n")
      : "";
  let step = 0;
  const toolResults: ToolResultFact[] = [];
  for (const message of options.prompt.slice(lastUserIndex + 1)) {
    if (message.role === "assistant") step += 1;
    if (message.role !== "tool" && message.role !== "assistant") continue;
    for (const part of message.content) {
      if (part.type !== "tool-result") continue;
      const value =
        part.output.type === "json" || part.output.type === "error-json" ? part.output.value : undefined;
      toolResults.push({ toolName: part.toolName, text: toolOutputText(part.output), value });
    }
  }
  const offeredTools = (options.tools ?? []).flatMap((tool) =>
    tool.type === "function"
      ? [{ name: tool.name, description: tool.description ?? "", inputSchema: tool.inputSchema }]
      : [],
  );
  const format = options.responseFormat;
  return {
    lastUserText,
    systemText: systemParts.join("\n"),
    step,
    toolResults,
    offeredTools: options.toolChoice?.type === "none" ? [] : offeredTools,
    responseFormat: format?.type === "json" ? (format.schema ? "json-schema" : "json") : "text",
    responseSchema: format?.type === "json" ? format.schema : undefined,
  };
}
