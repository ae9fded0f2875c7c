import { NoSuchModelError, type ProviderV3 } from "@ai-sdk/provider";
import type { z } from "zod";
import { type Clock, formatIssues, GantryError, simSettingsSchema, systemClock } from "../../core/index.js";
import { abortableSleep, type Sleep } from "./abortable-sleep.js";
import { loadScenarios } from "./load-scenario.js";
import type { Scenario, ScenarioInput } from "./scenario-schema.js";
import { SimLanguageModel } from "./sim-language-model.js";

/** Sim settings as in the config (`models.sim`), plus what code and tests can inject. */
export interface SimProviderSettings extends Omit<z.input<typeof simSettingsSchema>, "scenarios"> {
  /** Scenario file paths (YAML or TS, relative to `workspaceRoot`) or scenario objects, tried in order. */
  scenarios?: ReadonlyArray<string | ScenarioInput>;
  /** Folder scenario paths are relative to; the current directory by default. */
  workspaceRoot?: string;
  /** Replaces real waiting (latency, timeouts), e.g. with one that records and returns at once. */
  sleep?: Sleep;
  /** Source of response timestamps. */
  clock?: Clock;
}

/** The sim as an AI SDK provider: `sim("default@2026-06")` or `sim.languageModel("sim:fast")`. */
export interface SimProvider extends ProviderV3 {
  (modelId?: string): SimLanguageModel;
  languageModel(modelId: string): SimLanguageModel;
  /** Loads and validates the scenarios now (they otherwise load on the first call); rejects on a bad file. */
  loadScenarios(): Promise<Scenario[]>;
}

const settingsSchema = simSettingsSchema.omit({ scenarios: true });

/**
 * Creates a sim provider. Scenario files load once, on first use, and are shared by its models; each
 * model id gets one model instance, which owns its random state. A new provider starts afresh.
 */
export function createSimProvider(settings: SimProviderSettings = {}): SimProvider {
  const {
    scenarios: scenarioEntries = [],
    workspaceRoot,
    sleep = abortableSleep,
    clock = systemClock,
    ...rest
  } = settings;
  const parsed = settingsSchema.safeParse(rest, { reportInput: true });
  if (!parsed.success) {
    const problems = formatIssues(parsed.error);
    throw new GantryError({
      code: "SIM_SETTINGS_INVALID",
      message: `Invalid sim settings: ${problems.map((problem) => `${problem.path}: ${problem.message}`).join("; ")}`,
      domain: "MODEL",
      category: "USER",
      details: { problems: problems.map((problem) => ({ ...problem })) },
      hint: "Check models.sim in gantry.config.ts against docs/guides/sim-model.md.",
    });
  }
  let loading: Promise<Scenario[]> | undefined;
  const scenarios = () => {
    loading ??= loadScenarios(scenarioEntries, workspaceRoot);
    return loading;
  };
  const context = { ...parsed.data, scenarios, sleep, clock };
  // One model per id, so resolving `sim:default` again (as registries do per request) continues the
  // same random state instead of replaying the first call's draws.
  const models = new Map<string, SimLanguageModel>();
  const languageModel = (modelId: string) => {
    let model = models.get(modelId);
    if (!model) {
      model = new SimLanguageModel(modelId, context);
      models.set(modelId, model);
    }
    return model;
  };
  const noSuchModel = (modelType: "embeddingModel" | "imageModel") => (modelId: string) => {
    throw new NoSuchModelError({
      modelId,
      modelType,
      message: `The sim provider has no ${modelType} "${modelId}"`,
    });
  };
  const provider = (modelId = "default") => languageModel(modelId);
  return Object.assign(provider, {
    specificationVersion: "v3" as const,
    languageModel,
    embeddingModel: noSuchModel("embeddingModel"),
    imageModel: noSuchModel("imageModel"),
    loadScenarios: scenarios,
  });
}

/** One sim model with its own provider: `simModel("sim:default@2026-06", { seed: 7 })`. */
export function simModel(modelId = "sim:default", settings: SimProviderSettings = {}): SimLanguageModel {
  return createSimProvider(settings).languageModel(modelId);
}
