import { GantryError, type JsonValue } from "../../core/index.js";
import { selectorOf } from "../../runtime/index.js";
import type { CaseOutput, EvalCase, EvalTarget } from "../eval-spec.js";
import { askModel } from "./ask-model.js";
import type { EvalDeps, TrialContext } from "./eval-deps.js";
import { missingDependency, userText } from "./run-model-target.js";

type PromptTarget = Extract<EvalTarget, { kind: "prompt" }>;

function isObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * How a case input feeds a prompt: text is the user message (the prompt, rendered without variables,
 * is the system message); `{ variables, input }` (a replay case's shape) renders the prompt with the
 * variables as system and sends `input` as the user message; any other object is the variables, and
 * the rendered prompt is the user message.
 */
export function promptCall(input: JsonValue): { variables: Record<string, JsonValue>; user?: string } {
  if (!isObject(input)) return { variables: {}, user: userText(input) };
  const keys = Object.keys(input);
  const replayShape =
    keys.length > 0 &&
    keys.every((key) => key === "variables" || key === "input") &&
    (input.variables === undefined || isObject(input.variables));
  if (replayShape) {
    const variables = (input.variables ?? {}) as Record<string, JsonValue>;
    return input.input === undefined ? { variables } : { variables, user: userText(input.input) };
  }
  return { variables: input };
}

function notPinned(
  target: PromptTarget,
  served: string | undefined,
  source: string | undefined,
): GantryError {
  return new GantryError({
    code: "EVAL_PROMPT_UNAVAILABLE",
    message: `The suite pins ${target.prompt}@${target.version}, but ${source ?? "the client"} served ${served ?? "another version"}`,
    domain: "EVAL",
    category: "THIRD_PARTY",
    details: {
      prompt: target.prompt,
      pinned: target.version ?? null,
      served: served ?? null,
      source: source ?? null,
    },
    hint: "The registry could not serve the pinned version (a fallback answered); check the store, then run again.",
  });
}

/** A `prompt` target: the prompt at its label or version, rendered from the case, asked of its model. */
export async function runPromptTarget(
  target: PromptTarget,
  testCase: EvalCase,
  deps: EvalDeps,
  context: TrialContext,
): Promise<Omit<CaseOutput, "latencyMs">> {
  if (!deps.prompts) throw missingDependency("the workspace's prompts", "prompt");
  if (!deps.modelAccess) throw missingDependency("model access", "prompt");
  const version = target.version ?? target.label;
  const call = promptCall(testCase.input);
  const resolved = await deps.prompts.resolve({
    id: target.prompt,
    ...(version ? { version } : {}),
    variables: call.variables as Record<string, string>,
  });
  if (target.version && resolved.version !== target.version) {
    throw notPinned(target, resolved.version, resolved.source);
  }
  let model = context.model ?? target.model;
  if (!model) {
    const hint = (await deps.prompts.client.getPrompt(target.prompt, selectorOf(version))).frontMatter.model;
    model = hint?.tier ? `tier:${hint.tier}` : hint?.id;
  }
  const schema = resolved.output;
  return askModel(
    deps.modelAccess.client,
    {
      ...(model ? { model } : {}),
      ...(call.user === undefined ? { user: resolved.text } : { system: resolved.text, user: call.user }),
      ...(schema ? { json: isObject(schema) ? (schema as Record<string, unknown>) : true } : {}),
      promptRef: {
        id: resolved.id,
        ...(resolved.version ? { version: resolved.version } : {}),
        ...(resolved.hash ? { hash: resolved.hash } : {}),
        ...(resolved.source ? { source: resolved.source } : {}),
      },
    },
    context,
  );
}
