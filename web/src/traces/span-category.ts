/** What a span does, for its colour and label; an error is shown on top of any category. */
export type SpanCategory = "agent" | "chat" | "tool" | "workflow" | "other";

export interface CategorisedSpan {
  name: string;
  attributes: Record<string, unknown>;
}

const operationCategories: Record<string, SpanCategory> = {
  chat: "chat",
  text_completion: "chat",
  generate_content: "chat",
  embeddings: "chat",
  invoke_agent: "agent",
  create_agent: "agent",
  execute_tool: "tool",
  invoke_workflow: "workflow",
};

export const spanCategoryLabels: Record<SpanCategory, string> = {
  agent: "agent",
  chat: "model call",
  tool: "tool",
  workflow: "workflow",
  other: "span",
};

/**
 * The category from `gen_ai.operation.name`, or from the span name's first word (`chat gpt-4.1`) when
 * the attribute is missing, as with spans from exporters that set only the name.
 */
export function spanCategory(span: CategorisedSpan): SpanCategory {
  const operation = span.attributes["gen_ai.operation.name"];
  if (typeof operation === "string" && Object.hasOwn(operationCategories, operation)) {
    return operationCategories[operation]!;
  }
  const firstWord = span.name.split(" ", 1)[0] ?? "";
  return Object.hasOwn(operationCategories, firstWord) ? operationCategories[firstWord]! : "other";
}
