// The CI gate: thresholds, the verdict and its exit code, and the prompt-label gate that runs a suite.

export {
  type EvalPromptGateOptions,
  type EvalPromptGateSetup,
  evalPromptGate,
  evalsGatePrefix,
} from "./eval-prompt-gate.js";
export { defaultPassRateThreshold, type GateThresholds } from "./gate-thresholds.js";
export { type GateInput, gateVerdict } from "./gate-verdict.js";
