import type { RoutingProposal } from "./propose-routing.js";

/** The proposal as the `models.routing` block to paste into gantry.config.ts. */
export function routingSnippet(proposal: RoutingProposal, task: string): string {
  const { rules, cascade } = proposal.routing;
  const lines = [
    `// gantry.config.ts — requests that carry taskProfile ${JSON.stringify(task)} route here`,
    "models: {",
    "  routing: {",
    `    rules: [${rules.map((rule) => `{ taskProfile: ${JSON.stringify(rule.taskProfile)}, tier: ${JSON.stringify(rule.tier)} }`).join(", ")}],`,
  ];
  if (cascade.length > 0) {
    lines.push(
      "    // escalates when the cheap answer fails the validator; the measured rescue rate assumes it catches every failure",
    );
    for (const entry of cascade) {
      lines.push(
        `    cascade: [{ name: ${JSON.stringify(entry.name)}, from: ${JSON.stringify(entry.from)}, to: ${JSON.stringify(entry.to)}, validator: ${JSON.stringify(entry.validator)} }],`,
      );
    }
  }
  lines.push("  },", "},");
  return lines.join("\n");
}
