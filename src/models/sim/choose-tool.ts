import type { JSONValue } from "@ai-sdk/provider";
import type { OfferedTool } from "./conversation-facts.js";
import { synthesiseFromSchema } from "./synthesise-from-schema.js";

// Words too common to say anything about which tool fits.
const stopWords = new Set([
  "the",
  "and",
  "for",
  "with",
  "you",
  "your",
  "can",
  "what",
  "how",
  "this",
  "that",
  "have",
]);
const identifierLike = /(id|number|code|reference|ref)$/i;
const identifierInText = /\b(?=[a-z0-9-]*\d)[a-z0-9][a-z0-9-]{2,}\b/i;
const emailInText = /[\w.+-]+@[\w-]+\.[\w.-]+/;

function words(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 3 && !stopWords.has(word))
    .map((word) => word.replace(/(?<=\w{3})(s|es|ing|ed)$/, ""));
}

/**
 * The offered tool that best fits the text: words shared with its name count double, with its
 * description once; ties go to the tool offered first, and with no overlap the first tool is used.
 */
export function chooseTool(tools: readonly OfferedTool[], text: string): OfferedTool | undefined {
  const wanted = new Set(words(text));
  let best: OfferedTool | undefined;
  let bestScore = -1;
  for (const tool of tools) {
    const score =
      2 * words(tool.name).filter((word) => wanted.has(word)).length +
      words(tool.description).filter((word) => wanted.has(word)).length;
    if (score > bestScore) {
      best = tool;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Arguments for a tool the script did not give arguments for: a minimal valid object for its input
 * schema, with free strings taken from the user's words (an order number for `orderId`, an address
 * for `email`, the whole text for `query`), as a model would fill them in.
 */
export function toolArgumentsFor(tool: OfferedTool, lastUserText: string): JSONValue {
  return synthesiseFromSchema(tool.inputSchema, (propertyName) => {
    if (propertyName === undefined) return lastUserText;
    if (/email/i.test(propertyName)) return emailInText.exec(lastUserText)?.[0] ?? lastUserText;
    if (identifierLike.test(propertyName)) return identifierInText.exec(lastUserText)?.[0] ?? lastUserText;
    return lastUserText;
  });
}
