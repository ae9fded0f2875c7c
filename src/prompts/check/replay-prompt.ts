import type { ReplayGenerate, ReplayOutput, ReplayRequest, ReplaySet } from "../check-spec.js";
import type { ParsedPrompt } from "../parse-prompt-file.js";
import { type RenderPromptOptions, renderPrompt } from "../render-prompt.js";
import { mapWithConcurrency } from "./map-with-concurrency.js";
import { parseJsonOutput } from "./parse-json-output.js";

// Runs one version of a prompt over a replay set. The model is a plain function (`generate`): the CLI
// wires it to the model client, tests to a deterministic map. A case that cannot be rendered or
// answered becomes an output with an `error`, never a throw, so one bad case does not hide the rest.

export interface ReplayPromptOptions {
  resolveInclude?: RenderPromptOptions["resolveInclude"];
  /** How many cases are asked at once; 4 unless set. */
  concurrency?: number;
}

export const defaultReplayConcurrency = 4;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Renders and asks every case of `set` with `prompt`; outputs come back in case order. */
export async function replayPrompt(
  prompt: ParsedPrompt,
  set: ReplaySet,
  generate: ReplayGenerate,
  options: ReplayPromptOptions = {},
): Promise<ReplayOutput[]> {
  const outputSchema = prompt.frontMatter.output;
  const renderOptions = options.resolveInclude ? { resolveInclude: options.resolveInclude } : {};
  return mapWithConcurrency(
    set.cases,
    options.concurrency ?? defaultReplayConcurrency,
    async (replayCase): Promise<ReplayOutput> => {
      const caseId = replayCase.id;
      let rendered: string;
      try {
        rendered = (await renderPrompt(prompt, replayCase.variables, renderOptions)).text;
      } catch (error) {
        return { caseId, text: "", error: `render failed: ${messageOf(error)}` };
      }
      const request: ReplayRequest =
        replayCase.input === undefined ? { user: rendered } : { system: rendered, user: replayCase.input };
      if (outputSchema) request.outputSchema = outputSchema;
      if (set.model !== undefined) request.model = set.model;
      let answer: ReplayOutput;
      try {
        const generated = await generate(request);
        answer = { caseId, text: generated.text };
        if (generated.costMicros !== undefined) answer.costMicros = generated.costMicros;
      } catch (error) {
        return { caseId, text: "", error: `generation failed: ${messageOf(error)}` };
      }
      if (!outputSchema) return answer;
      const parsed = parseJsonOutput(answer.text);
      return parsed ? { ...answer, json: parsed.value } : { ...answer, error: "not JSON" };
    },
  );
}
