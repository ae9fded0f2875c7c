import type { LanguageModelV3Prompt } from "@ai-sdk/provider";

/**
 * The text of every user message in a prompt, oldest first, one message per line. Content rules and
 * the classifier read this: all user turns rather than the last one, so every step of one
 * conversation (tool rounds included) routes the same way. System text, assistant text, tool results
 * and files are left out: they are not what the user asked.
 */
export function promptUserText(prompt: LanguageModelV3Prompt): string {
  const lines: string[] = [];
  for (const message of prompt) {
    if (message.role !== "user") continue;
    const text = message.content
      .filter((part) => part.type === "text")
      .map((part) => part.text)
      .join("\n");
    if (text.length > 0) lines.push(text);
  }
  return lines.join("\n");
}
