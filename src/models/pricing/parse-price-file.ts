import { z } from "zod";
import { formatIssues, GantryError, type PriceEntry, priceEntrySchema } from "../../core/index.js";

/** The key under which a Gantry price file records which snapshot of public prices it is. */
export const snapshotKey = "gantry_snapshot";

// LiteLLM's own file documents its fields in a `sample_spec` entry whose values are prose, not prices.
const ignoredKeys = new Set(["sample_spec"]);

const snapshotSchema = z.looseObject({ version: z.string().min(1), source: z.string().min(1) });

/** Which public price list a price file was taken from, and when. */
export type PriceSnapshot = z.output<typeof snapshotSchema>;

/** A validated price file: LiteLLM model key → entry, plus its snapshot record when it has one. */
export interface PriceFile {
  entries: Record<string, PriceEntry>;
  snapshot: PriceSnapshot | undefined;
}

/** One wrong field in a price file or override. */
export interface PriceProblem {
  model: string;
  field: string;
  message: string;
}

/** Validates a LiteLLM-format price file's content; `file` names it in errors. */
export function parsePriceFile(raw: unknown, file: string): PriceFile {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw invalidPrices(file, [
      { model: "(root)", field: "(root)", message: "expected an object of model name → price entry" },
    ]);
  }
  const entries: Record<string, PriceEntry> = {};
  const problems: PriceProblem[] = [];
  let snapshot: PriceSnapshot | undefined;
  for (const [model, value] of Object.entries(raw)) {
    if (ignoredKeys.has(model)) continue;
    if (model === snapshotKey) {
      const parsed = snapshotSchema.safeParse(value);
      if (parsed.success) snapshot = parsed.data;
      else problems.push(...problemsOf(model, parsed.error));
      continue;
    }
    const parsed = priceEntrySchema.safeParse(value, { reportInput: true });
    if (parsed.success) entries[model] = parsed.data;
    else problems.push(...problemsOf(model, parsed.error));
  }
  if (problems.length > 0) throw invalidPrices(file, problems);
  return { entries, snapshot };
}

/** Validates `models.prices.overrides` (Gantry model id or LiteLLM key → partial entry). */
export function parsePriceOverrides(raw: Record<string, unknown>): Record<string, PriceEntry> {
  const overrides: Record<string, PriceEntry> = {};
  const problems: PriceProblem[] = [];
  for (const [model, value] of Object.entries(raw)) {
    const parsed = priceEntrySchema.safeParse(value, { reportInput: true });
    if (parsed.success) overrides[model] = parsed.data;
    else problems.push(...problemsOf(model, parsed.error));
  }
  if (problems.length > 0) {
    throw new GantryError({
      code: "PRICE_OVERRIDE_INVALID",
      message: `Invalid price override in models.prices.overrides:\n${describe(problems)}`,
      domain: "CONFIG",
      category: "USER",
      details: { problems: problems.map((problem) => ({ ...problem })) },
      hint: "Prices are USD per token in LiteLLM's field names, e.g. { input_cost_per_token: 3e-6 }.",
    });
  }
  return overrides;
}

function problemsOf(model: string, error: z.ZodError): PriceProblem[] {
  return formatIssues(error).map((problem) => ({ model, field: problem.path, message: problem.message }));
}

function describe(problems: readonly PriceProblem[]): string {
  return problems
    .map((problem) => `  ${JSON.stringify(problem.model)}.${problem.field}: ${problem.message}`)
    .join("\n");
}

function invalidPrices(file: string, problems: readonly PriceProblem[]): GantryError {
  return new GantryError({
    code: "PRICE_FILE_INVALID",
    message: `Invalid price file ${file}:\n${describe(problems)}`,
    domain: "CONFIG",
    category: "USER",
    details: { file, problems: problems.map((problem) => ({ ...problem })) },
    hint: "Use LiteLLM's model_prices_and_context_window.json format: model name → { input_cost_per_token, … } in USD per token.",
  });
}
