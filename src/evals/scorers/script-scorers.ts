import { isAbsolute, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createJiti } from "jiti";
import { GantryError, type JsonValue } from "../../core/index.js";
import type { ScorerContext } from "../eval-spec.js";
import type { Check } from "./check-scorer.js";
import { compileJavascript } from "./compile-javascript.js";
import type { ScorerParams } from "./scorer-spec-schema.js";
import { scriptVerdict } from "./script-verdict.js";

// Scorers written by the user: inline JavaScript (promptfoo's `javascript` assert) and TypeScript
// modules in the workspace (`custom`), loaded with jiti like gantry.config.ts, so no build step.

/** What a `javascript` expression sees as `context` (promptfoo's `context.vars` and `context.prompt` included). */
export function scriptContext(context: ScorerContext): Record<string, unknown> {
  const { testCase, output } = context;
  const input = testCase.input;
  const vars =
    testCase.vars ?? (input !== null && typeof input === "object" && !Array.isArray(input) ? input : {});
  return {
    vars,
    prompt: typeof input === "string" ? input : JSON.stringify(input),
    testCase,
    text: output.text,
    toolCalls: output.toolCalls,
    costMicros: output.costMicros,
    latencyMs: output.latencyMs,
    finishReason: output.finishReason,
    traceId: output.traceId,
  };
}

export function javascriptCheck(spec: ScorerParams<"javascript">): Check {
  const check = compileJavascript(spec.expression);
  return async (context) => {
    const result = await check(
      context.output.output,
      context.testCase.expected,
      context.testCase.input,
      scriptContext(context),
    );
    return scriptVerdict(result, spec.threshold);
  };
}

/** The function a custom scorer module exports: it gets the scorer context and the spec's `params`. */
export type CustomScorerFunction = (
  context: ScorerContext & { params: Record<string, JsonValue> },
) => unknown;

function invalidCustom(
  spec: ScorerParams<"custom">,
  file: string,
  message: string,
  cause?: unknown,
): GantryError {
  return new GantryError({
    code: "EVAL_SCORER_INVALID",
    message: `Custom scorer ${spec.module}: ${message}`,
    domain: "EVAL",
    category: "USER",
    details: { module: spec.module, file, ...(spec.export ? { export: spec.export } : {}) },
    ...(cause === undefined ? {} : { cause }),
    hint: "A custom scorer module exports a function (default, or the name given as `export`) taking { testCase, output, params } and returning a boolean, a number or { pass, score, reason }.",
  });
}

/** Loads a custom scorer module relative to the workspace root. */
export async function customCheck(spec: ScorerParams<"custom">, root: string): Promise<Check> {
  const file = isAbsolute(spec.module) ? spec.module : resolve(root, spec.module);
  if (!isAbsolute(spec.module) && relative(root, file).startsWith("..")) {
    throw invalidCustom(spec, file, "the module must be inside the workspace");
  }
  // `gantry` resolves to this very copy, as for gantry.config.ts: src/index.ts under tsx, dist/index.js built.
  const jiti = createJiti(import.meta.url, {
    alias: { gantry: fileURLToPath(new URL("../../index", import.meta.url)) },
    moduleCache: false,
    fsCache: false,
    interopDefault: true,
  });
  let loaded: Record<string, unknown>;
  try {
    loaded = (await jiti.import(file)) as Record<string, unknown>;
  } catch (cause) {
    throw invalidCustom(
      spec,
      file,
      `could not be loaded: ${cause instanceof Error ? cause.message.split("\n")[0] : String(cause)}`,
      cause,
    );
  }
  const exported = spec.export
    ? loaded?.[spec.export]
    : typeof loaded === "function"
      ? loaded
      : loaded?.default;
  if (typeof exported !== "function") {
    throw invalidCustom(
      spec,
      file,
      `exports no function ${spec.export ? `named ${spec.export}` : "as default"}`,
    );
  }
  const scorer = exported as CustomScorerFunction;
  return async (context) =>
    scriptVerdict(await scorer({ ...context, params: spec.params ?? {} }), spec.threshold);
}
