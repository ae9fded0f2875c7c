import type {
  LanguageModelV3FilePart,
  LanguageModelV3Message,
  LanguageModelV3Prompt,
  LanguageModelV3TextPart,
} from "@ai-sdk/provider";
import { GantryError } from "../../core/index.js";
import type { ChatMessage } from "./chat-request-schema.js";

type UserMessage = Extract<ChatMessage, { role: "user" }>;
type UserPart = Exclude<UserMessage["content"], string>[number];

/** OpenAI chat messages as the AI SDK's V3 prompt; tool results get their tool's name from the call. */
export function chatMessagesToPrompt(messages: readonly ChatMessage[]): LanguageModelV3Prompt {
  // V3 tool results carry the tool's name, OpenAI's only the call id: remember names as calls go by.
  const toolNames = new Map<string, string>();
  return messages.map((message, index): LanguageModelV3Message => {
    switch (message.role) {
      case "system":
      case "developer":
        return { role: "system", content: joinText(message.content) };
      case "user":
        return {
          role: "user",
          content:
            typeof message.content === "string"
              ? [{ type: "text", text: message.content }]
              : message.content.map((part, partIndex) => userPart(part, index, partIndex)),
        };
      case "assistant": {
        const text = assistantText(message.content);
        const calls = (message.tool_calls ?? []).map((call) => {
          toolNames.set(call.id, call.function.name);
          return {
            type: "tool-call" as const,
            toolCallId: call.id,
            toolName: call.function.name,
            input: parseArguments(call.function.arguments),
          };
        });
        return { role: "assistant", content: [...(text ? [{ type: "text" as const, text }] : []), ...calls] };
      }
      default:
        // The only role left is `tool`.
        return {
          role: "tool",
          content: [
            {
              type: "tool-result",
              toolCallId: message.tool_call_id,
              toolName: toolNames.get(message.tool_call_id) ?? "unknown",
              output: { type: "text", value: joinText(message.content) },
            },
          ],
        };
    }
  });
}

function joinText(content: string | ReadonlyArray<{ text: string }>): string {
  return typeof content === "string" ? content : content.map((part) => part.text).join("");
}

function assistantText(content: Extract<ChatMessage, { role: "assistant" }>["content"]): string {
  if (content === null || content === undefined) return "";
  if (typeof content === "string") return content;
  return content.map((part) => (part.type === "text" ? part.text : part.refusal)).join("");
}

function userPart(
  part: UserPart,
  messageIndex: number,
  partIndex: number,
): LanguageModelV3TextPart | LanguageModelV3FilePart {
  if (part.type === "text") return { type: "text", text: part.text };
  if (part.type === "image_url") return imagePart(part.image_url.url, messageIndex, partIndex);
  if (part.type === "input_audio") {
    return { type: "file", mediaType: `audio/${part.input_audio.format}`, data: part.input_audio.data };
  }
  const data = part.file.file_data ? dataUrl(part.file.file_data) : undefined;
  if (!data) throw unsupportedPart(`messages[${messageIndex}].content[${partIndex}].file`, "file_id");
  return {
    type: "file",
    mediaType: data.mediaType,
    data: data.base64,
    filename: part.file.filename ?? undefined,
  };
}

function imagePart(url: string, messageIndex: number, partIndex: number): LanguageModelV3FilePart {
  const inline = dataUrl(url);
  if (inline) return { type: "file", mediaType: inline.mediaType, data: inline.base64 };
  if (!URL.canParse(url))
    throw unsupportedPart(`messages[${messageIndex}].content[${partIndex}].image_url.url`, url);
  // The provider fetches (or forwards) the URL; `image/*` leaves the exact type to it.
  return { type: "file", mediaType: "image/*", data: new URL(url) };
}

function dataUrl(url: string): { mediaType: string; base64: string } | undefined {
  const match = /^data:([^;,]+)(?:;[^,]*)?;base64,(.*)$/s.exec(url);
  return match ? { mediaType: match[1]!, base64: match[2]! } : undefined;
}

function unsupportedPart(param: string, value: string): GantryError {
  return new GantryError({
    code: "GATEWAY_CONTENT_UNSUPPORTED",
    message: `Unsupported content at ${param}: ${value.slice(0, 80)}`,
    domain: "SERVER",
    category: "USER",
    details: { param },
    hint: "Send images and files inline as data: URLs (base64), or as http(s) URLs for images.",
  });
}

// V3 tool calls hold parsed arguments; keep text that is not JSON as it is rather than refuse the
// conversation, since OpenAI accepts any string there.
function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
