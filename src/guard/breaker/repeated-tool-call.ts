import { canonicalJson } from "../../core/index.js";

// The same tool with the same arguments, again and again: the classic agent loop. Arguments are
// compared as canonical JSON, so key order and whitespace do not hide a repeat.

/** The key of one tool call: tool name and canonical JSON of its arguments. */
export function toolCallKey(toolName: string, input: unknown): string {
  return canonicalJson([toolName, input ?? null]);
}

/** How many of the latest keys (newest last) are the same as the newest one. */
export function repeatedCallRun(keys: readonly string[]): number {
  const newest = keys.at(-1);
  if (newest === undefined) return 0;
  let run = 0;
  for (let index = keys.length - 1; index >= 0 && keys[index] === newest; index--) run++;
  return run;
}
