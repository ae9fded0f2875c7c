import type { OfferedTool } from "./conversation-facts.js";
import type { ModelVersion } from "./scenario-schema.js";

/** Keeps about `factor` of the text, cut at the last word boundary, as a terser model would answer. */
export function shortenAnswer(text: string, factor: number): string {
  if (factor >= 1 || text.length === 0) return text;
  const target = Math.max(1, Math.ceil(text.length * factor));
  const cut = text.slice(0, target);
  const boundary = cut.search(/\s+\S*$/);
  const shortened = (boundary > 0 ? cut.slice(0, boundary) : cut).replace(/[\s,;:]+$/, "");
  return /[.!?]$/.test(shortened) ? shortened : `${shortened}.`;
}

/** The tool this version reaches for instead of `toolName`, when one of its preferred tools is offered. */
export function preferredTool(
  version: ModelVersion,
  toolName: string,
  offeredTools: readonly OfferedTool[],
): OfferedTool | undefined {
  for (const name of version.toolPreference) {
    const tool = offeredTools.find((candidate) => candidate.name === name);
    if (tool) return tool.name === toolName ? undefined : tool;
  }
  return undefined;
}
