import type { LanguageModelV3CallOptions, LanguageModelV3ToolResultOutput } from "@ai-sdk/provider";

/**
 * The text the sim bills as input: every message (tool calls and results included), the offered
 * tools and the requested JSON schema, since real providers bill all of those as prompt tokens.
 */
export function renderPromptText(options: LanguageModelV3CallOptions): string {
  const lines: string[] = [];
  for (const message of options.prompt) {
    if (message.role === "system") {
      lines.push(`system: ${message.content}`);
      continue;
    }
    for (const part of message.content) {
      switch (part.type) {
        case "text":
        case "reasoning":
          lines.push(`${message.role}: ${part.text}`);
          break;
        case "file":
          lines.push(`${message.role}: [file ${part.mediaType}${part.filename ? ` ${part.filename}` : ""}]`);
          break;
        case "tool-call":
          lines.push(`${message.role}: call ${part.toolName} ${JSON.stringify(part.input ?? null)}`);
          break;
        case "tool-result":
          lines.push(`tool ${part.toolName}: ${toolOutputText(part.output)}`);
          break;
        case "tool-approval-response":
          lines.push(
            `tool approval: ${part.approved ? "approved" : "denied"}${part.reason ? ` ${part.reason}` : ""}`,
          );
          break;
      }
    }
  }
  for (const tool of options.tools ?? []) {
    if (tool.type === "function") {
      lines.push(`tool ${tool.name}: ${tool.description ?? ""} ${JSON.stringify(tool.inputSchema)}`);
    } else {
      lines.push(`tool ${tool.name}: ${tool.id}`);
    }
  }
  if (options.responseFormat?.type === "json") {
    lines.push(`respond with JSON ${JSON.stringify(options.responseFormat.schema ?? {})}`);
  }
  return lines.join("\n");
}

/** Text of a tool result as the model would read it: text as is, anything else as JSON. */
export function toolOutputText(output: LanguageModelV3ToolResultOutput): string {
  switch (output.type) {
    case "text":
    case "error-text":
      return output.value;
    case "json":
    case "error-json":
      return JSON.stringify(output.value);
    case "execution-denied":
      return `execution denied${output.reason ? `: ${output.reason}` : ""}`;
    case "content":
      return output.value.map((part) => (part.type === "text" ? part.text : `[${part.type}]`)).join("\n");
  }
}
