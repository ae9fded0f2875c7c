import type {
  LanguageModelV3Content,
  LanguageModelV3FinishReason,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
  SharedV3ProviderMetadata,
} from "@ai-sdk/provider";

/** The finish part of a V3 stream. */
export type FinishPart = Extract<LanguageModelV3StreamPart, { type: "finish" }>;

/** True for a part that puts output in front of the caller; once one is delivered a request is never re-sent. */
export function isContentPart(part: LanguageModelV3StreamPart): boolean {
  switch (part.type) {
    case "text-delta":
    case "reasoning-delta":
    case "tool-input-delta":
      // Some providers send empty deltas before the first token; they deliver nothing.
      return part.delta.length > 0;
    case "tool-input-start":
    case "tool-call":
    case "tool-result":
    case "tool-approval-request":
    case "file":
    case "source":
      return true;
    default:
      return false;
  }
}

/**
 * True for a finish part in which the provider never said why it stopped. The AI SDK's OpenAI,
 * Anthropic and OpenAI-compatible adapters all emit such a finish (`other` or `error`, no raw reason)
 * when the response body simply ends, as it does when a proxy or the provider cuts the connection
 * cleanly; reading it as a normal end would turn a truncated answer into a clean 200.
 */
export function isUnexplainedFinish(part: FinishPart): boolean {
  const { unified, raw } = part.finishReason;
  return raw === undefined && (unified === "other" || unified === "error");
}

/** The characters of output a part carries (text, reasoning and tool-input deltas). */
export function deliveredCharacters(part: LanguageModelV3StreamPart): number {
  if (part.type === "text-delta" || part.type === "reasoning-delta" || part.type === "tool-input-delta")
    return part.delta.length;
  return 0;
}

/** Assembles a stream's parts into the content, finish and metadata a plain call would have returned. */
export class StreamContentCollector {
  readonly content: LanguageModelV3Content[] = [];
  finishReason: LanguageModelV3FinishReason | undefined;
  usage: LanguageModelV3Usage | undefined;
  providerMetadata: SharedV3ProviderMetadata | undefined;
  responseId: string | undefined;
  private readonly open = new Map<
    string,
    { type: "text" | "reasoning"; text: string; providerMetadata?: SharedV3ProviderMetadata }
  >();

  /** Takes one part into account. */
  add(part: LanguageModelV3StreamPart): void {
    switch (part.type) {
      case "text-start":
      case "reasoning-start":
        this.block(part.type === "text-start" ? "text" : "reasoning", part.id);
        return;
      case "text-delta":
      case "reasoning-delta":
        this.block(part.type === "text-delta" ? "text" : "reasoning", part.id).text += part.delta;
        return;
      case "text-end":
      case "reasoning-end": {
        const block = this.open.get(`${part.type === "text-end" ? "text" : "reasoning"}:${part.id}`);
        if (block !== undefined && part.providerMetadata !== undefined)
          block.providerMetadata = part.providerMetadata;
        return;
      }
      case "tool-call":
      case "tool-result":
      case "tool-approval-request":
      case "file":
      case "source":
        this.content.push(part);
        return;
      case "response-metadata":
        if (part.id !== undefined) this.responseId = part.id;
        return;
      case "finish":
        this.finishReason = part.finishReason;
        this.usage = part.usage;
        this.providerMetadata = part.providerMetadata;
        return;
      default:
        return;
    }
  }

  // Blocks are pushed into `content` when they start, so the answer keeps the order it streamed in.
  private block(type: "text" | "reasoning", id: string): { text: string } {
    const key = `${type}:${id}`;
    let block = this.open.get(key);
    if (block === undefined) {
      block = { type, text: "" };
      this.open.set(key, block);
      this.content.push(block as LanguageModelV3Content);
    }
    return block;
  }
}
