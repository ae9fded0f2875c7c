import { GantryError, type JsonValue } from "../../core/index.js";
import type { ConsumerContract, ReplayGenerate, ReplaySet } from "../check-spec.js";
import { parsePromptFile } from "../parse-prompt-file.js";
import type { PromptGate, PromptGateContext, PromptGateResult } from "../registry-spec.js";
import { checkPrompt } from "./check-prompt.js";

// The built-in `prompts-check` gate: a label may move to a version only when `checkPrompt` passes
// against the version the label points at now. Where contracts, replay inputs and the model come from
// is the caller's business (files in a workspace, the store on a server).

/** What the gate needs besides the two versions. */
export interface PromptsCheckContext {
  contracts: ConsumerContract[];
  replay?: ReplaySet;
  generate?: ReplayGenerate;
  threshold?: number;
}

export interface PromptsCheckGateOptions {
  loadContext: (promptId: string, gate: PromptGateContext) => Promise<PromptsCheckContext>;
}

export const promptsCheckGateName = "prompts-check";

function summaryOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `prompts-check could not run: ${message.replace(/\s*\n\s*/g, " ")}`;
}

/** A gate that passes when the candidate's declared bump covers its changes and every contract holds. */
export function promptsCheckGate(options: PromptsCheckGateOptions): PromptGate {
  return {
    name: promptsCheckGateName,
    description: "declared semver bump covers the static and replayed change; every consumer contract holds",
    async check(context: PromptGateContext): Promise<PromptGateResult> {
      try {
        const loaded = await options.loadContext(context.promptId, context);
        const source = (version: { id: string; version: string; source: string }) =>
          parsePromptFile(version.source, `${version.id}@${version.version}`);
        const current = context.current;
        const report = await checkPrompt({
          candidate: source(context.candidate),
          ...(current ? { baseline: { prompt: source(current), from: `label ${context.label}` } } : {}),
          ...(loaded.replay ? { replay: loaded.replay } : {}),
          ...(loaded.generate ? { generate: loaded.generate } : {}),
          ...(loaded.threshold === undefined ? {} : { threshold: loaded.threshold }),
          contracts: loaded.contracts,
        });
        const holding = report.contracts.filter((result) => result.passed).length;
        // The label history keeps the details: the verdict and its reasons, not every replayed answer.
        const { outputs: _outputs, ...verdict } = report;
        return {
          passed: report.ok,
          summary: report.problems[0] ?? `declared bump covers the changes; ${holding} contracts hold`,
          details: JSON.parse(JSON.stringify(verdict)) as JsonValue,
        };
      } catch (error) {
        // A gate that cannot run fails closed, saying why, rather than letting the move through.
        const details: JsonValue = GantryError.isInstance(error)
          ? (error.toJSON() as unknown as JsonValue)
          : null;
        return { passed: false, summary: summaryOf(error), details };
      }
    },
  };
}
