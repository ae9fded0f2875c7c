/** How an attribute value is shown: plain text, or pretty-printed JSON in a block. */
export interface AttributeDisplay {
  kind: "text" | "json";
  text: string;
}

export interface AttributeEntry {
  key: string;
  display: AttributeDisplay;
}

/** A span's attributes split the way people look for them: GenAI conventions, Gantry's own, the rest. */
export interface AttributeGroups {
  genAi: AttributeEntry[];
  gantry: AttributeEntry[];
  other: AttributeEntry[];
}

function parseJsonContainer(text: string): unknown {
  const trimmed = text.trim();
  if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

/**
 * Strings that hold JSON objects or arrays (tool arguments, `gantry.model.attempts`) are pretty-printed,
 * as are structured values; everything else is shown as its text.
 */
export function formatAttributeValue(value: unknown): AttributeDisplay {
  if (typeof value === "string") {
    const parsed = parseJsonContainer(value);
    if (parsed !== undefined && typeof parsed === "object" && parsed !== null) {
      return { kind: "json", text: JSON.stringify(parsed, null, 2) };
    }
    return { kind: "text", text: value };
  }
  if (value === null || value === undefined) return { kind: "text", text: String(value) };
  if (typeof value === "object") {
    // Short arrays of scalars ("stop", "tool_calls") read better on one line.
    if (Array.isArray(value) && value.every((item) => typeof item !== "object" || item === null)) {
      const inline = JSON.stringify(value);
      if (inline.length <= 60) return { kind: "text", text: inline };
    }
    return { kind: "json", text: JSON.stringify(value, null, 2) };
  }
  return { kind: "text", text: String(value) };
}

/** Groups attributes by prefix (`gen_ai.*`, `gantry.*`, other), keys sorted within each group. */
export function groupAttributes(attributes: Record<string, unknown>): AttributeGroups {
  const groups: AttributeGroups = { genAi: [], gantry: [], other: [] };
  for (const key of Object.keys(attributes).sort()) {
    const entry = { key, display: formatAttributeValue(attributes[key]) };
    if (key.startsWith("gen_ai.")) groups.genAi.push(entry);
    else if (key.startsWith("gantry.")) groups.gantry.push(entry);
    else groups.other.push(entry);
  }
  return groups;
}

/** One model attempt of a call (a retry or a failover), as `gantry.model.attempts` records it. */
export interface ModelAttemptRow {
  number: number;
  model: string;
  provider: string;
  outcome: string;
  durationMs: number | null;
  waitedMs: number | null;
  errorCode: string | null;
  statusCode: number | null;
  costMicros: number | null;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}

/** Reads `gantry.model.attempts` (a JSON string or an array); null when absent or not a list of attempts. */
export function parseModelAttempts(value: unknown): ModelAttemptRow[] | null {
  const list = typeof value === "string" ? parseJsonContainer(value) : value;
  if (!Array.isArray(list) || list.length === 0) return null;
  const rows: ModelAttemptRow[] = [];
  for (const [index, item] of list.entries()) {
    const attempt = record(item);
    if (attempt === undefined) return null;
    rows.push({
      number: numberOrNull(attempt.number) ?? index + 1,
      model: stringOr(attempt.model, "unknown"),
      provider: stringOr(attempt.provider, ""),
      outcome: stringOr(attempt.outcome, "unknown"),
      durationMs: numberOrNull(attempt.durationMs),
      waitedMs: numberOrNull(attempt.waitedMs),
      errorCode: typeof attempt.errorCode === "string" ? attempt.errorCode : null,
      statusCode: numberOrNull(attempt.statusCode),
      costMicros: numberOrNull(attempt.costMicros),
    });
  }
  return rows;
}

/** Token usage a span recorded under the GenAI conventions; undefined where it recorded none. */
export interface SpanTokenUsage {
  input: number | undefined;
  output: number | undefined;
  cacheRead: number | undefined;
  cacheCreation: number | undefined;
  reasoning: number | undefined;
}

function tokenCount(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  // OTLP intValue arrives as a string when it came through JSON as a 64-bit integer.
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** Reads `gen_ai.usage.*` from a span's attributes. */
export function spanTokenUsage(attributes: Record<string, unknown>): SpanTokenUsage {
  return {
    input: tokenCount(attributes["gen_ai.usage.input_tokens"]),
    output: tokenCount(attributes["gen_ai.usage.output_tokens"]),
    cacheRead: tokenCount(attributes["gen_ai.usage.cache_read.input_tokens"]),
    cacheCreation: tokenCount(attributes["gen_ai.usage.cache_creation.input_tokens"]),
    reasoning: tokenCount(attributes["gen_ai.usage.reasoning.output_tokens"]),
  };
}
