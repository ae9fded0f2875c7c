import type { Tiktoken } from "js-tiktoken/lite";

/** Counts and trims text in tokens of one real encoding (o200k_base, as GPT-4o and later use). */
export interface TokenCounter {
  count(text: string): number;
  /** The longest prefix of `text` that fits in `maxTokens` tokens. */
  truncate(text: string, maxTokens: number): string;
}

let loading: Promise<TokenCounter> | undefined;

/** The shared o200k_base counter; the 2 MB rank table is imported once, on first use, not at startup. */
export function loadTokenCounter(): Promise<TokenCounter> {
  loading ??= (async () => {
    const [{ Tiktoken: TiktokenClass }, ranks] = await Promise.all([
      import("js-tiktoken/lite"),
      import("js-tiktoken/ranks/o200k_base"),
    ]);
    return tokenCounterFor(new TiktokenClass(ranks.default));
  })();
  return loading;
}

function tokenCounterFor(encoding: Tiktoken): TokenCounter {
  return {
    // Special-token text in user content is counted as plain text, as providers do for user input.
    count: (text) => (text.length === 0 ? 0 : encoding.encode(text, [], []).length),
    truncate: (text, maxTokens) => {
      const tokens = encoding.encode(text, [], []);
      if (tokens.length <= maxTokens) return text;
      // Decoding a cut token list can end inside a multi-byte character; drop the replacement char.
      return encoding.decode(tokens.slice(0, Math.max(0, maxTokens))).replace(/\uFFFD+$/u, "");
    },
  };
}
