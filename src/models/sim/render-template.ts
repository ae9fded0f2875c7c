import type { JSONValue } from "@ai-sdk/provider";
import type { ConversationFacts } from "./conversation-facts.js";

const placeholder = /\{\{\s*([\w.-]+)\s*\}\}/g;
const wholePlaceholder = /^\{\{\s*([\w.-]+)\s*\}\}$/;

/**
 * The value a placeholder names: `lastUserText`, `systemText`, `step`, `lastToolName`, `lastToolResult`,
 * `toolResult.<tool>` (the tool's latest result this turn) and `toolResult.<tool>.<field path>`.
 * Unknown names resolve to undefined, which renders as an empty string.
 */
export function templateValue(name: string, facts: ConversationFacts): JSONValue | undefined {
  const last = facts.toolResults.at(-1);
  switch (name) {
    case "lastUserText":
      return facts.lastUserText;
    case "systemText":
      return facts.systemText;
    case "step":
      return facts.step;
    case "lastToolName":
      return last?.toolName;
    case "lastToolResult":
      return last?.text;
  }
  const [root, toolName, ...fieldPath] = name.split(".");
  if (root !== "toolResult" || toolName === undefined) return undefined;
  const result = facts.toolResults.findLast((candidate) => candidate.toolName === toolName);
  if (!result) return undefined;
  if (fieldPath.length === 0) return result.text;
  let current: JSONValue | undefined = result.value;
  for (const key of fieldPath) {
    if (current === null || typeof current !== "object") return undefined;
    current = Array.isArray(current) ? current[Number(key)] : current[key];
  }
  return current;
}

/** Fills `{{name}}` placeholders in text; objects and arrays are written as JSON. */
export function renderTemplate(text: string, facts: ConversationFacts): string {
  return text.replace(placeholder, (_match, name: string) => asText(templateValue(name, facts)));
}

/**
 * Fills placeholders throughout a JSON value. A string that is exactly one placeholder takes the
 * value itself, so `"{{toolResult.lookup_order.total}}"` can stay a number in tool arguments.
 */
export function renderTemplateValue(value: unknown, facts: ConversationFacts): JSONValue {
  if (typeof value === "string") {
    const whole = wholePlaceholder.exec(value);
    if (whole) {
      const resolved = templateValue(whole[1]!, facts);
      return resolved === undefined ? "" : resolved;
    }
    return renderTemplate(value, facts);
  }
  if (Array.isArray(value)) return value.map((item) => renderTemplateValue(item, facts));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, member]) => [key, renderTemplateValue(member, facts)]),
    );
  }
  return (value ?? null) as JSONValue;
}

function asText(value: JSONValue | undefined): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}
