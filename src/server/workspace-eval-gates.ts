import type { PromptLabelRuleConfig } from "../core/index.js";
import { evalPromptGate, evalsGatePrefix } from "../evals/index.js";
import type { PromptGate } from "../prompts/index.js";
import { prepareWorkspaceEval, type WorkspaceEvalParts } from "./workspace-eval.js";

// The eval gates a workspace's label rules name (`prompts.labels.production.gates: ["evals:<suite>"]`):
// each runs its suite, from evals/<suite>.yaml, with the suite's prompt target pinned to the candidate
// version. Built from the rules, so a gate exists exactly when a rule names it; the suite is loaded
// when a label move asks, so a missing or broken suite fails that move (closed), not start-up.

/** One gate per distinct `evals:<suite>` name in the rules; `parts` is read when a gate runs. */
export function workspaceEvalGates(
  rules: Readonly<Record<string, PromptLabelRuleConfig>>,
  parts: () => WorkspaceEvalParts,
): PromptGate[] {
  const names = new Set(
    Object.values(rules).flatMap((rule) => rule.gates.filter((gate) => gate.startsWith(evalsGatePrefix))),
  );
  return [...names].map((name) =>
    evalPromptGate({
      suite: name.slice(evalsGatePrefix.length),
      name,
      load: async () => {
        const prepared = await prepareWorkspaceEval(parts(), name.slice(evalsGatePrefix.length));
        return {
          suite: prepared.suite,
          dataset: prepared.dataset,
          deps: prepared.deps,
          options: prepared.options,
        };
      },
    }),
  );
}
