import { GantryError, type JsonValue } from "../../core/index.js";
import type { CaseOutput, EvalCase, EvalTarget } from "../eval-spec.js";
import { askModel } from "./ask-model.js";
import type { EvalDeps, TrialContext } from "./eval-deps.js";

/** A case input as a user message: text as it is, other JSON as its JSON text. */
export function userText(input: JsonValue): string {
  return typeof input === "string" ? input : JSON.stringify(input);
}

export function missingDependency(what: string, target: string): GantryError {
  return new GantryError({
    code: "EVAL_TARGET_UNSUPPORTED",
    message: `A ${target} target needs ${what}, which this eval run was not given`,
    domain: "EVAL",
    category: "SYSTEM",
    details: { target, missing: what },
    hint: "Run the suite through `gantry eval`, which builds the workspace's runtime, prompts and models.",
  });
}

/** A `model` target: the suite's system prompt and the case input as the user message. */
export async function runModelTarget(
  target: Extract<EvalTarget, { kind: "model" }>,
  testCase: EvalCase,
  deps: EvalDeps,
  context: TrialContext,
): Promise<Omit<CaseOutput, "latencyMs">> {
  if (!deps.modelAccess) throw missingDependency("model access", "model");
  return askModel(
    deps.modelAccess.client,
    {
      model: context.model ?? target.model,
      ...(target.system ? { system: target.system } : {}),
      user: userText(testCase.input),
    },
    context,
  );
}
