import type { LanguageModelV3Usage, SharedV3ProviderMetadata } from "@ai-sdk/provider";
import type { NormalisedUsage } from "../model-call-spec.js";
import { readJsonNumber } from "./read-json-number.js";

// Providers whose wire usage counts reasoning tokens outside `completion_tokens` (xAI: completion 2,
// reasoning 340, total = prompt + 2 + 340). The AI SDK's OpenAI-compatible provider assumes OpenAI's
// rule (reasoning inside completion), so for these the SDK's `outputTokens.total` is text only.
// Used only when the raw usage carries no `total_tokens` to decide it from.
const reasoningOutsideCompletion = new Set(["xai"]);

/**
 * Usage in Gantry's disjoint buckets, from the AI SDK's V3 usage (and the provider's raw usage or
 * metadata where the V3 shape loses detail):
 * - `input` is input that was neither read from nor written to a cache. OpenAI counts cached tokens
 *   inside `prompt_tokens`, Anthropic reports them beside `input_tokens`; the SDK's `noCache` already
 *   takes both apart, and it is used as is.
 * - `cacheWrite` / `cacheWrite1h` split cache writes by TTL from Anthropic's
 *   `cache_creation.ephemeral_1h_input_tokens`; without a split every write is a 5-minute write.
 * - `output` excludes `reasoning` (OpenAI and Anthropic count reasoning inside output tokens; xAI does
 *   not, which the raw `total_tokens` reveals).
 * Missing counts are 0: a provider that reports nothing for a bucket used none of it.
 */
export function normaliseUsage(
  provider: string,
  usage: LanguageModelV3Usage,
  providerMetadata?: SharedV3ProviderMetadata,
): NormalisedUsage {
  const cacheRead = count(usage.inputTokens.cacheRead);
  const cacheWrites = count(usage.inputTokens.cacheWrite);
  const input =
    usage.inputTokens.noCache !== undefined
      ? count(usage.inputTokens.noCache)
      : Math.max(0, count(usage.inputTokens.total) - cacheRead - cacheWrites);
  const cacheWrite1h = Math.min(cacheWrites, oneHourCacheWrites(provider, usage, providerMetadata));

  const reasoning = count(usage.outputTokens.reasoning);
  const outputTotal =
    usage.outputTokens.total !== undefined
      ? count(usage.outputTokens.total)
      : count(usage.outputTokens.text) + reasoning;
  const output = reasoningIsSeparate(provider, usage.raw, reasoning)
    ? outputTotal
    : Math.max(0, outputTotal - reasoning);

  return { input, cacheRead, cacheWrite: cacheWrites - cacheWrite1h, cacheWrite1h, output, reasoning };
}

function count(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

// Anthropic's raw usage splits cache writes by TTL. A streamed call's raw usage merges `message_start`
// with `message_delta`, and the delta may raise `cache_creation_input_tokens` (server tools run more
// turns) without repeating the split; the caller caps the 1-hour count at the final total, so writes
// the split does not account for are billed as 5-minute writes, Anthropic's default TTL.
function oneHourCacheWrites(
  provider: string,
  usage: LanguageModelV3Usage,
  providerMetadata: SharedV3ProviderMetadata | undefined,
): number {
  const sources = [usage.raw, providerMetadata?.anthropic?.usage, providerMetadata?.[provider]?.usage];
  for (const source of sources) {
    const oneHour = readJsonNumber(source, "cache_creation", "ephemeral_1h_input_tokens");
    if (oneHour !== undefined) return count(oneHour);
  }
  return 0;
}

function reasoningIsSeparate(provider: string, raw: unknown, reasoning: number): boolean {
  if (reasoning === 0) return false;
  const total = readJsonNumber(raw, "total_tokens");
  const prompt = readJsonNumber(raw, "prompt_tokens");
  const completion = readJsonNumber(raw, "completion_tokens");
  if (total !== undefined && prompt !== undefined && completion !== undefined) {
    if (total === prompt + completion) return false;
    if (total === prompt + completion + reasoning) return true;
  }
  return reasoningOutsideCompletion.has(provider);
}
