export { abortableSleep, type Sleep } from "./abortable-sleep.js";
export { type ConversationFacts, conversationFacts } from "./conversation-facts.js";
export { defaultScenario } from "./default-scenario.js";
export { chunkDelayMs, lognormalSigma, sampleLatencyMs } from "./latency-model.js";
export { loadScenarioFile, loadScenarios, parseScenario } from "./load-scenario.js";
export {
  baselineVersionName,
  builtInVersions,
  type ResolvedVersion,
  resolveVersion,
} from "./model-versions.js";
export type { FaultKind } from "./pick-fault.js";
export {
  defineScenario,
  type ModelVersion,
  type RuleMatch,
  type RuleReply,
  type Scenario,
  type ScenarioInput,
  type ScenarioRule,
  scenarioSchema,
  type TextMatcher,
} from "./scenario-schema.js";
export { SeededRandom, seedFrom } from "./seeded-random.js";
export { SimLanguageModel, type SimModelContext } from "./sim-language-model.js";
export { parseSimModelId, type SimModelFamily, type SimModelId, simModelFamilies } from "./sim-model-id.js";
export { createSimProvider, type SimProvider, type SimProviderSettings, simModel } from "./sim-provider.js";
export { loadTokenCounter, type TokenCounter } from "./token-counter.js";
