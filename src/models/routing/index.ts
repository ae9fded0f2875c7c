// Routing: which candidates serve a request (rules, content, classifier, cascades) and how often
// cascades escalate. Reached through src/models/index.ts.
export {
  type CascadeValidatorInput,
  type CascadeValidatorSetting,
  createResultValidator,
  type ResultValidator,
  resultText,
} from "./cascade-validators.js";
export { createRouter, type Router, type RouterOptions } from "./create-router.js";
export {
  createEscalationRecorder,
  type EscalationRecorder,
  type EscalationStats,
} from "./escalation-recorder.js";
export { jsonSchemaChecker } from "./json-schema-check.js";
export { promptUserText } from "./prompt-user-text.js";
export { validateRouting } from "./validate-routing.js";
