import type { ModelCallResult } from "../../models/index.js";

/** US dollars from micro-USD, to the micro-dollar; `unknown` for an unpriced call (never $0). */
export function formatCost(micros: number | null): string {
  return micros === null ? "unknown" : `$${(micros / 1_000_000).toFixed(6)}`;
}

/** The answer as a terminal shows it: the text, then each tool call as `[tool call] name(arguments)`. */
export function resultText(result: Pick<ModelCallResult, "content">): string {
  const lines: string[] = [];
  const text = result.content
    .filter((part) => part.type === "text")
    .map((part) => part.text)
    .join("");
  if (text) lines.push(text);
  for (const part of result.content) {
    if (part.type === "tool-call") lines.push(`[tool call] ${part.toolName}(${part.input})`);
  }
  return lines.join("\n");
}

/** One line after the answer: chosen model, attempts, tokens and cost. */
export function callFooter(result: ModelCallResult): string {
  const { usage } = result;
  const input = usage.input + usage.cacheRead + usage.cacheWrite + usage.cacheWrite1h;
  const output = usage.output + usage.reasoning;
  const failed = result.attempts.filter((attempt) => attempt.outcome !== "success");
  const attempts =
    `${result.attempts.length} attempt${result.attempts.length === 1 ? "" : "s"}` +
    (failed.length > 0
      ? ` (${failed.map((attempt) => `${attempt.modelId} ${attempt.error?.statusCode ?? attempt.error?.code ?? attempt.outcome}`).join(", ")})`
      : "");
  const tokens = `${input} in${usage.cacheRead > 0 ? ` (${usage.cacheRead} cached)` : ""} / ${output} out tokens`;
  const cost = `cost ${formatCost(result.cost.micros)}${result.cost.micros === null ? "" : ` (${result.cost.source})`}`;
  return [`model ${result.modelId}`, result.cached ? "cache hit" : attempts, tokens, cost].join(" · ");
}
