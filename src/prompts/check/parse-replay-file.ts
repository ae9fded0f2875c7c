import { z } from "zod";
import { describeYamlIssues, invalidYamlFile, type JsonValue, parseLocatedYaml } from "../../core/index.js";
import type { ReplaySet } from "../check-spec.js";
import { uniqueEntries } from "./unique-entries.js";

// `prompts/<id>.replay.yaml`: the fixed inputs both versions of a prompt are replayed on. Reviewed in
// pull requests like the prompt itself, so a mistake names file:line, field and expectation.

const replayCaseSchema = z.strictObject({
  id: z.string().min(1, "a non-empty case id"),
  variables: z.record(z.string(), z.json()).default({}),
  input: z.string().optional(),
});

/** The schema of a replay set file; case ids must be unique. */
export const replaySetSchema = z.strictObject({
  model: z.string().min(1, "a model such as 'sim:default' or 'tier:small'").optional(),
  cases: z
    .array(replayCaseSchema)
    .min(1, "at least one case")
    .superRefine(uniqueEntries("id", (id) => `a unique case id; '${id}' is used by an earlier case`)),
});

/** Parses the text of `prompts/<id>.replay.yaml`; throws PROMPT_REPLAY_INVALID naming file:line, field and expectation. */
export function parseReplayFile(source: string, file: string): ReplaySet {
  const located = parseLocatedYaml(source, file);
  const invalid = (problems: string[]) =>
    invalidYamlFile({
      domain: "PROMPT",
      code: "PROMPT_REPLAY_INVALID",
      what: "replay set",
      file,
      problems,
      hint: "A replay set is `cases:` with one `{ id, variables, input? }` per case, and an optional `model:`.",
    });
  if (located.syntaxProblems.length > 0) throw invalid(located.syntaxProblems);
  const parsed = replaySetSchema.safeParse(located.value);
  if (!parsed.success) throw invalid(describeYamlIssues(located, parsed.error.issues, "(replay set)"));
  const set: ReplaySet = {
    cases: parsed.data.cases.map((replayCase) => ({
      id: replayCase.id,
      variables: replayCase.variables as Record<string, JsonValue>,
      ...(replayCase.input === undefined ? {} : { input: replayCase.input }),
    })),
  };
  if (parsed.data.model !== undefined) set.model = parsed.data.model;
  return set;
}
