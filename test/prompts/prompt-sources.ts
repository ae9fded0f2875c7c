// Prompt files for the registry, client and drift tests: one base prompt and the edits that need a
// patch, minor or major bump.

export interface PromptSourceOptions {
  id?: string;
  version: string;
  /** Replaces the template's wording (a patch change). */
  wording?: string;
  /** Adds an optional variable (a minor change). */
  optionalVariable?: boolean;
  /** Drops the `confidence` output field (a major change). */
  dropConfidence?: boolean;
}

/** The text of a `prompts/<id>.prompt.md` file. */
export function promptSource(options: PromptSourceOptions): string {
  const confidence = options.dropConfidence ? "" : "\n    confidence: { type: number }";
  return `---
id: ${options.id ?? "triage"}
version: ${options.version}
description: Classify a support ticket.
variables:
  ticket: string${options.optionalVariable ? "\n  locale: { type: string, required: false }" : ""}
output:
  type: object
  required: [category]
  properties:
    category: { type: string, enum: [refund, shipping, other] }${confidence}
---
${options.wording ?? "Classify the ticket into one queue."}

Ticket:
{{ticket}}
`;
}
